import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { cssProps } from '@herald/core';
import type { Department, Member, Position } from '../api/types.js';
import { HeraldDepartmentCreateEvent } from '../events/department-create.js';
import { HeraldDepartmentDeleteEvent } from '../events/department-delete.js';
import { HeraldDepartmentDeleteRequestEvent } from '../events/department-delete-request.js';
import { HeraldDepartmentUpdateEvent } from '../events/department-update.js';
import { HeraldPositionCreateEvent } from '../events/position-create.js';
import { HeraldPositionDeleteEvent } from '../events/position-delete.js';
import { HeraldPositionDeleteRequestEvent } from '../events/position-delete-request.js';
import { HeraldPositionUpdateEvent } from '../events/position-update.js';
import { AdminTab } from '../shared/admin-tab.js';
import { childrenOf, displayOrder, indented, inSubtree, pathName } from '../shared/departments.js';
import { styles } from './org.styles.js';

/**
 * The organisation tab: the department tree (an ARIA tree with roving tabindex and type-ahead) with member counts;
 * create, rename, move ("Move to…" never offers the department's own subtree), reorder, set head, delete (with the
 * option to move its members first); and the list of positions.
 *
 * @tag herald-admin-org
 * @fires {HeraldDepartmentCreateEvent} herald-department-create - `detail.id`.
 * @fires {HeraldDepartmentUpdateEvent} herald-department-update - Renamed, moved, reordered or given a head.
 *   `detail.id`.
 * @fires {HeraldDepartmentDeleteEvent} herald-department-delete - `detail.id`.
 * @fires {HeraldDepartmentDeleteRequestEvent} herald-department-delete-request - Cancelable, just before a confirmed
 *   delete. `detail = { id, name }`.
 * @fires {HeraldPositionCreateEvent} herald-position-create - `detail.id`.
 * @fires {HeraldPositionUpdateEvent} herald-position-update - `detail.id`.
 * @fires {HeraldPositionDeleteEvent} herald-position-delete - `detail.id`.
 * @fires {HeraldPositionDeleteRequestEvent} herald-position-delete-request - Cancelable, just before a confirmed
 *   delete. `detail = { id, name }`.
 * @csspart tree - The department tree.
 * @csspart treeitem - One department in the tree.
 * @csspart department - The selected department's settings.
 * @csspart positions - The positions table.
 * @csspart delete - The delete confirmation of a department (and where its members go).
 * @csspart row - One position.
 */
export class HeraldAdminOrg extends AdminTab {
  static override styles = styles;

  /** The departments shown (all for an org admin, else the manageable ones). */
  @state() private departments: Department[] = [];
  /** Every department, for path names above a scoped admin's roots. */
  private everyone: Department[] = [];
  @state() private positions: Position[] = [];
  @state() private expanded = new Set<string>();
  @state() private selectedId: string | null = null;
  /** The tree item holding the roving tabindex. */
  @state() private activeId: string | null = null;
  @state() private headCandidates: Member[] = [];
  @state() private moveMembersTo = '';
  @state() private editingPosition: string | null = null;
  private typeahead = '';
  private typeaheadTimer?: ReturnType<typeof setTimeout>;

  /**
   * The tree and the positions (issue 16): a newer load (after a change) aborts an older one, whose late answer is
   * dropped; leaving the tab aborts it, and coming back loads again.
   */
  private readonly org = this.loader(
    () => [] as const,
    (_, signal) => Promise.all([this.api.departments(signal), this.api.positions(signal)]),
    ([departments, positions]) => {
      this.departments = this.scoped(departments);
      this.positions = [...positions].sort((a, b) => a.level - b.level || a.name.localeCompare(b.name));
      if (!this.expanded.size)
        this.expanded = new Set(
          this.departments
            .filter((d) => !d.parentId || !this.departments.some((p) => p.id === d.parentId))
            .map((d) => d.id),
        );
      this.activeId ??= this.departments[0]?.id ?? null;
    },
  );

  protected load(): Promise<void> {
    return this.org.run();
  }

  /** After a change: the tree again (member counts, order, heads are the server's). */
  private reloadDepartments(): Promise<void> {
    return this.org.run();
  }

  /**
   * An organisation admin sees the whole tree; anyone else only the departments they may manage (their granted
   * subtrees, which then show as roots).
   */
  private scoped(departments: Department[]): Department[] {
    this.everyone = departments;
    return displayOrder(this.can('org.admin') ? departments : departments.filter((d) => d.manageable));
  }

  /**
   * May the caller rename, move, reorder, set the head of or delete `d`? Inside a granted subtree but not its root:
   * changing the root needs the parent's scope (the server's rule).
   */
  private changeable(d: Department): boolean {
    if (!d.manageable) return false;
    if (this.can('org.admin')) return true;
    return this.departments.some((p) => p.id === d.parentId && p.manageable);
  }

  private get selected(): Department | undefined {
    return this.departments.find((d) => d.id === this.selectedId);
  }

  /** The departments a keyboard user can reach: roots, and children of expanded items. */
  private visible(): Department[] {
    const ids = new Set(this.departments.map((d) => d.id));
    const out: Department[] = [];
    const walk = (list: Department[]) => {
      for (const d of list) {
        out.push(d);
        if (this.expanded.has(d.id)) walk(childrenOf(this.departments, d.id));
      }
    };
    walk(this.departments.filter((d) => !d.parentId || !ids.has(d.parentId)).sort((a, b) => a.sortOrder - b.sortOrder));
    return out;
  }

  private focusItem(id: string | undefined) {
    if (!id) return;
    this.activeId = id;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[role="treeitem"][data-id="${CSS.escape(id)}"]`)?.focus(),
    );
  }

  private async select(id: string) {
    this.selectedId = id;
    this.activeId = id;
    this.moveMembersTo = '';
    this.notice = '';
    this.headCandidates = [];
    await this.headPicker.run([id]);
  }

  /** The selected department's members, to pick its head from; selecting another aborts the older load (issue 16). */
  private readonly headPicker = this.loader(
    () => [this.selectedId ?? ''] as [string],
    ([id], signal) => this.api.members({ departmentId: id, subtree: false, status: 'active', limit: 200 }, signal),
    (page) => void (this.headCandidates = page.items),
  );

  private setExpanded(id: string, open: boolean) {
    const next = new Set(this.expanded);
    if (open) next.add(id);
    else next.delete(id);
    this.expanded = next;
  }

  private onTreeKeydown(event: KeyboardEvent) {
    const items = this.visible();
    const index = items.findIndex((d) => d.id === this.activeId);
    const current = items[index];
    if (!current) return;
    const hasChildren = this.departments.some((d) => d.parentId === current.id);
    const open = this.expanded.has(current.id);
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        this.focusItem(items[Math.min(index + 1, items.length - 1)]?.id);
        break;
      case 'ArrowUp':
        this.focusItem(items[Math.max(index - 1, 0)]?.id);
        break;
      case 'Home':
        this.focusItem(items[0]?.id);
        break;
      case 'End':
        this.focusItem(items[items.length - 1]?.id);
        break;
      case 'ArrowRight':
        if (hasChildren && !open) this.setExpanded(current.id, true);
        else if (hasChildren) this.focusItem(childrenOf(this.departments, current.id)[0]?.id);
        break;
      case 'ArrowLeft':
        if (hasChildren && open) this.setExpanded(current.id, false);
        else if (current.parentId && this.departments.some((d) => d.id === current.parentId))
          this.focusItem(current.parentId);
        break;
      case 'Enter':
      case ' ':
        void this.select(current.id);
        break;
      default:
        handled = event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
        if (handled) this.typeAhead(event.key, items, index);
    }
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  /** Moves to the next visible department whose name starts with what was typed in the last half second. */
  private typeAhead(key: string, items: Department[], index: number) {
    clearTimeout(this.typeaheadTimer);
    this.typeahead += key.toLocaleLowerCase();
    this.typeaheadTimer = setTimeout(() => (this.typeahead = ''), 500);
    const ordered = [...items.slice(index + (this.typeahead.length === 1 ? 1 : 0)), ...items.slice(0, index)];
    const match = ordered.find((d) => d.name.toLocaleLowerCase().startsWith(this.typeahead));
    if (match) this.focusItem(match.id);
  }

  private async create(event: Event, parentId: string | null) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const input = form.querySelector('input')!;
    const name = input.value.trim();
    if (!name) {
      this.error = this.t('admin.org.nameRequired');
      input.focus();
      return;
    }
    const created = await this.run(() => this.api.createDepartment({ name, parentId }));
    if (!created) return;
    this.emit(new HeraldDepartmentCreateEvent({ id: created.id }));
    form.reset();
    await this.reloadDepartments();
    if (parentId) this.setExpanded(parentId, true);
    this.notice = this.t('admin.org.created', { name });
  }

  private async patchDepartment(
    input: { name?: string; parentId?: string | null; index?: number; headMemberId?: string | null },
    notice: string,
  ) {
    const d = this.selected;
    if (!d) return;
    const done = await this.run(() => this.api.updateDepartment(d.id, input));
    if (!done) return;
    this.emit(new HeraldDepartmentUpdateEvent({ id: d.id }));
    await this.reloadDepartments();
    if (input.parentId) this.setExpanded(input.parentId, true);
    this.notice = notice;
  }

  private rename(event: Event) {
    event.preventDefault();
    const name = this.renderRoot.querySelector<HTMLInputElement>('#rename')!.value.trim();
    if (!name) {
      this.error = this.t('admin.org.nameRequired');
      return;
    }
    void this.patchDepartment({ name }, this.t('admin.saved'));
  }

  private move(event: Event) {
    event.preventDefault();
    const value = this.renderRoot.querySelector<HTMLSelectElement>('#move-to')!.value;
    if (!value) return;
    const parentId = value === '(root)' ? null : value;
    const target = this.departments.find((d) => d.id === parentId);
    void this.patchDepartment(
      { parentId },
      this.t('admin.org.moved', { name: this.selected!.name, target: target?.name ?? this.t('admin.org.topLevel') }),
    );
  }

  private reorder(delta: -1 | 1) {
    const d = this.selected!;
    const siblings = childrenOf(this.departments, d.parentId ?? null);
    const index = siblings.indexOf(d) + delta;
    if (index < 0 || index >= siblings.length) return;
    void this.patchDepartment({ index }, this.t('admin.saved')).then(() => this.focusAfterReorder(delta));
  }

  private focusAfterReorder(delta: -1 | 1) {
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>(delta < 0 ? '#move-up' : '#move-down')?.focus(),
    );
  }

  private setHead(event: Event) {
    const value = (event.target as HTMLSelectElement).value;
    void this.patchDepartment({ headMemberId: value || null }, this.t('admin.saved'));
  }

  private async deleteSelected() {
    const d = this.selected;
    if (!d) return;
    const request = () => new HeraldDepartmentDeleteRequestEvent({ id: d.id, name: d.name });
    if (!this.confirmed(`department:${d.id}`, request)) return;
    const ok = await this.run(
      async () => (await this.api.deleteDepartment(d.id, this.moveMembersTo || undefined), true),
    );
    if (!ok) return;
    this.emit(new HeraldDepartmentDeleteEvent({ id: d.id }));
    this.selectedId = null;
    await this.reloadDepartments();
    this.notice = this.t('admin.org.deleted', { name: d.name });
    this.focusItem(d.parentId ?? this.departments[0]?.id);
  }

  // Positions
  private async savePosition(event: Event, id: string | null) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = form.querySelector<HTMLInputElement>('[name="name"]')!.value.trim();
    const levelText = form.querySelector<HTMLInputElement>('[name="level"]')!.value.trim();
    const level = Number(levelText);
    if (!name) return void (this.error = this.t('admin.org.nameRequired'));
    if (!/^-?\d+$/.test(levelText)) return void (this.error = this.t('admin.error.number'));
    const saved = await this.run(() =>
      id ? this.api.updatePosition(id, { name, level }) : this.api.createPosition({ name, level }),
    );
    if (!saved) return;
    const detail = { id: saved.id };
    this.emit(id ? new HeraldPositionUpdateEvent(detail) : new HeraldPositionCreateEvent(detail));
    this.positions = [...this.positions.filter((p) => p.id !== saved.id), saved].sort(
      (a, b) => a.level - b.level || a.name.localeCompare(b.name),
    );
    this.editingPosition = null;
    if (!id) form.reset();
    this.notice = this.t('admin.saved');
  }

  private async deletePosition(p: Position) {
    if (!this.confirmed(`position:${p.id}`, () => new HeraldPositionDeleteRequestEvent({ id: p.id, name: p.name })))
      return;
    const ok = await this.run(async () => (await this.api.deletePosition(p.id), true));
    if (!ok) return;
    this.emit(new HeraldPositionDeleteEvent({ id: p.id }));
    this.positions = this.positions.filter((x) => x.id !== p.id);
    this.notice = this.t('admin.org.positionDeleted', { name: p.name });
  }

  override render() {
    return html`
      <div role="alert" part="alert"
        >${this.error || this.loadProblem(this.org) || this.loadProblem(this.headPicker)}</div>
      <div role="status" part="status">${this.notice}</div>
      <div class="columns">
        <section aria-labelledby="tree-title">
          <h3 id="tree-title">${this.t('admin.org.departments')}</h3>
          ${this.renderLoaded(this.org, (loading) => this.renderTree(loading))}
          ${
            this.can('org.admin')
              ? html`<form class="inline" @submit=${(e: Event) => this.create(e, null)}>
            <label for="new-root">${this.t('admin.org.newRoot')}</label>
            <input id="new-root" autocomplete="off" /><button class="secondary" type="submit"
              >${this.t('admin.create')}</button>
          </form>`
              : nothing
          }
        </section>
        <section aria-labelledby="department-title" part="department">
          ${
            this.selected
              ? this.renderDepartment(this.selected)
              : html`<h3 id="department-title" class="muted"
            >${this.t('admin.org.pick')}</h3>`
          }
        </section>
      </div>
      ${this.renderPositions()}
    `;
  }

  /* eslint-disable lit-a11y/accessible-name, lit-a11y/click-events-have-key-events --
    each treeitem is named by its text; the tree's own keydown moves and opens them (roving tabindex) */
  private renderTree(loading: boolean) {
    if (!this.departments.length)
      return html`<p class="muted">${loading ? this.t('common.loading') : this.t('admin.org.none')}</p>`;
    const ids = new Set(this.departments.map((d) => d.id));
    const roots = this.departments
      .filter((d) => !d.parentId || !ids.has(d.parentId))
      .sort((a, b) => a.sortOrder - b.sortOrder);
    const active = this.visible().some((d) => d.id === this.activeId) ? this.activeId : roots[0]?.id;
    const levelOf = (d: Department) => {
      let level = 1;
      for (
        let p = this.departments.find((x) => x.id === d.parentId);
        p;
        p = this.departments.find((x) => x.id === p!.parentId)
      )
        level++;
      return level;
    };
    // A flat list of the visible items with aria-level/setsize/posinset: each item's name is its own label only.
    const item = (d: Department): TemplateResult => {
      const siblings = ids.has(d.parentId ?? '') ? childrenOf(this.departments, d.parentId!) : roots;
      const hasChildren = this.departments.some((c) => c.parentId === d.id);
      const open = this.expanded.has(d.id);
      const level = levelOf(d);
      return html`<li role="treeitem" part="treeitem" data-id=${d.id} aria-level=${level}
        aria-setsize=${siblings.length}
        aria-posinset=${siblings.indexOf(d) + 1} ${cssProps({ '--level': level - 1 })}
        aria-selected=${d.id === this.selectedId ? 'true' : 'false'}
          aria-expanded=${hasChildren ? String(open) : nothing}
        tabindex=${d.id === active ? 0 : -1} @focus=${() => (this.activeId = d.id)}
        @click=${() => {
          void this.select(d.id);
          this.focusItem(d.id);
        }}>
        <span class="row">
          <span class="twisty" aria-hidden="true" @click=${(e: Event) => {
            e.stopPropagation();
            this.setExpanded(d.id, !open);
            this.focusItem(d.id);
          }}>${hasChildren ? (open ? '▾' : '▸') : ''}</span>
          <span id="label-${d.id}"><span class="name">${d.name}</span><span class="visually-hidden">, </span> <span
            class="count">${this.t('admin.org.memberCount', { count: d.memberCount })}</span></span>
        </span>
      </li>`;
    };
    return html`<ul role="tree" part="tree" aria-labelledby="tree-title" @keydown=${this.onTreeKeydown}
      >${this.visible().map(item)}</ul>`;
  }
  /* eslint-enable lit-a11y/accessible-name, lit-a11y/click-events-have-key-events */

  private renderDepartment(d: Department) {
    const siblings = childrenOf(this.departments, d.parentId ?? null);
    const position = siblings.indexOf(d);
    const hasChildren = this.departments.some((x) => x.parentId === d.id);
    const targets = this.departments.filter((x) => x.manageable && !inSubtree(x, d) && x.id !== d.parentId);
    const addChild = d.manageable
      ? html`<form class="inline" @submit=${(e: Event) => this.create(e, d.id)}>
          <label for="new-child">${this.t('admin.org.newChild')}</label>
          <input id="new-child" autocomplete="off" /><button type="submit" class="secondary"
            >${this.t('admin.create')}</button>
        </form>`
      : nothing;
    return html`<h3 id="department-title">${pathName(this.everyone, d)}</h3>
      <p class="muted"
        >${this.t('admin.org.summary', { count: d.memberCount, head: d.headName ?? this.t('admin.none') })}</p>
      ${
        this.changeable(d)
          ? html`
        <form class="inline" @submit=${this.rename}>
          <label for="rename">${this.t('admin.org.name')}</label>
          <input id="rename" .value=${d.name} autocomplete="off" /><button type="submit" class="secondary"
            >${this.t('admin.org.rename')}</button>
        </form>
        <div class="inline">
          <label for="head">${this.t('admin.org.head')}</label>
          <select id="head" @change=${this.setHead}>
            <option value="" ?selected=${!d.headMemberId}>${this.t('admin.none')}</option>
            ${
              d.headMemberId && !this.headCandidates.some((m) => m.id === d.headMemberId)
                ? html`<option
              value=${d.headMemberId} selected>${d.headName ?? ''}</option>`
                : nothing
            }
            ${this.headCandidates.map(
              (m) => html`<option value=${m.id} ?selected=${m.id === d.headMemberId}
              >${m.name} (${m.employeeNo})</option>`,
            )}
          </select>
        </div>
        <form class="inline" @submit=${this.move}>
          <label for="move-to">${this.t('admin.org.moveTo')}</label>
          <select id="move-to">
            <option value="">${this.t('admin.choose')}</option>
            ${
              d.parentId && this.can('org.admin')
                ? html`<option value="(root)">${this.t('admin.org.topLevel')}</option
              >`
                : nothing
            }
            ${targets.map((x) => html`<option value=${x.id}>${indented(x)}</option>`)}
          </select>
          <button type="submit" class="secondary">${this.t('admin.org.move')}</button>
        </form>
        <div class="inline">
          <button id="move-up" class="secondary" ?disabled=${position <= 0 || this.busy}
            @click=${() => this.reorder(-1)}>${this.t('admin.org.up')}</button>
          <button id="move-down" class="secondary" ?disabled=${position >= siblings.length - 1 || this.busy}
            @click=${() => this.reorder(1)}>${this.t('admin.org.down')}</button>
        </div>
        ${addChild}
        <div part="delete" class="delete">
          <h4>${this.t('admin.org.deleteTitle')}</h4>
          ${
            hasChildren
              ? html`<p>${this.t('admin.org.deleteHasChildren')}</p>`
              : html`${
                  d.memberCount > 0
                    ? html`<p>${this.t('admin.org.deleteHasMembers', { count: d.memberCount })}</p>
                <div class="inline"><label for="move-members">${this.t('admin.org.moveMembersTo')}</label>
                  <select id="move-members"
                    @change=${(e: Event) => (this.moveMembersTo = (e.target as HTMLSelectElement).value)}>
                    <option value="">${this.t('admin.choose')}</option>
                    ${this.departments
                      .filter((x) => x.id !== d.id && x.manageable)
                      .map(
                        (x) => html`<option
                      value=${x.id} ?selected=${this.moveMembersTo === x.id}>${indented(x)}</option>`,
                      )}
                  </select></div>`
                    : nothing
                }
              <button class="danger" ?disabled=${(d.memberCount > 0 && !this.moveMembersTo) || this.busy}
                @click=${this.deleteSelected}>
                ${this.confirmText(`department:${d.id}`, this.t('admin.org.delete', { name: d.name }))}</button>`
          }
        </div>`
          : addChild
      }`;
  }

  private renderPositions() {
    const admin = this.can('org.admin');
    const row = (p: Position) =>
      this.editingPosition === p.id
        ? html`<tr><td colspan="3"><form class="inline" @submit=${(e: Event) => this.savePosition(e, p.id)}>
          <label for="pos-name-${p.id}">${this.t('admin.org.positionName')}</label><input id="pos-name-${p.id}"
            name="name" .value=${p.name} />
          <label for="pos-level-${p.id}">${this.t('admin.org.level')}</label><input id="pos-level-${p.id}" name="level"
            inputmode="numeric" .value=${String(p.level)} size="4" />
          <button type="submit">${this.t('admin.save')}</button>
          <button type="button" class="secondary" @click=${() => (this.editingPosition = null)}
            >${this.t('admin.cancel')}</button>
        </form></td></tr>`
        : html`<tr part="row"><td>${p.name}</td><td>${p.level}</td><td>${
            admin
              ? html`
          <button class="small secondary" aria-label=${this.t('admin.org.editPosition', { name: p.name })}
            @click=${() => (this.editingPosition = p.id)}>${this.t('admin.edit')}</button>
          <button class="small danger"
            aria-label=${this.confirmText(`position:${p.id}`, this.t('admin.org.deletePosition', { name: p.name }))}
            @click=${() => this.deletePosition(p)}
              >${this.confirmText(`position:${p.id}`, this.t('admin.delete'))}</button>`
              : nothing
          }</td></tr>`;
    return html`<section aria-labelledby="positions-title">
      <h3 id="positions-title">${this.t('admin.org.positions')}</h3>
      <table part="positions">
        <thead><tr><th scope="col">${this.t('admin.org.positionName')}</th><th scope="col"
          >${this.t('admin.org.level')}</th><th scope="col"><span class="visually-hidden"
          >${this.t('admin.actions')}</span></th></tr></thead>
        <tbody>${this.positions.map(row)}</tbody>
      </table>
      ${
        admin
          ? html`<form class="inline" @submit=${(e: Event) => this.savePosition(e, null)}
            aria-label=${this.t('admin.org.newPosition')}>
        <label for="pos-name">${this.t('admin.org.positionName')}</label><input id="pos-name" name="name"
          autocomplete="off" />
        <label for="pos-level">${this.t('admin.org.level')}</label><input id="pos-level" name="level"
          inputmode="numeric" size="4" value="1" />
        <button type="submit" class="secondary">${this.t('admin.org.addPosition')}</button>
      </form>`
          : nothing
      }
    </section>`;
  }
}

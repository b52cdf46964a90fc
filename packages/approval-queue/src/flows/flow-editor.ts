import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import {
  buttonStyles,
  controls,
  fieldBaseStyles,
  fieldErrorMessage,
  HeraldElement,
  LocalizeController,
  problemMessage,
  renderField,
  tokens,
  type MessageKey,
} from '@herald/core';
import { HeraldContextController, HeraldProblem, isAbort, type HeraldClient } from '@herald/client';
import { ApprovalsApi, type Named } from '../api/approvals-api.js';
import type { DirectoryEntry, Flow } from '../api/types.js';
import { HeraldFlowCreateEvent } from '../events/flow-create.js';
import { HeraldFlowDeleteRequestEvent } from '../events/flow-delete-request.js';
import { HeraldFlowDeleteEvent } from '../events/flow-delete.js';
import { HeraldFlowReorderEvent } from '../events/flow-reorder.js';
import { HeraldFlowUpdateEvent } from '../events/flow-update.js';
import { approvalStyles } from '../approval-queue/approval-queue.styles.js';
import {
  draftOf,
  emptyDraft,
  emptyNode,
  fieldOf,
  inputOf,
  validate,
  type FlowDraft,
  type NodeDraft,
  type RuleKind,
} from './draft.js';
import { approvalStrings } from '../i18n/index.js';

const KINDS = ['internal', 'external', 'urgent'] as const;
const PRIORITIES = ['normal', 'high', 'urgent'] as const;
const RULES: RuleKind[] = ['members', 'department-head', 'department-head-up', 'role'];

/**
 * The approval flow editor (R5, `approval.admin`): the flows in the order they are tried (Move up / Move down),
 * enable/disable, and a form to create or edit one — conditions, ordered steps with their approver rule, method and
 * cc, and the self-approval rule. Checks what the server would refuse before sending; the server's field errors show
 * at their fields. Shown by `<herald-approval-queue>` as its "Flows" tab.
 *
 * @tag herald-approval-flows
 * @fires {HeraldFlowCreateEvent} herald-flow-create - A flow was created. `detail.ids`.
 * @fires {HeraldFlowUpdateEvent} herald-flow-update - A flow was changed, enabled or disabled. `detail.ids`.
 * @fires {HeraldFlowDeleteEvent} herald-flow-delete - A flow was deleted. `detail.ids`.
 * @fires {HeraldFlowReorderEvent} herald-flow-reorder - The flows were reordered. `detail.ids`, the new order.
 * @fires {HeraldFlowDeleteRequestEvent} herald-flow-delete-request - Cancelable, just before a confirmed delete.
 *   `detail = { id, name }`.
 * @csspart flows - The list of flows.
 * @csspart flow - One flow in the list.
 * @csspart form - The flow form.
 * @csspart node - One step in the form.
 * @csspart actions - The form's buttons.
 * @csspart alert - A problem (refusal, field errors).
 * @csspart status - The outcome of the last action (a live region).
 */
export class HeraldApprovalFlows extends HeraldElement {
  static override catalogues = [approvalStrings];
  static override styles = [
    tokens,
    controls,
    buttonStyles,
    fieldBaseStyles,
    approvalStyles,
    css`
    .flows { list-style: none; margin: 0; padding: 0; }
    .flow { display: flex; flex-wrap: wrap; gap: var(--_herald-space-2); align-items: center; padding:
      var(--_herald-space-2) 0; border-bottom: 1px solid var(--_herald-color-border); }
    .flow .name { flex: 1 1 192px; font-weight: var(--_herald-font-weight-bold); }
    fieldset { border: 1px solid var(--_herald-color-border); border-radius: var(--_herald-radius-s); margin: 0 0
      var(--_herald-space-3); display: grid; gap: var(--_herald-space-2); }
    .row { display: flex; flex-wrap: wrap; gap: var(--_herald-space-3); align-items: center; }
    .chips { display: flex; flex-wrap: wrap; gap: var(--_herald-space-2); list-style: none; margin: 0; padding: 0; }
    [role='alert']:empty { display: none; }
  `,
  ];

  protected readonly i18n = new LocalizeController(this);
  protected readonly herald = new HeraldContextController(this);

  @state() private flows: Flow[] = [];
  @state() private loaded = false;
  @state() private error = '';
  @state() private notice = '';
  @state() private busy = false;
  @state() private draft: FlowDraft | null = null;
  @state() private fieldErrors: Record<string, string> = {};
  @state() private departments: Named[] = [];
  @state() private roles: Named[] = [];
  /** Member search results per search box (`nodes.0.approvers`, `nodes.0.cc`). */
  @state() private results: Record<string, DirectoryEntry[]> = {};
  @state() private confirmDelete: string | null = null;
  /** Names of members picked in this session (flows store ids only). */
  private names = new Map<string, string>();
  private api?: ApprovalsApi;
  private loadedFor?: HeraldClient;
  private searchTimers = new Map<string, ReturnType<typeof setTimeout>>();

  override willUpdate(): void {
    const client = this.herald.client;
    if (client && this.herald.session.status === 'signed-in' && client !== this.loadedFor) {
      this.loadedFor = client;
      this.api = new ApprovalsApi(client);
      // After this update, so the load's state changes schedule a fresh one.
      void Promise.resolve().then(() => this.refresh());
    }
  }

  /**
   * The flows and the departments and roles the form offers, through `@lit/task` (issue 16): a newer run aborts the
   * older one (its `signal` goes to the fetches) and only the newest answer is applied; leaving aborts it, and coming
   * back loads again. The departments and roles only fill the form's choices: their failure is no problem to show.
   */
  private readonly load = new Task(this, {
    autoRun: false,
    args: () => [] as const,
    task: (_, { signal }) =>
      Promise.all([
        this.api!.flows(signal),
        Promise.allSettled([this.api!.departments(signal), this.api!.roles(signal)]),
      ]),
    onComplete: ([flows, [departments, roles]]) => {
      this.flows = flows;
      this.loaded = true;
      if (departments.status === 'fulfilled') this.departments = departments.value;
      if (roles.status === 'fulfilled') this.roles = roles.value;
    },
  });

  /** Reloads the flows (and the departments and roles the form offers). */
  refresh(): Promise<void> {
    return this.api ? this.load.run() : Promise.resolve();
  }

  /** Leaving aborted a load still running: load again when back on the page. */
  private reloadOnConnect = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.load.status !== TaskStatus.PENDING) return;
    this.load.abort();
    this.reloadOnConnect = true;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.reloadOnConnect) return;
    this.reloadOnConnect = false;
    void this.refresh();
  }

  /** A failed load's problem in words (an abort is no failure). */
  private get loadProblem(): string {
    if (this.load.status !== TaskStatus.ERROR || isAbort(this.load.error)) return '';
    return problemMessage(this.load.error, this.i18n);
  }

  private t(key: MessageKey, params?: Record<string, unknown>) {
    return this.i18n.t(key, params);
  }

  private async run<T>(action: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    this.error = '';
    try {
      return await action();
    } catch (error) {
      this.error = problemMessage(error, this.i18n);
      if (error instanceof HeraldProblem && error.errors?.length && this.draft) {
        const fields: Record<string, string> = {};
        for (const e of error.errors) fields[fieldOf(e.path)] ??= fieldErrorMessage(e, this.i18n);
        this.fieldErrors = fields;
      }
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  // ---- list actions ---------------------------------------------------------------------------------------------

  private async move(index: number, by: -1 | 1) {
    const ids = this.flows.map((f) => f.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id!);
    const flows = await this.run(() => this.api!.reorderFlows(ids));
    if (!flows) return;
    this.flows = flows;
    this.emit(new HeraldFlowReorderEvent({ ids }));
    await this.updateComplete;
    this.renderRoot
      .querySelector<HTMLButtonElement>(`[data-id="${CSS.escape(id!)}"] .${by < 0 ? 'up' : 'down'}:not([disabled])`)
      ?.focus();
  }

  private async setEnabled(flow: Flow, enabled: boolean) {
    const saved = await this.run(() => this.api!.updateFlow(flow.id, { enabled }));
    if (!saved) return;
    this.flows = this.flows.map((f) => (f.id === saved.id ? saved : f));
    this.emit(new HeraldFlowUpdateEvent({ ids: [saved.id] }));
  }

  private async removeFlow(flow: Flow) {
    if (this.confirmDelete !== flow.id) {
      this.confirmDelete = flow.id;
      return;
    }
    this.confirmDelete = null;
    if (!this.emit(new HeraldFlowDeleteRequestEvent({ id: flow.id, name: flow.name }))) return;
    const ok = await this.run(async () => (await this.api!.deleteFlow(flow.id), true));
    if (!ok) return;
    this.flows = this.flows.filter((f) => f.id !== flow.id);
    this.emit(new HeraldFlowDeleteEvent({ ids: [flow.id] }));
  }

  private edit(flow: Flow | null) {
    this.draft = flow ? draftOf(flow) : emptyDraft();
    if (flow) void this.loadNames(this.draft.nodes.flatMap((n) => [...n.memberIds, ...n.cc]));
    this.fieldErrors = {};
    this.error = '';
    this.notice = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#flow-name')?.focus());
  }

  /** Names for the member ids of a flow being edited; without the right to read members they stay ids. */
  private async loadNames(ids: string[]) {
    const missing = [...new Set(ids)].filter((id) => !this.names.has(id));
    const found = await Promise.allSettled(missing.map(async (id) => [id, await this.api!.memberName(id)] as const));
    for (const r of found) if (r.status === 'fulfilled') this.names.set(r.value[0], r.value[1]);
    if (found.some((r) => r.status === 'fulfilled')) this.requestUpdate();
  }

  // ---- form -----------------------------------------------------------------------------------------------------

  private patch(change: Partial<FlowDraft>) {
    this.draft = { ...this.draft!, ...change };
  }

  private patchNode(index: number, change: Partial<NodeDraft>) {
    this.patch({ nodes: this.draft!.nodes.map((n, i) => (i === index ? { ...n, ...change } : n)) });
  }

  private moveNode(index: number, by: -1 | 1) {
    const nodes = [...this.draft!.nodes];
    const [n] = nodes.splice(index, 1);
    nodes.splice(index + by, 0, n!);
    this.patch({ nodes });
  }

  private toggleIn(list: string[], value: string, on: boolean) {
    return on ? [...new Set([...list, value])] : list.filter((v) => v !== value);
  }

  private search(key: string, q: string) {
    clearTimeout(this.searchTimers.get(key));
    if (!q.trim()) {
      this.results = { ...this.results, [key]: [] };
      return;
    }
    this.searchTimers.set(
      key,
      setTimeout(async () => {
        try {
          const found = await this.api!.members(q.trim());
          this.results = { ...this.results, [key]: found };
        } catch (error) {
          this.error = problemMessage(error, this.i18n);
        }
      }, 200),
    );
  }

  private async save(event: Event) {
    event.preventDefault();
    const draft = this.draft!;
    const errors = validate(draft);
    this.fieldErrors = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, this.t(v)]));
    if (Object.keys(errors).length) {
      this.error = this.t('approvals.form.invalid');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const input = inputOf(draft);
    const saved = await this.run(() =>
      draft.id ? this.api!.updateFlow(draft.id, input) : this.api!.createFlow(input),
    );
    if (!saved) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.flows = draft.id ? this.flows.map((f) => (f.id === saved.id ? saved : f)) : [...this.flows, saved];
    const ids = [saved.id];
    this.emit(draft.id ? new HeraldFlowUpdateEvent({ ids }) : new HeraldFlowCreateEvent({ ids }));
    this.draft = null;
    this.notice = this.t('approvals.flows.saved');
  }

  // ---- rendering ------------------------------------------------------------------------------------------------

  override render(): TemplateResult {
    return html`<section aria-labelledby="flows-heading">
      <h3 id="flows-heading">${this.t('approvals.flows.title')}</h3>
      <p role="alert" part="alert" class="error">${this.error || this.loadProblem}</p>
      <p role="status" part="status">${this.notice}</p>
      ${this.draft ? this.renderForm(this.draft) : this.renderList()}
    </section>`;
  }

  private renderList(): TemplateResult {
    const last = this.flows.length - 1;
    return html`<p class="muted">${this.t('approvals.flows.intro')}</p>
      <button id="new-flow" @click=${() => this.edit(null)}>${this.t('approvals.flows.new')}</button>
      ${
        this.loaded && !this.flows.length
          ? html`<p class="muted" id="no-flows">${this.t('approvals.flows.empty')}</p
        >`
          : nothing
      }
      <ol part="flows" class="flows">${this.flows.map(
        (f, i) => html`<li part="flow" class="flow" data-id=${f.id}>
        <span class="name">${f.name}</span>
        <span class="muted">${this.t('approvals.flows.nodes', { count: f.nodes.length })}</span>
        <label><input type="checkbox" class="enabled" .checked=${f.enabled} ?disabled=${this.busy}
          @change=${(e: Event) => this.setEnabled(f, (e.target as HTMLInputElement).checked)} />
          <span class="visually-hidden">${this.t('approvals.flows.enable', { name: f.name })}</span>
          <span aria-hidden="true">${this.t(f.enabled ? 'approvals.flows.enabled' : 'approvals.flows.disabled')}</span
            ></label>
        <button class="secondary up" ?disabled=${i === 0 || this.busy}
          aria-label=${this.t('approvals.flows.moveUp', { name: f.name })} @click=${() => this.move(i, -1)}>↑</button>
        <button class="secondary down" ?disabled=${i === last || this.busy}
          aria-label=${this.t('approvals.flows.moveDown', { name: f.name })} @click=${() => this.move(i, 1)}>↓</button>
        <button class="secondary edit" @click=${() => this.edit(f)}>${this.t('approvals.flows.edit')}<span
          class="visually-hidden"> ${f.name}</span></button>
        <button class="danger delete" @click=${() => this.removeFlow(f)}
          >${
            this.confirmDelete === f.id
              ? this.t('approvals.flows.deleteConfirm', { name: f.name })
              : this.t('approvals.flows.delete')
          }<span class="visually-hidden"> ${f.name}</span></button>
      </li>`,
      )}</ol>`;
  }

  private renderForm(d: FlowDraft): TemplateResult {
    return html`<form part="form" novalidate @submit=${this.save} aria-labelledby="form-heading">
      <h4 id="form-heading">${this.t(d.id ? 'approvals.form.titleEdit' : 'approvals.form.titleNew')}</h4>
      ${renderField(
        { id: 'flow-name', label: this.t('approvals.form.name'), error: this.fieldErrors['name'] },
        (w) =>
          html`<input id="flow-name" maxlength="100" .value=${d.name}
          aria-invalid=${w.invalid} aria-describedby=${w.describedBy}
          @input=${(e: Event) => this.patch({ name: (e.target as HTMLInputElement).value })} />`,
      )}
      <fieldset>
        <legend>${this.t('approvals.form.conditions')}</legend>
        <fieldset class="row"><legend>${this.t('approvals.form.kinds')}</legend>
          ${KINDS.map(
            (k) => html`<label><input type="checkbox" name="kind" value=${k} .checked=${d.kinds.includes(k)}
            @change=${(e: Event) =>
              this.patch({
                kinds: this.toggleIn(this.draft!.kinds, k, (e.target as HTMLInputElement).checked),
              })} />${this.t(`approvals.form.kind.${k}`)}</label>`,
          )}
        </fieldset>
        <fieldset class="row"><legend>${this.t('approvals.form.priorities')}</legend>
          ${PRIORITIES.map(
            (p) => html`<label><input type="checkbox" name="priority" value=${p} .checked=${d.priorities.includes(p)}
            @change=${(e: Event) =>
              this.patch({
                priorities: this.toggleIn(this.draft!.priorities, p, (e.target as HTMLInputElement).checked),
              })} />${this.t(`approvals.form.priority.${p}`)}</label>`,
          )}
        </fieldset>
        ${renderField(
          {
            id: 'department',
            label: this.t('approvals.form.department'),
            error: this.fieldErrors['conditions.senderDepartmentId'],
          },
          (w) => html`
          <select id="department" aria-invalid=${w.invalid} aria-describedby=${w.describedBy}
            @change=${(e: Event) => this.patch({ senderDepartmentId: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!d.senderDepartmentId}>${this.t('approvals.form.anyDepartment')}</option>
            ${this.departments.map(
              (dep) => html`<option value=${dep.id} ?selected=${dep.id === d.senderDepartmentId}
              >${dep.name}</option>`,
            )}
          </select>`,
        )}
        <div class="row">
          <label><input type="checkbox" id="external" .checked=${d.hasExternalRecipients}
            @change=${(e: Event) => this.patch({ hasExternalRecipients: (e.target as HTMLInputElement).checked })}
            />${this.t('approvals.form.external')}</label>
          <label><input type="checkbox" id="attachments" .checked=${d.hasAttachments}
            @change=${(e: Event) => this.patch({ hasAttachments: (e.target as HTMLInputElement).checked })}
            />${this.t('approvals.form.attachments')}</label>
          <label for="min-recipients">${this.t('approvals.form.minRecipients')}</label>
          <input id="min-recipients" type="number" min="0" inputmode="numeric" .value=${d.minRecipients}
            @input=${(e: Event) => this.patch({ minRecipients: (e.target as HTMLInputElement).value })} />
        </div>
      </fieldset>
      <fieldset>
        <legend>${this.t('approvals.form.nodes')}</legend>
        ${
          this.fieldErrors['nodes']
            ? html`<span class="field-error" id="nodes-error">${this.fieldErrors['nodes']}</span
          >`
            : nothing
        }
        <ol class="plain">${d.nodes.map((n, i) => this.renderNode(n, i, d.nodes.length))}</ol>
        <div><button type="button" class="secondary" id="add-node" ?disabled=${d.nodes.length >= 10}
          @click=${() => this.patch({ nodes: [...this.draft!.nodes, emptyNode()] })}
          >${this.t('approvals.form.addNode')}</button></div>
      </fieldset>
      <fieldset class="row">
        <legend>${this.t('approvals.form.selfApproval')}</legend>
        ${(['skip', 'forbid'] as const).map(
          (s) => html`<label><input type="radio" name="self" value=${s} .checked=${d.selfApproval === s}
          @change=${() => this.patch({ selfApproval: s })} />${this.t(`approvals.form.self.${s}`)}</label>`,
        )}
      </fieldset>
      <div part="actions" class="row">
        <button type="submit" id="save" aria-disabled=${this.busy ? 'true' : 'false'}
          >${this.t('approvals.form.save')}</button>
        <button type="button" class="secondary" id="cancel" @click=${() => ((this.draft = null), (this.error = ''))}
          >${this.t('approvals.form.cancel')}</button>
      </div>
    </form>`;
  }

  private renderNode(n: NodeDraft, i: number, count: number): TemplateResult {
    const p = `node-${i}`;
    const index = i + 1;
    return html`<li part="node" class="node">
      <fieldset>
        <legend>${this.t('approvals.form.node', { index })}</legend>
        ${renderField(
          { id: `${p}-name`, label: this.t('approvals.form.nodeName'), error: this.fieldErrors[`nodes.${i}.name`] },
          (w) =>
            html`<input id="${p}-name" class="node-name" maxlength="100" .value=${n.name}
            aria-invalid=${w.invalid} aria-describedby=${w.describedBy}
            @input=${(e: Event) => this.patchNode(i, { name: (e.target as HTMLInputElement).value })} />`,
        )}
        ${renderField(
          {
            id: `${p}-rule`,
            label: this.t('approvals.form.approvers'),
            error: this.fieldErrors[`nodes.${i}.approvers`],
          },
          (w) => html`<select id="${p}-rule" class="rule" aria-invalid=${w.invalid} aria-describedby=${w.describedBy}
            @change=${(e: Event) => this.patchNode(i, { rule: (e.target as HTMLSelectElement).value as RuleKind })}>
            <option value="" ?selected=${!n.rule}>${this.t('approvals.form.rule.none')}</option>
            ${RULES.map(
              (r) => html`<option value=${r} ?selected=${n.rule === r}
              >${this.t(`approvals.form.rule.${r}` as MessageKey)}</option>`,
            )}
          </select>`,
        )}
        ${
          n.rule === 'members'
            ? this.renderMemberPicker(
                `nodes.${i}.approvers`,
                `${p}-members`,
                'approvals.form.memberSearch',
                n.memberIds,
                (memberIds) => this.patchNode(i, { memberIds }),
              )
            : nothing
        }
        ${
          n.rule === 'department-head-up'
            ? renderField(
                { id: `${p}-levels`, label: this.t('approvals.form.levels') },
                () => html`<input id="${p}-levels" type="number" min="1" max="10" .value=${n.levels}
                  @input=${(e: Event) => this.patchNode(i, { levels: (e.target as HTMLInputElement).value })} />`,
              )
            : nothing
        }
        ${
          n.rule === 'role'
            ? html`${renderField(
                { id: `${p}-role`, label: this.t('approvals.form.role') },
                () => html`<select id="${p}-role" class="role"
                  @change=${(e: Event) => this.patchNode(i, { roleId: (e.target as HTMLSelectElement).value })}>
                  <option value="" ?selected=${!n.roleId}>${this.t('approvals.form.rule.none')}</option>
                  ${this.roles.map(
                    (r) => html`<option value=${r.id} ?selected=${r.id === n.roleId}>${r.name}</option
                    >`,
                  )}
                </select>`,
              )}
              <label><input type="checkbox" id="${p}-in-dept" .checked=${n.inSenderDepartment}
                @change=${(e: Event) =>
                  this.patchNode(i, { inSenderDepartment: (e.target as HTMLInputElement).checked })}
                />${this.t('approvals.form.inSenderDepartment')}</label>`
            : nothing
        }
        ${renderField(
          { id: `${p}-method`, label: this.t('approvals.form.method') },
          () => html`<select id="${p}-method" class="method"
            @change=${(e: Event) =>
              this.patchNode(i, { method: (e.target as HTMLSelectElement).value as 'any' | 'all' })}>
            ${(['any', 'all'] as const).map(
              (m) => html`<option value=${m} ?selected=${n.method === m}
              >${this.t(`approvals.method.${m}`)}</option>`,
            )}
          </select>`,
        )}
        <label><input type="checkbox" id="${p}-sign-off" class="sign-off" .checked=${n.signOff}
          @change=${(e: Event) => this.patchNode(i, { signOff: (e.target as HTMLInputElement).checked })}
          />${this.t('approvals.form.signOff')}</label>
        ${this.renderMemberPicker(
          `nodes.${i}.cc`,
          `${p}-cc`,
          'approvals.form.ccSearch',
          n.cc,
          (cc) => this.patchNode(i, { cc }),
          'approvals.form.cc',
        )}
        <div class="row">
          <button type="button" class="secondary" ?disabled=${i === 0} @click=${() => this.moveNode(i, -1)}
            >${this.t('approvals.form.moveNodeUp', { index })}</button>
          <button type="button" class="secondary" ?disabled=${i === count - 1} @click=${() => this.moveNode(i, 1)}
            >${this.t('approvals.form.moveNodeDown', { index })}</button>
          <button type="button" class="secondary remove-node"
            @click=${() => this.patch({ nodes: this.draft!.nodes.filter((_, j) => j !== i) })}
            >${this.t('approvals.form.removeNode', { index })}</button>
        </div>
      </fieldset>
    </li>`;
  }

  private pickedIn(key: string): string[] {
    const [, i, field] = /^nodes\.(\d+)\.(\w+)$/.exec(key)!;
    const node = this.draft!.nodes[Number(i)]!;
    return field === 'cc' ? node.cc : node.memberIds;
  }

  private renderMemberPicker(
    key: string,
    id: string,
    searchLabel: MessageKey,
    chosen: string[],
    set: (ids: string[]) => void,
    heading?: MessageKey,
  ): TemplateResult {
    // Handlers read the draft as it is now (several changes may land before the next render).
    const now = () => this.pickedIn(key);
    const results = (this.results[key] ?? []).filter((m) => !chosen.includes(m.id));
    return html`<div class="field picker" data-key=${key}>
      ${heading ? html`<span>${this.t(heading)}</span>` : nothing}
      ${
        chosen.length
          ? html`<ul class="chips">${chosen.map(
              (m) => html`<li>${this.names.get(m) ?? m}
        <button type="button" class="secondary" @click=${() => set(now().filter((c) => c !== m))}
          >${this.t('approvals.form.remove', { name: this.names.get(m) ?? m })}</button></li>`,
            )}</ul>`
          : nothing
      }
      <label for=${id}>${this.t(searchLabel)}</label>
      <input id=${id} type="search" class="member-search" autocomplete="off"
        @input=${(e: Event) => this.search(key, (e.target as HTMLInputElement).value)} />
      ${
        results.length
          ? html`<ul class="chips results">${results.map(
              (m) => html`<li><button type="button" class="secondary add-member" data-id=${m.id}
        @click=${() => {
          this.names.set(m.id, m.name);
          set([...now(), m.id]);
          this.results = { ...this.results, [key]: [] };
        }}>${this.t('approvals.form.add', { name: m.name })}${
          m.detail
            ? html` <span class="muted">${m.detail}</span
          >`
            : nothing
        }</button></li>`,
            )}</ul>`
          : nothing
      }
    </div>`;
  }
}

// Issue 19 #7: "Publish to knowledge space" in the reading pane. Shown only when the server's capability flag says so
// (`GET /knowledge/messages/{id}` → `can.publish`), asked only by members holding `knowledge.publish`; a modal
// <dialog> chooses the reach (the whole organisation or departments, with their sub-departments) and tags. A published
// message shows where it is, and its publisher (or a moderating admin) can unpublish it.
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { HeraldClient } from '@herald/client';
import { problemMessage, type LocalizeController } from '@herald/core';
import type { MessageViewContext, MessageViewHost } from '../message/context.js';
import { knowledgeStrings } from './i18n/index.js';
import { KnowledgeApi, type KnowledgeState } from './knowledge-api.js';

type Choice = { id: string; name: string };

export class KnowledgePublishController implements ReactiveController {
  private state: KnowledgeState | null = null;
  private open = false;
  private everyone = true;
  private departments: Choice[] = [];
  private tags: Choice[] = [];
  private chosenDepartments = new Set<string>();
  private chosenTags = new Set<string>();
  private error = '';
  private busy = false;
  private api?: KnowledgeApi;
  private generation = 0;

  constructor(
    private readonly host: MessageViewHost,
    private readonly ctx: MessageViewContext,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.open = false;
    this.generation++;
  }

  private get i18n(): LocalizeController {
    return this.ctx.i18n;
  }

  /** Asks the server about the message shown (only when the caller holds `knowledge.publish`). */
  async show(messageId: string | undefined, client: HeraldClient | undefined, permissions: readonly string[]) {
    const generation = ++this.generation;
    this.state = null;
    if (!messageId || !client || !permissions.includes('knowledge.publish')) return;
    if (this.api?.client !== client) this.api = new KnowledgeApi(client);
    try {
      const [state] = await Promise.all([this.api.ofMessage(messageId), this.i18n.use(knowledgeStrings)]);
      if (generation !== this.generation) return;
      this.state = state;
      this.host.requestUpdate();
    } catch {
      // No action then: the reading pane works without it.
    }
  }

  private get dialog() {
    return this.host.renderRoot.querySelector<HTMLDialogElement>('#knowledge-dialog');
  }

  private async openDialog(): Promise<void> {
    this.open = true;
    this.error = '';
    this.everyone = true;
    this.chosenDepartments = new Set();
    this.chosenTags = new Set();
    this.host.requestUpdate();
    await this.host.updateComplete;
    if (!this.dialog?.open) this.dialog?.showModal();
    this.host.renderRoot.querySelector<HTMLElement>('#knowledge-everyone')?.focus();
    const [departments, tags] = await Promise.all([
      this.api!.departments().catch(() => []),
      this.api!.organisationTags().catch(() => []),
    ]);
    this.departments = departments;
    this.tags = tags;
    this.host.requestUpdate();
  }

  private close(focus = true): void {
    this.dialog?.close();
    this.open = false;
    this.busy = false;
    this.host.requestUpdate();
    if (focus) this.ctx.focusAfterRender('#knowledge-publish');
  }

  private async submit(e: Event, messageId: string): Promise<void> {
    e.preventDefault();
    if (this.busy || !this.api) return;
    const t = (key: Parameters<LocalizeController['t']>[0]) => this.i18n.t(key);
    if (!this.everyone && !this.chosenDepartments.size) {
      this.error = t('knowledge.publish.chooseDepartment');
      this.host.requestUpdate();
      return;
    }
    this.busy = true;
    try {
      const item = await this.api.publish({
        messageId,
        ...(this.everyone ? { everyone: true } : { departmentIds: [...this.chosenDepartments] }),
        tagIds: [...this.chosenTags],
      });
      this.state = { item, can: { publish: false, unpublish: item.can.unpublish } };
      this.close(false);
      this.ctx.announce(t('knowledge.publish.done'));
      this.ctx.focusAfterRender('#knowledge-unpublish');
    } catch (error) {
      this.busy = false;
      this.error = problemMessage(error, this.i18n);
      this.host.requestUpdate();
    }
  }

  private async unpublish(): Promise<void> {
    const item = this.state?.item;
    if (!item || !this.api) return;
    try {
      await this.api.unpublish(item.id);
      this.state = { item: null, can: { publish: true, unpublish: false } };
      this.ctx.announce(this.i18n.t('knowledge.unpublish.done'));
      this.ctx.focusAfterRender('#knowledge-publish');
      this.host.requestUpdate();
    } catch (error) {
      this.ctx.announce(problemMessage(error, this.i18n), 'error');
    }
  }

  renderActions(): TemplateResult | typeof nothing {
    const state = this.state;
    if (!state || (!state.can.publish && !state.item)) return nothing;
    const { i18n } = this;
    const item = state.item;
    const reach = item
      ? item.everyone
        ? i18n.t('knowledge.scope.everyone')
        : item.departments.map((d) => d.name).join('、')
      : '';
    return html`<div class="manage" role="group" aria-label=${i18n.t('knowledge.title')}>
      ${
        state.can.publish
          ? html`<button type="button" class="secondary" id="knowledge-publish" @click=${() => void this.openDialog()}
            >${i18n.t('knowledge.publish.action')}</button>`
          : nothing
      }
      ${item ? html`<span class="muted">${i18n.t('knowledge.publish.published', { reach })}</span>` : nothing}
      ${
        item && state.can.unpublish
          ? html`<button type="button" class="secondary danger" id="knowledge-unpublish"
            @click=${() => void this.unpublish()}>${i18n.t('knowledge.unpublish.action')}</button>`
          : nothing
      }
    </div>`;
  }

  private toggle(set: Set<string>, id: string, on: boolean): void {
    if (on) set.add(id);
    else set.delete(id);
    this.error = '';
    this.host.requestUpdate();
  }

  private checkboxes(name: string, choices: Choice[], chosen: Set<string>, disabled = false) {
    return html`<ul class="choices">
      ${choices.map(
        (c) => html`<li><label><input type="checkbox" name=${name} .value=${c.id} ?disabled=${disabled}
          .checked=${chosen.has(c.id)}
          @change=${(e: Event) => this.toggle(chosen, c.id, (e.target as HTMLInputElement).checked)} />
          ${c.name}</label></li>`,
      )}
    </ul>`;
  }

  renderDialog(messageId: string): TemplateResult | typeof nothing {
    if (!this.state) return nothing;
    const { i18n } = this;
    const radio = (
      everyone: boolean,
      id: string,
      key: 'knowledge.publish.everyone' | 'knowledge.publish.departments',
    ) =>
      html`<label><input type="radio" name="knowledge-reach" id=${id} .checked=${this.everyone === everyone}
        @change=${() => ((this.everyone = everyone), (this.error = ''), this.host.requestUpdate())} />
        ${i18n.t(key)}</label>`;
    return html`<dialog id="knowledge-dialog" aria-labelledby="knowledge-title"
      @cancel=${(e: Event) => (e.preventDefault(), this.close())}>
      ${
        this.open
          ? html`<form method="dialog" @submit=${(e: Event) => this.submit(e, messageId)}>
            <h2 id="knowledge-title">${i18n.t('knowledge.publish.title')}</h2>
            <p class="muted">${i18n.t('knowledge.publish.intro')}</p>
            <fieldset>
              <legend>${i18n.t('knowledge.publish.reach')}</legend>
              ${radio(true, 'knowledge-everyone', 'knowledge.publish.everyone')}
              ${radio(false, 'knowledge-departments', 'knowledge.publish.departments')}
              <div role="group" aria-label=${i18n.t('knowledge.publish.departmentList')} ?hidden=${this.everyone}>
                ${this.checkboxes('department', this.departments, this.chosenDepartments, this.everyone)}
              </div>
            </fieldset>
            <fieldset>
              <legend>${i18n.t('knowledge.publish.tags')}</legend>
              ${
                this.tags.length
                  ? this.checkboxes('tag', this.tags, this.chosenTags)
                  : html`<p class="muted">${i18n.t('knowledge.publish.noTags')}</p>`
              }
            </fieldset>
            <p class="field-error" id="knowledge-error" role="alert" ?hidden=${!this.error}>${this.error}</p>
            <div class="dialog-actions">
              <button type="button" class="secondary" @click=${() => this.close()}
                >${i18n.t('knowledge.publish.cancel')}</button>
              <button type="submit" id="knowledge-submit" aria-disabled=${this.busy}
                >${i18n.t('knowledge.publish.submit')}</button>
            </div>
          </form>`
          : nothing
      }
    </dialog>`;
  }
}

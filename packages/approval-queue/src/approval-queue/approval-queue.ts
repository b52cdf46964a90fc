import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { HeraldPanel, isAbort, LiveSubscription, type HeraldClient } from '@herald/client';
import {
  InlineImageLoader,
  once,
  problemMessage,
  renderField,
  tabKeyTarget,
  type MessageKey,
  type Note,
} from '@herald/core';
import { ApprovalsApi } from '../api/approvals-api.js';
import type { Approval, ApprovalTab } from '../api/types.js';
import { HeraldApprovalDecideEvent } from '../events/approval-decide.js';
import { HeraldApprovalResubmitEvent } from '../events/approval-resubmit.js';
import { HeraldApprovalRetryEvent } from '../events/approval-retry.js';
import { HeraldApprovalWithdrawEvent } from '../events/approval-withdraw.js';
import { renderFlow, renderHistory, renderMessage, renderTimeline } from './detail.js';
import { EditDialogController } from './edit-dialog.js';
import { SignatureImages } from './signature-images.js';
import { loadSignaturePad, SignOffController } from './sign-off.js';
import { styles } from './approval-queue.styles.js';
import { approvalStrings } from '../i18n/index.js';

// The flow editor (admins only) is a lazy chunk, loaded when its tab is first shown (issue 16).
const loadFlows = once(() => import('../flows/define.js'));

export type QueueTab = ApprovalTab | 'flows';
/** The step waiting on the caller is a sign-off (签批): the decision needs an opinion and a signature. */
const signOffStep = (a: Approval) => a.nodes.some((n) => n.status === 'pending' && n.signOff);
const LIST_TABS: ApprovalTab[] = ['todo', 'done', 'mine'];
/** The live events that change what the lists and the open request show. */
export const LIVE_EVENTS = ['approval.assigned', 'approval.decided', 'approval.stuck', 'approval.withdrawn'] as const;

interface ListState {
  items: Approval[];
  nextCursor: string | null;
  loaded: boolean;
}
const EMPTY: ListState = { items: [], nextCursor: null, loaded: false };

/**
 * The approval queue (R5, R10, R14): "To approve" (with its count), "Decided by me" and "My requests", each opening a
 * request's detail — the message as recipients will see it, who it goes to, why the flow matched, the steps' timeline
 * and the history — with Approve / Reject (a comment is required to reject), Withdraw / Edit / Resubmit for the sender
 * (Edit: a rejected message's subject and rich-text body, in a dialog, before resubmitting) and Retry for admins;
 * batch approval on "To approve" (sign-off steps are skipped: each needs its own signature); a sign-off step (签批)
 * asks for an opinion and a signature — drawn on `<herald-signature-pad>` (a lazy chunk) or typed — and the
 * signatures show in the timeline and history; and, for `approval.admin`, a "Flows" tab with the flow editor
 * (`<herald-approval-flows>`). Lists refresh live on `approval.assigned|decided|stuck|withdrawn`.
 * Uses the client and session of the nearest <herald-provider>, or the page's shared one.
 *
 * @tag herald-approval-queue
 * @slot empty - Replaces the default empty-state text (shown when nobody is signed in).
 * @slot actions - Custom actions shown in the header.
 * @fires {HeraldApprovalDecideEvent} herald-approval-decide - The user approved or rejected (`detail.ids`,
 *   `detail.decision`); also for batch
 *   approval.
 * @fires {HeraldApprovalWithdrawEvent} herald-approval-withdraw - The sender withdrew a request. `detail.ids`.
 * @fires {HeraldApprovalResubmitEvent} herald-approval-resubmit - The sender resubmitted a rejected request.
 *   `detail.ids`.
 * @fires {HeraldApprovalRetryEvent} herald-approval-retry - An admin retried a stuck request. `detail.ids`.
 * @fires {HeraldFlowCreateEvent} herald-flow-create - From the Flows tab: a flow was created. `detail.ids`.
 * @fires {HeraldFlowUpdateEvent} herald-flow-update - From the Flows tab: a flow was changed, enabled or disabled.
 *   `detail.ids`.
 * @fires {HeraldFlowDeleteEvent} herald-flow-delete - From the Flows tab: a flow was deleted. `detail.ids`.
 * @fires {HeraldFlowReorderEvent} herald-flow-reorder - From the Flows tab: the flows were reordered. `detail.ids`,
 *   the new order.
 * @fires {HeraldFlowDeleteRequestEvent} herald-flow-delete-request - From the Flows tab: cancelable, just before a
 *   confirmed delete.
 *   `detail = { id, name }`.
 * @csspart base - The outer region.
 * @csspart header - The header bar with the title and the signed-in subject.
 * @csspart title - The heading.
 * @csspart identity - The "signed in as" line.
 * @csspart body - The content area.
 * @csspart empty - The default empty-state text.
 * @csspart tablist - The row of tabs.
 * @csspart tab - One tab.
 * @csspart tabpanel - The panel of the selected tab.
 * @csspart list - A tab's list of requests.
 * @csspart item - One request in a list.
 * @csspart detail - The open request.
 * @csspart message - The message as recipients will see it.
 * @csspart timeline - The steps of the flow with each approver's decision.
 * @csspart history - The request's history.
 * @csspart actions - The decision and sender/admin buttons.
 * @csspart edit-dialog - The dialog editing a rejected message before it is resubmitted.
 * @csspart toolbar - The bar above the "To approve" list (select all, approve selected).
 * @csspart message-body - The rich body of the request's message.
 * @csspart attachments - The request's attachments.
 * @csspart sign-off - On a sign-off step (签批): the "Signature" group — draw on the pad or type one's name.
 * @csspart signature - A decision's signature in the timeline and history (the drawn image, or the typed name).
 * @cssproperty --herald-color-surface - Background (and every other `--herald-*` token).
 */
export class HeraldApprovalQueue extends HeraldPanel {
  static override catalogues = [approvalStrings];
  static override styles = styles;

  protected readonly titleKey = 'approvalQueue.title' as const;

  /** The selected tab (`todo`, `done`, `mine`, `flows`); reflects. */
  @property({ reflect: true }) tab: QueueTab = 'todo';

  /** `light` or `dark` (unset: follows `prefers-color-scheme`). */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  @state() private lists: Record<ApprovalTab, ListState> = { todo: EMPTY, done: EMPTY, mine: EMPTY };
  @state() private selected = new Set<string>();
  /** Outcomes kept as notes (and the batch's failure as its problem), worded at render in the current locale. */
  @state() private batchStatus: Note | null = null;
  @state() private batchFailure: unknown = null;
  @state() private openId: string | null = null;
  @state() private detail: Approval | null = null;
  @state() private detailError = '';
  @state() private comment = '';
  @state() private commentError = '';
  @state() private actionStatus: Note | null = null;
  @state() private busy = false;

  private api?: ApprovalsApi;

  /**
   * Loads through `@lit/task` (issue 16), run when asked: a newer run of a list (a live refresh, "Load more") or of
   * the detail aborts the older one (its `signal` goes to the fetch) and only the newest answer is applied; switching
   * tabs or leaving aborts what is no longer shown.
   */
  private readonly listLoads = {
    todo: this.listLoad('todo'),
    done: this.listLoad('done'),
    mine: this.listLoad('mine'),
  } satisfies Record<ApprovalTab, unknown>;
  private readonly detailLoad = new Task(this, {
    autoRun: false,
    args: () => [this.openId ?? ''] as [string],
    task: ([id], { signal }) => this.api!.get(id, signal),
    onComplete: (approval) => void (this.detail = approval),
  });

  private listLoad(tab: ApprovalTab) {
    return new Task(this, {
      autoRun: false,
      args: () => [null] as [string | null],
      task: async ([cursor], { signal }) => ({ cursor, page: await this.api!.list(tab, cursor, signal) }),
      onComplete: ({ cursor, page }) => {
        const items = cursor ? [...this.lists[tab].items, ...page.items] : page.items;
        this.lists = { ...this.lists, [tab]: { items, nextCursor: page.nextCursor, loaded: true } };
        if (tab !== 'todo') return;
        this.selected = new Set([...this.selected].filter((id) => items.some((i) => i.id === id && i.can.decide)));
      },
    });
  }
  private readonly live = new LiveSubscription(
    this,
    Object.fromEntries(LIVE_EVENTS.map((type) => [type, () => void this.refresh()])),
  );
  /** Sign-off steps (签批, issue 19 item 2): signing a decision, and showing the signatures made. */
  private readonly signOff = new SignOffController(this, {
    i18n: this.i18n,
    loadPad: () => void this.loadPart(loadSignaturePad),
    locale: () => this.locale,
  });
  private readonly signatures = new SignatureImages(
    this,
    () => this.api?.signatureImage,
    (load) => void this.loadPart(load),
  );
  /** Issue 20 #9: the previewed body's inline images (a new loader after each disconnect). */
  private images = this.imageLoader();
  private readonly signatureSrc = (signature: { id: string }) => this.signatures.src(this.openId ?? '', signature.id);
  private readonly editor = new EditDialogController(this, {
    i18n: this.i18n,
    client: () => this.herald.client,
    save: async (messageId, patch) => {
      await this.api!.editMessage(messageId, patch);
      await this.refresh(); // the detail (and "My requests") show the edited content
      this.actionStatus = { key: 'approvals.done.edit' };
    },
    loadImage: (id, signal) =>
      this.api ? this.api.inlineImage(id, signal) : Promise.reject(new Error('not connected')),
  });

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const { client } = this.herald;
    const signedIn = this.herald.session.status === 'signed-in';
    if (signedIn && client && client !== this.live.following) this.connect(client);
    if (!signedIn && this.live.following) {
      this.live.stop();
      this.abortLoads();
      this.lists = { todo: EMPTY, done: EMPTY, mine: EMPTY };
    }
    if (changed.has('tab')) {
      // The list left behind stops loading ("To approve" keeps its count fresh); the one shown loads if it must.
      const left = changed.get('tab');
      if (left && left !== 'todo' && this.isListTab(left)) this.listLoads[left].abort();
      if (this.api && this.isListTab(this.tab) && this.needsLoad(this.tab)) void this.load(this.tab);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abortLoads();
    this.images.dispose();
    this.images = this.imageLoader();
  }

  private imageLoader(): InlineImageLoader {
    return new InlineImageLoader((id, signal) =>
      this.api ? this.api.inlineImage(id, signal) : Promise.reject(new Error('not connected')),
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page after a load was aborted by leaving: load again what is shown.
    if (!this.api) return;
    if (this.needsLoad('todo')) void this.load('todo');
    if (this.isListTab(this.tab) && this.tab !== 'todo' && this.needsLoad(this.tab)) void this.load(this.tab);
    if (this.openId && !this.detail) void this.loadDetail(this.openId);
  }

  private abortLoads(): void {
    for (const task of Object.values(this.listLoads)) task.abort();
    this.detailLoad.abort();
  }

  /** Never loaded, or its last load was aborted before it answered. */
  private needsLoad(tab: ApprovalTab): boolean {
    const task = this.listLoads[tab];
    return !this.lists[tab].loaded || (task.status === TaskStatus.ERROR && isAbort(task.error));
  }

  private connect(client: HeraldClient): void {
    this.live.follow(client);
    this.api = new ApprovalsApi(client);
    void this.load('todo');
    if (this.isListTab(this.tab) && this.tab !== 'todo') void this.load(this.tab);
  }

  private isListTab(tab: QueueTab): tab is ApprovalTab {
    return (LIST_TABS as QueueTab[]).includes(tab);
  }

  /** Reloads the "To approve" count, the shown list and the open request (live events, after a decision). */
  async refresh(): Promise<void> {
    const tabs = new Set<ApprovalTab>(['todo']);
    if (this.isListTab(this.tab)) tabs.add(this.tab);
    await Promise.all([...tabs].map((t) => this.load(t)));
    if (this.openId) await this.loadDetail(this.openId, false);
  }

  private load(tab: ApprovalTab, more = false): Promise<void> {
    if (!this.api) return Promise.resolve();
    return this.listLoads[tab].run([more ? this.lists[tab].nextCursor : null]);
  }

  /** The tabs the signed-in user may use: "Flows" only with `approval.admin`. */
  get availableTabs(): QueueTab[] {
    const held = this.herald.session.me?.permissions ?? [];
    return held.includes('approval.admin') ? [...LIST_TABS, 'flows'] : [...LIST_TABS];
  }

  private current(): QueueTab {
    const tabs = this.availableTabs;
    return tabs.includes(this.tab) ? this.tab : tabs[0]!;
  }

  private select(name: QueueTab, focus = false) {
    this.tab = name;
    this.closeDetail(false);
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${name}`)?.focus());
  }

  private onTabKeydown(event: KeyboardEvent) {
    const tabs = this.availableTabs;
    const index = tabs.indexOf(this.current());
    const target = tabKeyTarget(event.key, tabs, index);
    if (!target) return;
    event.preventDefault();
    this.select(target, true);
  }

  // ---- detail ---------------------------------------------------------------------------------------------------

  /** Opens one request's detail. */
  async open(id: string): Promise<void> {
    this.openId = id;
    this.detail = null;
    this.comment = '';
    this.commentError = '';
    this.actionStatus = null;
    this.signOff.reset();
    await this.loadDetail(id);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#detail-subject')?.focus();
  }

  /** Loads the open request (a load for a request opened before is aborted, its answer dropped). */
  private loadDetail(id: string, clearError = true): Promise<void> {
    if (!this.api) return Promise.resolve();
    if (clearError) this.detailError = '';
    return this.detailLoad.run([id]);
  }

  private closeDetail(focus = true): void {
    const id = this.openId;
    if (this.editor.isOpen) this.editor.close();
    this.detailLoad.abort();
    this.openId = null;
    this.detail = null;
    this.detailError = '';
    if (focus && id)
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"] .open`)?.focus(),
      );
  }

  private async act(action: 'approve' | 'reject' | 'withdraw' | 'resubmit' | 'retry'): Promise<void> {
    const a = this.detail;
    if (!a || !this.api || this.busy) return;
    const comment = this.comment.trim();
    const deciding = action === 'approve' || action === 'reject';
    const signOff = deciding && signOffStep(a);
    if ((action === 'reject' || signOff) && !comment) {
      this.commentError = this.i18n.t(signOff ? 'approvals.signOff.opinionRequired' : 'approvals.commentRequired');
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#comment')?.focus());
      return;
    }
    this.commentError = '';
    // A sign-off step: the opinion above, and the approver's signature (drawn or typed).
    const signature = signOff ? this.signOff.collect() : undefined;
    if (signature === null) return;
    this.busy = true;
    this.actionStatus = null;
    this.detailError = '';
    try {
      const next =
        action === 'approve' || action === 'reject'
          ? await this.api.decide(a.id, action, comment || undefined, signature)
          : action === 'withdraw'
            ? await this.api.withdraw(a.message.id)
            : action === 'resubmit'
              ? await this.api.resubmit(a.message.id)
              : await this.api.retry(a.id);
      this.detail = next;
      this.comment = '';
      if (deciding) this.signOff.reset();
      this.actionStatus = { key: `approvals.done.${action}` as MessageKey };
      const ids = [a.id];
      this.emit(
        action === 'approve' || action === 'reject'
          ? new HeraldApprovalDecideEvent({ ids, decision: action })
          : action === 'withdraw'
            ? new HeraldApprovalWithdrawEvent({ ids })
            : action === 'resubmit'
              ? new HeraldApprovalResubmitEvent({ ids })
              : new HeraldApprovalRetryEvent({ ids }),
      );
      void this.refresh();
    } catch (error) {
      // e.g. 409: someone else decided first — say so and show the request as it is now.
      this.detailError = problemMessage(error, this.i18n);
      void this.refresh();
    } finally {
      this.busy = false;
    }
  }

  // ---- batch ----------------------------------------------------------------------------------------------------

  private toggle(id: string, on: boolean) {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  private async approveSelected(): Promise<void> {
    if (!this.api || !this.selected.size || this.busy) return;
    const ids = [...this.selected];
    this.busy = true;
    this.batchStatus = null;
    this.batchFailure = null;
    try {
      const outcome = await this.api.approveMany(ids);
      this.batchStatus = {
        key: 'approvals.batchDone',
        params: { approved: outcome.approved.length, skipped: outcome.skipped.length },
      };
      this.selected = new Set();
      if (outcome.approved.length)
        this.emit(new HeraldApprovalDecideEvent({ ids: outcome.approved, decision: 'approve' }));
    } catch (error) {
      this.batchFailure = error;
    } finally {
      this.busy = false;
    }
    await this.refresh();
  }

  // ---- rendering ------------------------------------------------------------------------------------------------

  /** The flow editor's definition once its tab has been shown; `updateComplete` waits for it. */
  private flowsLoaded: Promise<unknown> = Promise.resolve();

  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await this.flowsLoaded;
    return done;
  }

  protected renderBody(): TemplateResult {
    if (this.herald.session.status !== 'signed-in') return this.renderEmpty('approvalQueue.empty');
    const tabs = this.availableTabs;
    const current = this.current();
    if (current === 'flows') this.flowsLoaded = loadFlows();
    return html`<div role="tablist" part="tablist" aria-label=${this.i18n.t('approvals.tabs')}
      @keydown=${this.onTabKeydown}>
        ${tabs.map(
          (name) => html`<button role="tab" part="tab" id="tab-${name}" aria-controls="panel-${name}"
          aria-selected=${name === current ? 'true' : 'false'} tabindex=${name === current ? 0 : -1}
          @click=${() => this.select(name)}>${this.tabLabel(name)}</button>`,
        )}
      </div>
      <div role="tabpanel" part="tabpanel" id="panel-${current}" aria-labelledby="tab-${current}">
        ${
          current === 'flows'
            ? html`<herald-approval-flows locale=${this.locale ?? nothing} theme=${this.theme ?? nothing}
              ></herald-approval-flows>`
            : this.openId
              ? this.renderDetail()
              : this.renderList(current)
        }
      </div>`;
  }

  private tabLabel(name: QueueTab): string {
    const label = this.i18n.t(`approvals.tab.${name}` as MessageKey);
    if (name !== 'todo' || !this.lists.todo.loaded) return label;
    const count = this.lists.todo.items.length;
    return this.i18n.t('approvals.tab.count', { label, count: this.lists.todo.nextCursor ? `${count}+` : count });
  }

  private renderList(tab: ApprovalTab): TemplateResult {
    const list = this.lists[tab];
    const load = this.listLoads[tab];
    const decidable = tab === 'todo' ? list.items.filter((i) => i.can.decide) : [];
    const batchStatus = this.batchFailure
      ? problemMessage(this.batchFailure, this.i18n)
      : this.i18n.say(this.batchStatus);
    return html`
      ${load.render({
        error: (error) =>
          isAbort(error)
            ? nothing
            : html`<p role="alert" class="error">
          ${problemMessage(error, this.i18n)}
          <button class="secondary" @click=${() => this.load(tab)}>${this.i18n.t('approvals.retry')}</button></p>`,
      })}
      ${
        decidable.length
          ? html`<div class="toolbar" part="toolbar">
            <button id="approve-selected" ?disabled=${!this.selected.size} aria-disabled=${this.busy ? 'true' : 'false'}
              @click=${() => this.approveSelected()}>
              ${this.i18n.t('approvals.approveSelected', { count: this.selected.size })}</button>
            <span role="status" id="batch-status">${batchStatus}</span>
          </div>`
          : html`<span role="status" id="batch-status" class=${batchStatus ? '' : 'visually-hidden'}
            >${batchStatus}</span>`
      }
      ${
        list.items.length
          ? nothing
          : load.render({
              pending: () => html`<p role="status">${this.i18n.t('approvals.loading')}</p>`,
              complete: () =>
                html`<p part="empty" class="muted">${this.i18n.t(`approvals.empty.${tab}` as MessageKey)}</p>`,
            })
      }
      ${
        list.items.length
          ? html`<ul part="list" class="list" aria-label=${this.i18n.t('approvals.list')}
            >${list.items.map((a) => this.renderItem(tab, a))}</ul>`
          : nothing
      }
      ${
        list.nextCursor
          ? html`<button class="secondary" id="more" ?disabled=${load.status === TaskStatus.PENDING}
        @click=${() => this.load(tab, true)}>${this.i18n.t('approvals.loadMore')}</button>`
          : nothing
      }`;
  }

  private renderItem(tab: ApprovalTab, a: Approval): TemplateResult {
    const subject = a.message.subject || this.i18n.t('approvals.noSubject');
    const date = new Intl.DateTimeFormat(this.i18n.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
      a.createdAt,
    );
    return html`<li part="item" class="item" data-id=${a.id} data-status=${a.status}>
      ${
        tab === 'todo' && a.can.decide
          ? html`<input type="checkbox" class="pick" aria-label=${this.i18n.t('approvals.select', { subject })}
            .checked=${this.selected.has(a.id)}
            @change=${(e: Event) => this.toggle(a.id, (e.target as HTMLInputElement).checked)} />`
          : nothing
      }
      <button class="open link" @click=${() => this.open(a.id)}>${subject}</button>
      <span
        class="muted">${this.i18n.t('approvals.from', { name: a.message.sender.name })} · ${a.flow.name} · ${date}</span
        >
      <span class="badge" data-status=${a.status}>${this.i18n.t(`approvals.status.${a.status}` as MessageKey)}</span>
    </li>`;
  }

  private renderDetail(): TemplateResult {
    const a = this.detail;
    // An action's problem (e.g. 409), else the detail load's (an abort is no problem).
    const problem =
      this.detailError ||
      this.detailLoad.render({
        error: (error) => (isAbort(error) ? '' : problemMessage(error, this.i18n)),
      }) ||
      '';
    // Escape goes back to the list (except from the comment box, where it may mean "cancel typing").
    const onKeydown = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && (e.composedPath()[0] as HTMLElement).id !== 'comment') this.closeDetail();
    };
    return html`<article part="detail" class="detail" aria-label=${this.i18n.t('approvals.detail')}
      @keydown=${onKeydown}>
      <button class="secondary" id="back" @click=${() => this.closeDetail()}>${this.i18n.t('approvals.back')}</button>
      ${problem ? html`<p role="alert" class="error" id="detail-error">${problem}</p>` : nothing}
      ${
        a
          ? html`<p><span class="badge" data-status=${a.status} id="status"
            >${this.i18n.t(`approvals.status.${a.status}` as MessageKey)}</span></p>
          ${renderMessage(this.i18n, a, this.images)}${renderFlow(this.i18n, a)}${renderTimeline(
            this.i18n,
            a,
            this.signatureSrc,
          )}${this.renderActions(a)}${renderHistory(this.i18n, a, this.signatureSrc)}`
          : problem
            ? nothing
            : html`<p role="status">${this.i18n.t('common.loading')}</p>`
      }
    </article>${this.editor.renderDialog()}`;
  }

  private renderActions(a: Approval): TemplateResult {
    const { can } = a;
    const any = can.decide || can.withdraw || can.resubmit || can.retry;
    const signOff = can.decide && signOffStep(a);
    return html`<section part="actions" aria-label=${this.i18n.t('approvals.actions')} class="actions">
      ${
        can.decide
          ? renderField(
              {
                id: 'comment',
                label: this.i18n.t(signOff ? 'approvals.signOff.opinion' : 'approvals.comment'),
                hint: this.i18n.t(signOff ? 'approvals.signOff.opinionHint' : 'approvals.commentHint'),
                error: this.commentError,
              },
              (w) => html`<textarea id="comment" rows="3" maxlength="1000" .value=${this.comment}
                aria-describedby=${w.describedBy} aria-invalid=${w.invalid}
                @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}></textarea>`,
            )
          : nothing
      }
      ${signOff ? this.signOff.render() : nothing}
      ${
        any
          ? html`<div class="buttons">
          ${
            can.decide
              ? html`<button id="approve" aria-disabled=${this.busy ? 'true' : 'false'}
                @click=${() => this.act('approve')}>${this.i18n.t('approvals.approve')}</button>
            <button id="reject" class="danger" aria-disabled=${this.busy ? 'true' : 'false'}
              @click=${() => this.act('reject')}>${this.i18n.t('approvals.reject')}</button>`
              : nothing
          }
          ${
            can.withdraw
              ? html`<button id="withdraw" class="secondary" @click=${() => this.act('withdraw')}
            >${this.i18n.t('approvals.withdraw')}</button>`
              : nothing
          }
          ${this.editor.renderButton(a)}
          ${
            can.resubmit
              ? html`<button id="resubmit" class="secondary" @click=${() => this.act('resubmit')}
            >${this.i18n.t('approvals.resubmit')}</button>`
              : nothing
          }
          ${
            can.retry
              ? html`<button id="retry" class="secondary" @click=${() => this.act('retry')}
            >${this.i18n.t('approvals.retryStuck')}</button>`
              : nothing
          }
        </div>`
          : nothing
      }
      <p role="status" id="action-status">${this.i18n.say(this.actionStatus)}</p>
    </section>`;
  }
}

import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { HeraldPanel, isProblem, type HeraldProblem } from '@herald/client';
import {
  adoptLazyStyles,
  defineCatalogue,
  formatBytes,
  once,
  problemMessage,
  renderRichText,
  type MessageKey,
  type StringCatalogue,
} from '@herald/core';
import type { MessageTemplate } from '../api/types.js';
import type { TemplatesController } from '../templates/templates.js';
import type { MentionsController } from '../mentions/mentions.js';
import type { ScheduleController } from '../schedule/schedule.js';
import type { ForwardController } from '../forward/forward.js';
import { AttachmentsController } from '../attachments/attachments.js';
import { ComposerApi } from '../api/composer-api.js';
import { sendableKinds, type MessageKind } from '../api/types.js';
import { HeraldMessageSentEvent } from '../events/message-sent.js';
import type { PreviewController } from '../preview/preview.js';
import { renderProperties } from '../properties/properties.js';
import { reachReasons, RecipientsController } from '../recipients/recipients.js';
import { isEmptyDoc } from '@herald/rich-text/empty';
import { styles } from './composer.styles.js';
import type { ComposerContext, CountKey } from './context.js';
import { problemErrors, renderFieldError, type FieldErrors, type FieldName } from './fields.js';
import {
  audienceOf,
  fromDraft,
  initialState,
  isPristine,
  localToEpoch,
  stateRules,
  SUBJECT_MAX,
  toSendInput,
  type ComposerState,
} from './state.js';
import { composerStrings } from '../i18n/index.js';
import {
  richTextEditorStrings,
  type HeraldRichTextChangeEvent,
  type HeraldRichTextEditor,
  type MentionSearch,
} from '@herald/rich-text-editor';
import '@herald/rich-text-editor/define';

/** The template dialogs (issue 19): their own chunk, loaded when one is first opened. */
const loadTemplates = once(() => import('../templates/templates.js'));
/** Their strings: the loaders come with the chunk (so that no first render is counted as waiting for them). */
let templateStrings: StringCatalogue | undefined;

/** The preview dialog: its own chunk, loaded when Preview is first pressed. */
const loadPreview = once(() => import('../preview/preview.js'));
/** The mention warning (issue 19 #3): its own chunk, loaded once the body first mentions someone. */
const loadMentions = once(() => import('../mentions/mentions.js'));
let mentionStrings: StringCatalogue | undefined;
/** Whether a body holds a mention, without loading the chunk that reads it. */
const hasMention = (body: unknown) => JSON.stringify(body).includes('"type":"mention"');
/** The schedule dialog (issue 20 #1): its own chunk too, with its strings. */
const loadSchedule = once(() => import('../schedule/schedule.js'));
let scheduleStrings: StringCatalogue | undefined;
/** Issue 20 #4: forwarding, its own chunk (with its strings), loaded by `forward()`. */
const loadForward = once(() => import('../forward/forward.js'));
let forwardStrings: StringCatalogue | undefined;

/** Autosave waits this long after the last change. */
export const DRAFT_DEBOUNCE_MS = 1000;

const newKey = () => globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;

/**
 * Writes and sends a message: kind, recipients (people, departments, groups and — for external messages —
 * contacts), subject, rich-text body with mentions and links, attachments, priority, expiry, receipt and due
 * date; a preview with the resolved head counts; drafts saved as you type and restored on the next visit, or any
 * draft continued with `openDraft(draftId)` (the inbox's Drafts view, issue 20 #2).
 * Uses the client and session of the nearest <herald-provider>, or the page's shared one; offers only the
 * kinds of message the signed-in member may send.
 *
 * @tag herald-composer
 * @fires {HeraldMessageSentEvent} herald-message-sent - A message was sent (or is waiting for approval); `detail` is
 *   the Message.
 * @fires {HeraldTemplateApplyEvent} herald-template-apply - A template was applied ("Use a template", issue 19).
 * @fires {HeraldTemplateSaveEvent} herald-template-save - The message was saved as a template; `detail` is it.
 * @slot empty - Replaces the "you may not send messages" text.
 * @slot actions - Custom actions shown in the header.
 * @csspart base - The outer region.
 * @csspart header - The header bar with the title and the signed-in subject.
 * @csspart title - The heading.
 * @csspart identity - The "signed in as" line.
 * @csspart body - The content area.
 * @csspart empty - The "you may not send messages" text.
 * @csspart form - The compose form.
 * @csspart kinds - The kind choice (internal / external / urgent).
 * @csspart recipients - The recipient picker (chips and search box).
 * @csspart chip - One picked recipient.
 * @csspart listbox - The recipient suggestions.
 * @csspart subject - The subject input.
 * @csspart toolbar - The formatting toolbar.
 * @csspart link-form - The link form under the toolbar.
 * @csspart editor - The rich-text editing area.
 * @csspart dropzone - The attachment drop zone.
 * @csspart file - One attachment row.
 * @csspart properties - Priority, expiry, receipt and due date.
 * @csspart templates - The "Use a template" and "Save as template" buttons.
 * @csspart template-dialog - The "Use a template" and "Save as template" dialogs.
 * @csspart actions - Preview, send and discard buttons.
 * @csspart status - The send / draft status line.
 * @csspart preview - The preview dialog.
 * @cssproperty --herald-color-surface - Background (and every other `--herald-*` token).
 */
export class HeraldComposer extends HeraldPanel {
  // The editor's strings load with the composer's (not after them, when the editor first renders).
  static override catalogues = [composerStrings, richTextEditorStrings];
  static override styles = styles;

  protected readonly titleKey = 'composer.title' as const;
  protected override readonly signedOutKey = 'common.signedOut' as const;

  @state() private s: ComposerState = initialState('internal');
  @state() private errors: FieldErrors = {};
  @state() private sending = false;
  @state() private status = '';
  /** The status line says something went wrong (red, not the green of a success; issue 23). */
  @state() private statusIsError = false;
  @state() private draftStatus = '';
  @state() private draftId: string | null = null;
  /** The template dialogs, once their chunk has loaded (issue 19). */
  private templates?: TemplatesController;
  /** The mention warning, once the body has mentioned someone (issue 19 #3). */
  private mentions?: MentionsController;
  /** The schedule dialog, once its chunk has loaded (issue 20 #1). */
  private schedule?: ScheduleController;
  /** Issue 20 #4: the message being forwarded, while forwarding. */
  private forwarding?: ForwardController | undefined;

  private initializedFor?: string;
  private idempotencyKey = newKey();
  private draftTimer?: ReturnType<typeof setTimeout>;
  private draftSaving: Promise<void> = Promise.resolve();

  /** What the parts below read and call (arrow functions: they may be destructured). */
  private readonly ctx: ComposerContext = {
    i18n: this.i18n,
    state: () => this.s,
    update: (patch, field) => this.update1(patch, field),
    api: () => this.api,
    error: (field) => this.errors[field],
    clearError: (field) => {
      if (this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
    },
    showProblem: (problem, asStatus) => this.showProblem(problem, asStatus),
    renderError: (field) => renderFieldError(this.errors, field),
    t: (key, params) => this.t(key, params),
    plural: (key, count) => this.plural(key, count),
  };

  private readonly recipients = new RecipientsController(this, this.ctx);
  private readonly attachments = new AttachmentsController(this, this.ctx);
  /** The preview dialog, once its chunk has loaded (Preview pressed). */
  private preview?: PreviewController;

  /** The kinds the signed-in member may send. */
  get kinds(): MessageKind[] {
    return sendableKinds(this.herald.session.me?.permissions);
  }

  /**
   * The audiences offered as "kind" (internal, external). Urgency is one control, the priority (issue 23): an
   * internal message with urgent priority is sent as the `urgent` kind.
   */
  private get audienceKinds(): MessageKind[] {
    return this.kinds.filter((k) => k !== 'urgent');
  }

  private get api(): ComposerApi | undefined {
    const client = this.herald.client;
    return client ? new ComposerApi(client) : undefined;
  }

  /** The body's editor (in the form once the member may send). */
  private get bodyInput(): HeraldRichTextEditor | null {
    return this.renderRoot.querySelector<HeraldRichTextEditor>('#body');
  }

  /** Replaces the body's text (a restored draft, a reset); the state's body is set by the caller. */
  private setBodyText(body: ComposerState['body']): void {
    const input = this.bodyInput;
    if (input) input.value = body;
  }

  private readonly searchMentions: MentionSearch = async (query) =>
    (await this.api?.directory(query, ['member'], undefined, 8)) ?? [];

  private t(key: MessageKey, params?: Record<string, unknown>) {
    return this.i18n.t(key, params);
  }

  /** A count in words, by Intl.PluralRules ("1 person", "2 people"). */
  private plural(key: CountKey, count: number) {
    return this.i18n.plural(key, count);
  }

  override disconnectedCallback(): void {
    // Recipients stop their searches and counts; the editor is destroyed.
    super.disconnectedCallback();
    // A pending autosave still runs, so that removing the element loses nothing.
    if (this.draftTimer) {
      clearTimeout(this.draftTimer);
      this.draftTimer = undefined;
      void this.saveDraft();
    }
    this.initializedFor = undefined;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const { status, me } = this.herald.session;
    const subject = me?.subject?.id;
    if (status === 'signed-in' && subject && this.kinds.length && this.initializedFor !== subject) {
      this.initializedFor = subject;
      // After this update, not inside it.
      void Promise.resolve().then(() => this.start());
    }
    this.preview?.sync();
    this.templates?.sync();
    this.schedule?.sync();
    if (this.s.scheduledAt && !this.schedule) void this.loadSchedule();
    if (changed.has('s')) void this.checkMentions();
  }

  // Mentions (issue 19 #3) -----------------------------------------------------------------------------------

  private async checkMentions(): Promise<void> {
    if (!this.mentions) {
      if (!hasMention(this.s.body)) return;
      const chunk = await this.loadPart(loadMentions);
      if (!chunk) return;
      mentionStrings ??= defineCatalogue('composer-mentions', chunk.mentionStrings);
      await this.i18n.use(mentionStrings);
      this.mentions ??= new chunk.MentionsController(this, this.ctx, {
        meId: () => this.herald.session.me?.subject?.id,
        audience: () => audienceOf(this.s),
        recount: () => this.recipients.scheduleCount(),
        lit: { html, nothing },
      });
    }
    this.mentions.check();
  }

  /** Settings and the newest draft, once per signed-in member. */
  private async start(): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.s = initialState(this.audienceKinds[0]!);
    api.settings().then(
      (s) => this.attachments.setLimits({ maxFileBytes: s.maxFileBytes, maxMessageBytes: s.maxMessageBytes }),
      () => undefined,
    );
    try {
      const [newest] = await api.drafts<ComposerState>();
      const restored = newest && fromDraft(newest.data, this.audienceKinds);
      if (newest && restored && isPristine(this.s)) {
        this.s = restored;
        this.draftId = newest.id;
        this.setBodyText(restored.body);
        this.draftStatus = this.t('composer.draft.restored');
        this.recipients.scheduleCount();
      }
    } catch {
      // No drafts (or not reachable): start empty.
    }
  }

  /** One change by the user: new state, that field's error cleared, autosave scheduled. */
  private update1(patch: Partial<ComposerState>, field?: FieldName): void {
    this.s = { ...this.s, ...patch };
    if (field && this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
    this.setStatus('');
    this.scheduleDraft();
  }

  // Issue 20 #9: images in the text are attachments of the message (uploaded, listed and sent as any file).
  private readonly uploadImage = (file: File) => this.attachments.addImage(file);
  private readonly loadImage = (id: string, signal: AbortSignal) => this.api!.inlineImage(id, signal);

  /** Checks sizes before anything is sent, then uploads each accepted file with its own progress. */
  addFiles(files: Iterable<File>): void {
    this.attachments.addFiles(files);
  }

  private setKind(kind: MessageKind): void {
    this.update1({ kind }, 'kind');
    this.recipients.scheduleCount();
  }

  // Drafts ---------------------------------------------------------------------------------------------------

  private scheduleDraft(): void {
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => {
      this.draftTimer = undefined;
      void this.saveDraft();
    }, DRAFT_DEBOUNCE_MS);
  }

  /** Saves now (one save at a time, in order). */
  private saveDraft(): Promise<void> {
    const api = this.api;
    if (!api) return this.draftSaving;
    this.draftSaving = this.draftSaving.then(async () => {
      const data = this.s;
      if (!this.draftId && isPristine(data)) return;
      this.draftStatus = this.t('composer.draft.saving');
      try {
        if (this.draftId) await api.updateDraft(this.draftId, data);
        else this.draftId = (await api.createDraft(data)).id;
        this.draftStatus = this.t('composer.draft.saved');
      } catch (error) {
        // The draft was removed elsewhere (or sent): start a new one next time.
        if (isProblem(error, 'not-found')) this.draftId = null;
        this.draftStatus = '';
      }
    });
    return this.draftSaving;
  }

  private async discardDraft(): Promise<void> {
    clearTimeout(this.draftTimer);
    this.draftTimer = undefined;
    await this.draftSaving;
    const id = this.draftId;
    for (const a of this.s.attachments) void this.api?.deleteAttachment(a.id).catch(() => undefined);
    this.reset(true);
    if (id) await this.api?.deleteDraft(id).catch(() => undefined);
    this.draftStatus = this.t('composer.draft.discarded');
  }

  /**
   * A new, empty message with every default back — kind, priority, receipt (issue 23: an urgent send must not make
   * the next message urgent too). With `abortUploads`, uploads under way are stopped.
   */
  private reset(abortUploads = false): void {
    this.s = initialState(this.audienceKinds[0] ?? 'internal');
    this.attachments.reset(abortUploads);
    this.errors = {};
    this.recipients.reset();
    this.draftId = null;
    this.idempotencyKey = newKey();
    this.setBodyText(this.s.body);
    this.forwarding = undefined;
  }

  /**
   * Issue 20 #2: continues a saved draft (the inbox's Drafts view fires `herald-draft-open`; the host calls this). What
   * was being written stays a draft; sending the continued one removes it from Drafts.
   */
  async openDraft(draftId: string): Promise<void> {
    const api = this.api;
    if (!api || draftId === this.draftId) return;
    this.takeBody();
    // Unsaved changes are saved first (a draft saved already is not touched: it keeps its place in Drafts).
    if (this.draftTimer) {
      clearTimeout(this.draftTimer);
      this.draftTimer = undefined;
      void this.saveDraft();
    }
    await this.draftSaving;
    try {
      const draft = await api.draft<ComposerState>(draftId);
      const restored = fromDraft(draft.data, this.audienceKinds);
      if (!restored) return;
      this.reset();
      this.s = restored;
      this.draftId = draft.id;
      this.setBodyText(restored.body);
      this.draftStatus = this.t('composer.draft.restored');
      this.recipients.scheduleCount();
    } catch (error) {
      this.showProblem(error as HeraldProblem, true);
    }
  }

  /**
   * Issue 20 #4: forwards a message the member received (the inbox's Forward action; the host calls this). Starts a
   * new message (what was being written stays a draft) showing the original as it will be quoted, the subject
   * prefilled; the member picks recipients and may write above it. The server decides what travels.
   */
  async forward(messageId: string): Promise<void> {
    const chunk = await this.loadPart(loadForward);
    if (!chunk) return;
    if (!forwardStrings) {
      adoptLazyStyles(this, chunk.forwardStyles(css));
      forwardStrings = defineCatalogue('composer-forward', chunk.forwardStrings);
    }
    await this.i18n.use(forwardStrings);
    this.takeBody();
    if (!isPristine(this.s)) await this.saveDraft();
    this.reset();
    const forwarding = new chunk.ForwardController(this, this.ctx, {
      lit: { html, nothing },
      dropped: () => ((this.forwarding = undefined), this.setStatus(this.t('composer.forward.dropped'))),
      problemText: (error) => (isProblem(error) ? problemMessage(error, this.i18n) : String(error)),
    });
    this.forwarding = forwarding;
    await forwarding.open(messageId);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#recipients')?.focus();
  }

  // Templates (issue 19) -------------------------------------------------------------------------------------

  private async openTemplates(mode: 'use' | 'save'): Promise<void> {
    this.takeBody();
    const chunk = await this.loadPart(loadTemplates);
    if (!chunk) return;
    if (!this.templates) {
      // The dialogs look like the preview's (composer.styles: every dialog of the composer).
      adoptLazyStyles(this, chunk.templatesStyles(css));
      templateStrings ??= defineCatalogue('composer-templates', chunk.templateStrings);
      await this.i18n.use(templateStrings);
      this.templates = new chunk.TemplatesController(this, this.ctx, {
        kinds: () => this.audienceKinds,
        canShare: () => this.herald.session.me?.permissions?.includes('message.manage') ?? false,
        applied: (template, state) => this.applyTemplate(template, state),
        saved: (template) => this.setStatus(this.t('composer.templates.saved', { name: template.name })),
        problemText: (error) => (isProblem(error) ? problemMessage(error, this.i18n) : String(error)),
        lit: { html, nothing },
        rules: stateRules,
      });
    }
    this.templates.open(mode);
  }

  // Scheduled send (issue 20 #1) -----------------------------------------------------------------------------

  private async openSchedule(): Promise<void> {
    (await this.loadSchedule())?.open();
  }

  /** The schedule chunk: loaded when "Schedule…" is pressed, or when a time came another way (a restored draft). */
  private async loadSchedule(): Promise<ScheduleController | undefined> {
    const chunk = await this.loadPart(loadSchedule);
    if (!chunk) return undefined;
    if (!this.schedule) {
      adoptLazyStyles(this, chunk.scheduleStyles(css));
      scheduleStrings ??= defineCatalogue('composer-schedule', chunk.scheduleStrings);
      await this.i18n.use(scheduleStrings);
      this.schedule = new chunk.ScheduleController(this, this.ctx, {
        chosen: (value) => this.update1({ scheduledAt: value }, 'schedule'),
        toEpoch: localToEpoch,
        lit: { html, nothing },
      });
    }
    return this.schedule;
  }

  private applyTemplate(template: MessageTemplate, state: ComposerState): void {
    this.s = state;
    this.errors = {};
    this.setBodyText(state.body);
    this.recipients.scheduleCount();
    this.scheduleDraft();
    this.setStatus(this.t('composer.templates.applied', { name: template.name }));
  }

  private renderTemplates(): TemplateResult {
    return html`<div part="templates">
      <button type="button" class="secondary" id="use-template" aria-haspopup="dialog"
        @click=${() => this.openTemplates('use')}>${this.t('composer.templates.use')}</button>
      <button type="button" class="secondary" id="save-template" aria-haspopup="dialog"
        @click=${() => this.openTemplates('save')}>${this.t('composer.templates.save')}</button>
    </div>`;
  }

  // Preview and send -----------------------------------------------------------------------------------------

  /** Client-side checks; true when the form may be sent. */
  private validate(): boolean {
    const errors: FieldErrors = {};
    if (!this.s.recipients.length) errors.recipients = this.t('composer.error.recipients');
    if (!this.s.subject.trim()) errors.subject = this.t('composer.error.subject');
    if (this.attachments.uploading) errors.attachments = this.t('composer.error.uploading');
    if (this.forwarding && !this.forwarding.ready) errors.form = this.t('composer.forward.notReady');
    const future = (value: string) => (localToEpoch(value) ?? 0) > Date.now();
    if (this.s.expiry === 'at' && !future(this.s.expiresAt)) errors.expiry = this.t('composer.error.expiry');
    if (this.s.dueAt && !future(this.s.dueAt)) errors.due = this.t('composer.error.expiry');
    if (this.s.scheduledAt && !future(this.s.scheduledAt)) errors.schedule = this.t('composer.error.expiry');
    this.errors = errors;
    if (Object.keys(errors).length) {
      this.setStatus(this.t('composer.error.fix'), true);
      return false;
    }
    return true;
  }

  /** The body as edited now, into the state. */
  private takeBody(): void {
    const body = this.bodyInput?.value;
    if (body) this.s = { ...this.s, body };
  }

  private async openPreview(e?: Event): Promise<void> {
    e?.preventDefault();
    this.takeBody();
    if (!this.validate()) return;
    const chunk = await this.loadPart(loadPreview);
    if (!chunk) return;
    this.preview ??= new chunk.PreviewController(this, this.ctx, {
      from: () => this.herald.session.me?.subject?.name ?? '',
      sending: () => this.sending,
      send: () => void this.send(),
      mentionWarning: () => this.mentions?.render(false),
      lit: { html, nothing },
      renderRichText,
      formatBytes,
      isEmptyDoc,
      reachReasons,
    });
    this.preview.open(this.recipients.reach);
    try {
      const count = await this.api!.audience(this.s.kind, audienceOf(this.s));
      this.preview?.setCount(count);
      this.recipients.setReach(count);
    } catch (error) {
      if (isProblem(error)) {
        this.preview?.close();
        this.showProblem(error, true);
      }
    }
  }

  /** Sends with this compose session's Idempotency-Key (kept on a network error, so a retry never sends twice). */
  async send(): Promise<void> {
    if (this.sending) return;
    this.takeBody();
    if (!this.validate()) {
      this.preview?.close();
      return;
    }
    this.sending = true;
    this.setStatus(this.t('composer.sending'));
    clearTimeout(this.draftTimer);
    this.draftTimer = undefined;
    await this.draftSaving;
    try {
      const input = toSendInput(this.s, this.draftId);
      const message = await (this.forwarding?.send(input, this.idempotencyKey) ??
        this.api!.send(input, this.idempotencyKey));
      this.preview?.close();
      this.reset();
      this.setStatus(
        message.status === 'pending-approval'
          ? this.t('composer.pendingApproval')
          : message.status === 'scheduled' && message.scheduledAt
            ? (this.schedule?.sentStatus(message.scheduledAt) ?? '')
            : this.plural('composer.sent', message.recipientCount ?? 0),
      );
      this.draftStatus = '';
      this.emit(new HeraldMessageSentEvent(message));
    } catch (error) {
      this.preview?.close();
      if (isProblem(error, 'network')) this.setStatus(this.t('composer.retry'), true);
      else this.showProblem(error as HeraldProblem, true);
    } finally {
      this.sending = false;
    }
  }

  /** Puts a problem's field errors next to their fields; the rest goes to the status line. */
  private showProblem(problem: HeraldProblem, asStatus: boolean): void {
    const { errors, recipientErrors, attachmentErrors, problemField } = problemErrors(
      problem,
      this.s.attachments,
      this.i18n,
    );
    this.errors = { ...this.errors, ...errors };
    this.recipients.setErrors(recipientErrors);
    this.attachments.setErrors(attachmentErrors);
    if (asStatus)
      this.setStatus(
        problem.errors?.length || problemField ? this.t('composer.error.fix') : problemMessage(problem, this.i18n),
        true,
      );
  }

  private setStatus(text: string, isError = false): void {
    this.status = text;
    this.statusIsError = isError;
  }

  // Rendering ------------------------------------------------------------------------------------------------

  protected renderBody(): TemplateResult {
    const { status } = this.herald.session;
    if (status === 'unknown') return html`<p part="empty">${this.t('common.loading')}</p>`;
    if (!this.kinds.length) return this.renderEmpty('composer.noPermission');
    return html`<form part="form" novalidate @submit=${this.openPreview} aria-describedby="form-status">
        ${this.renderTemplates()} ${this.renderKinds()} ${this.recipients.render()} ${this.renderSubject()}
        <herald-rich-text-editor id="body" locale=${this.i18n.locale} exportparts="toolbar, link-form, editor"
          .searchMentions=${this.searchMentions} error=${this.errors.body ?? ''} .uploadImage=${this.uploadImage}
          .loadImage=${this.loadImage}
          @herald-rich-text-change=${(e: HeraldRichTextChangeEvent) => this.update1({ body: e.detail.value }, 'body')}
            ></herald-rich-text-editor>
        ${this.mentions?.render(true) ?? nothing}
        ${this.forwarding?.render() ?? nothing}
        ${this.attachments.render()}
        ${renderProperties(this.ctx)}
        <div part="actions">
          <button type="submit" class="secondary">${this.t('composer.preview')}</button>
          <button type="button" id="send" ?disabled=${this.sending} aria-describedby="form-status"
            @click=${() => this.send()}>
            ${
              this.sending
                ? this.t('composer.sending')
                : (this.s.scheduledAt && this.schedule?.sendLabel()) || this.t('composer.send')
            }
          </button>
          ${
            this.schedule?.renderActions(() => void this.openSchedule()) ??
            html`<button type="button" class="secondary" id="schedule" aria-haspopup="dialog"
              @click=${() => void this.openSchedule()}>${this.t('composer.schedule')}</button>`
          }
          ${this.ctx.renderError('schedule')}
          ${
            this.draftId
              ? html`<button type="button" class="secondary danger" id="discard"
            @click=${() => this.discardDraft()}>${this.t('composer.draft.discard')}</button>`
              : nothing
          }
          <span class="muted" id="draft-status" role="status">${this.draftStatus}</span>
        </div>
        <p part="status" id="form-status" role="status" class=${this.errors.form || this.statusIsError ? 'error' : ''}
          >${this.errors.form ?? this.status}</p>
      </form>
      ${this.preview?.render() ?? nothing} ${this.templates?.render() ?? nothing}
      ${this.schedule?.render() ?? nothing}`;
  }

  private renderKinds(): TemplateResult {
    return html`<fieldset part="kinds" aria-describedby="kind-error">
      <legend>${this.t('composer.kind')}</legend>
      ${this.audienceKinds.map(
        (kind) => html`<label class="check kind-${kind}">
        <input type="radio" name="kind" value=${kind} .checked=${this.s.kind === kind}
          @change=${() => this.setKind(kind)} />
        ${this.t(`composer.kind.${kind}`)}
      </label>`,
      )}
      ${renderFieldError(this.errors, 'kind')}
    </fieldset>`;
  }

  private renderSubject(): TemplateResult {
    const length = this.s.subject.length;
    return html`<div class="field wide">
      <label for="subject">${this.t('composer.subject')}</label>
      <input id="subject" part="subject" type="text" required maxlength=${SUBJECT_MAX}
        aria-invalid=${this.errors.subject ? 'true' : 'false'}
        aria-describedby="subject-counter subject-error" .value=${this.s.subject}
        @input=${(e: Event) => this.update1({ subject: (e.target as HTMLInputElement).value }, 'subject')} />
      <span class="muted counter" id="subject-counter"
        >${this.t('composer.subject.counter', { count: length, max: SUBJECT_MAX })}</span>
      ${renderFieldError(this.errors, 'subject')}
    </div>`;
  }
}

import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { HeraldPanel, isProblem, type HeraldProblem } from '@herald/client';
import { fieldErrorMessage, problemMessage, renderRichText, type MessageKey } from '@herald/core';
import { ComposerApi, DEFAULT_LIMITS } from '../api/composer-api.js';
import { sendableKinds, type Attachment, type AudienceCount, type DirectoryItem, type MessageKind, type Priority } from '../api/types.js';
import { EMOJI } from '../editor/emoji.js';
import { isAllowedHref, isEmptyDoc, normalizeHref, toRichDoc } from '../editor/rich-doc.js';
import type { MentionPopup, RichEditor, Toggle } from '../editor/rich-editor.js';
import { HeraldMessageSentEvent } from '../events.js';
import { styles } from './composer.styles.js';
import {
  audienceOf, formatBytes, fromDraft, initialState, isPristine, localToEpoch, SUBJECT_MAX, toSendInput, type ComposerState, type ExpiryChoice, type Recipient,
} from './state.js';

/** A file being uploaded, or one that was refused (uploaded files live in the state's `attachments`). */
interface PendingFile {
  key: string;
  name: string;
  size: number;
  /** 0–1 while uploading. */
  progress: number;
  error?: string;
  controller?: AbortController;
}

type FieldName = 'kind' | 'recipients' | 'subject' | 'body' | 'attachments' | 'priority' | 'expiry' | 'due' | 'form';

/** Where a server error path (`audience.0.targetId`, `body.content.0…`) is shown. */
const FIELD_OF_PATH: Record<string, FieldName> = {
  kind: 'kind', audience: 'recipients', subject: 'subject', body: 'body', attachmentIds: 'attachments', priority: 'priority',
  expiresInMinutes: 'expiry', expiresAt: 'expiry', dueAt: 'due', receiptRequired: 'form', draftId: 'form',
};
/** Problems that belong to one field rather than the whole form. */
const FIELD_OF_PROBLEM: Record<string, FieldName> = {
  'no-recipients': 'recipients', 'message-too-large': 'attachments', 'attachment-too-large': 'attachments', 'file-type-refused': 'attachments',
};

const SEARCH_DEBOUNCE_MS = 200;
const COUNT_DEBOUNCE_MS = 400;
/** Autosave waits this long after the last change. */
export const DRAFT_DEBOUNCE_MS = 1000;

/** "1 2" beside two lines, drawn (a visible "1." would have to be part of the button's accessible name). */
const ORDERED_ICON = html`<svg viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" stroke-width="1.5">
  <path d="M2 1.5v4M1 5.5h2M1 9h2.2v2.2H1v2.3h2.4M6 3.5h9M6 11.5h9" /></svg>`;

const TOOLS: Toggle[] = ['bold', 'italic', 'bulletList', 'orderedList'];

const LINK_ICON = html`<svg viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" stroke-width="1.5">
  <path d="M6.5 9.5l3-3M7 4.5l1.2-1.2a2.8 2.8 0 014 4L11 8.5M9 11.5l-1.2 1.2a2.8 2.8 0 01-4-4L5 7.5" /></svg>`;

/** Now as a `datetime-local` value (the earliest expiry or due date offered). */
const localNow = () => {
  const d = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

const newKey = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/**
 * Writes and sends a message: kind, recipients (people, departments, groups and — for external messages —
 * contacts), subject, rich-text body with mentions and links, attachments, priority, expiry, receipt and due
 * date; a preview with the resolved head counts; drafts saved as you type and restored on the next visit.
 * Uses the client and session of the nearest <herald-provider>, or the page's shared one; offers only the
 * kinds of message the signed-in member may send.
 *
 * @tag herald-composer
 * @fires herald-message-sent - A message was sent (or is waiting for approval); `detail` is the Message.
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
 * @csspart editor - The rich-text editing area.
 * @csspart dropzone - The attachment drop zone.
 * @csspart file - One attachment row.
 * @csspart properties - Priority, expiry, receipt and due date.
 * @csspart actions - Preview, send and discard buttons.
 * @csspart status - The send / draft status line.
 * @csspart preview - The preview dialog.
 * @cssproperty --herald-color-surface - Background (and every other `--herald-*` token).
 */
export class HeraldComposer extends HeraldPanel {
  static override styles = styles;

  protected readonly titleKey = 'composer.title' as const;

  @state() private s: ComposerState = initialState('internal');
  @state() private pending: PendingFile[] = [];
  @state() private errors: Partial<Record<FieldName, string>> = {};
  /** Server errors on single recipients / attachments, by index. */
  @state() private recipientErrors = new Map<number, string>();
  @state() private attachmentErrors = new Map<string, string>();
  @state() private query = '';
  @state() private results: DirectoryItem[] = [];
  @state() private listOpen = false;
  @state() private active = -1;
  @state() private reach: AudienceCount | null = null;
  @state() private counting = false;
  @state() private sending = false;
  @state() private status = '';
  @state() private draftStatus = '';
  @state() private uploadStatus = '';
  @state() private draftId: string | null = null;
  @state() private editorReady = false;
  @state() private mention: MentionPopup | null = null;
  @state() private linkOpen = false;
  @state() private linkError = '';
  @state() private emojiOpen = false;
  @state() private previewOpen = false;
  @state() private preview: { count: AudienceCount | null; body: Node[] } | null = null;
  @state() private dragging = false;
  @state() private limits = DEFAULT_LIMITS;
  /** The toolbar button that has the toolbar's one tab stop. */
  @state() private toolIndex = 0;

  private editor?: RichEditor;
  private editorLoading = false;
  private initializedFor?: string;
  private idempotencyKey = newKey();
  private searchTimer?: ReturnType<typeof setTimeout>;
  private searchAbort?: AbortController;
  private countTimer?: ReturnType<typeof setTimeout>;
  private countAbort?: AbortController;
  private draftTimer?: ReturnType<typeof setTimeout>;
  private draftSaving: Promise<void> = Promise.resolve();
  private fileSeq = 0;

  /** The kinds the signed-in member may send. */
  get kinds(): MessageKind[] {
    return sendableKinds(this.herald.session.me?.permissions);
  }

  private get api(): ComposerApi | undefined {
    const client = this.herald.client;
    return client ? new ComposerApi(client) : undefined;
  }

  private t(key: MessageKey, params?: Record<string, unknown>) {
    return this.i18n.t(key, params);
  }

  /** A count in words: the `.one` variant of the key for exactly one (English "1 person"). */
  private tn(key: 'composer.recipients.people' | 'composer.recipients.reaches' | 'composer.preview.total' | 'composer.sent', count: number) {
    return this.i18n.t(count === 1 ? `${key}.one` : key, { count });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A pending autosave still runs, so that removing the element loses nothing.
    if (this.draftTimer) {
      clearTimeout(this.draftTimer);
      this.draftTimer = undefined;
      void this.saveDraft();
    }
    clearTimeout(this.searchTimer);
    clearTimeout(this.countTimer);
    this.editor?.destroy();
    this.editor = undefined;
    this.editorReady = false;
    this.editorLoading = false;
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
    const mount = this.renderRoot.querySelector<HTMLElement>('#editor');
    if (mount && !this.editor && !this.editorLoading) void this.loadEditor(mount);
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog#preview');
    if (dialog && this.previewOpen && !dialog.open) dialog.showModal();
    if (dialog && !this.previewOpen && dialog.open) dialog.close();
  }

  /** Settings and the newest draft, once per signed-in member. */
  private async start(): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.s = initialState(this.kinds[0]!);
    api.settings().then((s) => (this.limits = { maxFileBytes: s.maxFileBytes, maxMessageBytes: s.maxMessageBytes }), () => undefined);
    try {
      const [newest] = await api.drafts<ComposerState>();
      const restored = newest && fromDraft(newest.data, this.kinds);
      if (newest && restored && isPristine(this.s)) {
        this.s = restored;
        this.draftId = newest.id;
        this.editor?.setContent(restored.body);
        this.draftStatus = this.t('composer.draft.restored');
        this.scheduleCount();
      }
    } catch {
      // No drafts (or not reachable): start empty.
    }
  }

  private async loadEditor(mount: HTMLElement): Promise<void> {
    this.editorLoading = true;
    const { createRichEditor } = await import('../editor/rich-editor.js');
    if (!this.isConnected || !mount.isConnected) {
      this.editorLoading = false;
      return;
    }
    this.editor = createRichEditor({
      mount,
      content: this.s.body,
      placeholder: this.t('composer.body.placeholder'),
      label: this.t('composer.body'),
      describedBy: 'body-error',
      mentionListId: 'mentions',
      searchMembers: async (q) => (this.api ? this.api.directory(q, ['member'], undefined, 8) : []),
      onChange: (body) => this.update1({ body }, 'body'),
      onSelection: () => this.requestUpdate(),
      onMentions: (popup) => (this.mention = popup),
      rules: { isAllowedHref, toRichDoc },
    });
    this.editorLoading = false;
    this.editorReady = true;
  }

  /** One change by the user: new state, that field's error cleared, autosave scheduled. */
  private update1(patch: Partial<ComposerState>, field?: FieldName): void {
    this.s = { ...this.s, ...patch };
    if (field && this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
    this.status = '';
    this.scheduleDraft();
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
    for (const p of this.pending) p.controller?.abort();
    this.reset();
    if (id) await this.api?.deleteDraft(id).catch(() => undefined);
    this.draftStatus = this.t('composer.draft.discarded');
  }

  private reset(): void {
    this.s = initialState(this.kinds.includes(this.s.kind) ? this.s.kind : (this.kinds[0] ?? 'internal'));
    this.pending = [];
    this.errors = {};
    this.recipientErrors = new Map();
    this.attachmentErrors = new Map();
    this.reach = null;
    this.draftId = null;
    this.query = '';
    this.results = [];
    this.listOpen = false;
    this.idempotencyKey = newKey();
    this.editor?.setContent(this.s.body);
  }

  // Recipients -----------------------------------------------------------------------------------------------

  private searchKinds(): string[] {
    return this.s.kind === 'external' ? ['member', 'department', 'group', 'contact'] : ['member', 'department', 'group'];
  }

  private search(now = false): void {
    clearTimeout(this.searchTimer);
    const run = async () => {
      this.searchAbort?.abort();
      const controller = (this.searchAbort = new AbortController());
      try {
        const items = (await this.api?.directory(this.query.trim(), this.searchKinds(), controller.signal)) ?? [];
        if (controller.signal.aborted) return;
        const picked = new Set(this.s.recipients.map((r) => `${r.kind}:${r.id}`));
        this.results = items.filter((i) => !picked.has(`${i.kind}:${i.id}`));
        this.active = this.results.length ? 0 : -1;
        this.listOpen = true;
      } catch {
        if (!controller.signal.aborted) this.results = [];
      }
    };
    if (now) void run();
    else this.searchTimer = setTimeout(run, SEARCH_DEBOUNCE_MS);
  }

  private onQueryInput(e: Event): void {
    this.query = (e.target as HTMLInputElement).value;
    // The list shows hits for what is typed now, never for an older query (Enter must not pick a stale hit).
    clearTimeout(this.searchTimer);
    this.searchAbort?.abort();
    this.listOpen = false;
    this.active = -1;
    this.search();
  }

  private onQueryKey(e: KeyboardEvent): void {
    const count = this.results.length;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        e.preventDefault();
        if (!this.listOpen) return this.search(true);
        if (count) this.active = (this.active + (e.key === 'ArrowDown' ? 1 : count - 1) + count) % count;
        return;
      case 'Enter':
        if (this.listOpen && this.active >= 0 && this.results[this.active]) {
          e.preventDefault();
          this.pick(this.results[this.active]!);
        } else if (this.listOpen) e.preventDefault();
        return;
      case 'Escape':
        if (this.listOpen) {
          e.preventDefault();
          e.stopPropagation();
          this.listOpen = false;
        } else if (this.query) this.query = '';
        return;
      case 'Backspace':
        if (!this.query && this.s.recipients.length) this.removeRecipient(this.s.recipients.length - 1);
        return;
    }
  }

  private pick(item: DirectoryItem): void {
    const recipient: Recipient = { ...item, includeSubdepartments: true };
    this.update1({ recipients: [...this.s.recipients, recipient] }, 'recipients');
    this.query = '';
    this.results = [];
    this.listOpen = false;
    this.active = -1;
    this.recipientErrors = new Map();
    this.scheduleCount();
    this.renderRoot.querySelector<HTMLInputElement>('#recipients')?.focus();
  }

  private removeRecipient(index: number): void {
    this.update1({ recipients: this.s.recipients.filter((_, i) => i !== index) }, 'recipients');
    this.recipientErrors = new Map();
    this.scheduleCount();
  }

  private toggleSubdepartments(index: number, on: boolean): void {
    this.update1({ recipients: this.s.recipients.map((r, i) => (i === index ? { ...r, includeSubdepartments: on } : r)) }, 'recipients');
    this.scheduleCount();
  }

  private setKind(kind: MessageKind): void {
    this.update1({ kind, priority: kind === 'urgent' ? 'urgent' : this.s.priority === 'urgent' ? 'normal' : this.s.priority }, 'kind');
    this.scheduleCount();
  }

  /** "Reaches N people", debounced. */
  private scheduleCount(): void {
    clearTimeout(this.countTimer);
    if (!this.s.recipients.length) {
      this.countAbort?.abort();
      this.reach = null;
      this.counting = false;
      return;
    }
    this.counting = true;
    this.countTimer = setTimeout(async () => {
      this.countAbort?.abort();
      const controller = (this.countAbort = new AbortController());
      try {
        const reach = await this.api!.audience(this.s.kind, audienceOf(this.s), controller.signal);
        if (controller.signal.aborted) return;
        this.reach = reach;
        // The server accepts this audience now (e.g. contacts after switching to external): its old complaints are gone.
        if (this.errors.recipients) this.errors = { ...this.errors, recipients: undefined };
        this.recipientErrors = new Map();
      } catch (error) {
        if (controller.signal.aborted) return;
        this.reach = null;
        if (isProblem(error)) this.showProblem(error, false);
      } finally {
        if (!controller.signal.aborted) this.counting = false;
      }
    }, COUNT_DEBOUNCE_MS);
  }

  // Attachments ----------------------------------------------------------------------------------------------

  private usedBytes(): number {
    return this.s.attachments.reduce((n, a) => n + a.size, 0) + this.pending.filter((p) => !p.error).reduce((n, p) => n + p.size, 0);
  }

  /** Checks sizes before anything is sent, then uploads each accepted file with its own progress. */
  addFiles(files: Iterable<File>): void {
    const locale = this.i18n.locale;
    for (const file of files) {
      const key = `f${++this.fileSeq}`;
      const entry: PendingFile = { key, name: file.name, size: file.size, progress: 0 };
      if (file.size > this.limits.maxFileBytes) {
        entry.error = this.t('composer.attachments.tooLarge', { name: file.name, max: formatBytes(this.limits.maxFileBytes, locale) });
      } else if (this.usedBytes() + file.size > this.limits.maxMessageBytes) {
        entry.error = this.t('composer.attachments.totalTooLarge', { name: file.name, max: formatBytes(this.limits.maxMessageBytes, locale) });
      }
      this.pending = [...this.pending, entry];
      if (entry.error) {
        this.uploadStatus = entry.error;
        continue;
      }
      void this.upload(file, entry);
    }
    if (this.errors.attachments) this.errors = { ...this.errors, attachments: undefined };
  }

  private patchPending(key: string, patch: Partial<PendingFile>): void {
    this.pending = this.pending.map((p) => (p.key === key ? { ...p, ...patch } : p));
  }

  private async upload(file: File, entry: PendingFile): Promise<void> {
    const controller = new AbortController();
    this.patchPending(entry.key, { controller });
    this.uploadStatus = this.t('composer.attachments.progress', { name: file.name, percent: 0 });
    let announced = 0;
    try {
      const attachment = await this.api!.upload(file, {
        signal: controller.signal,
        onProgress: (loaded, total) => {
          const progress = total ? loaded / total : 0;
          this.patchPending(entry.key, { progress });
          // Announce in quarters, not on every event.
          const quarter = Math.floor(progress * 4);
          if (quarter > announced && quarter < 4) {
            announced = quarter;
            this.uploadStatus = this.t('composer.attachments.progress', { name: file.name, percent: quarter * 25 });
          }
        },
      });
      this.pending = this.pending.filter((p) => p.key !== entry.key);
      this.update1({ attachments: [...this.s.attachments, attachment] }, 'attachments');
      this.uploadStatus = this.t('composer.attachments.uploaded', { name: file.name });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') return;
      const message = problemMessage(error, this.i18n);
      this.patchPending(entry.key, { error: message, controller: undefined });
      this.uploadStatus = `${file.name}: ${message}`;
    }
  }

  private cancelUpload(entry: PendingFile): void {
    entry.controller?.abort();
    this.pending = this.pending.filter((p) => p.key !== entry.key);
    if (entry.controller) this.uploadStatus = this.t('composer.attachments.cancelled', { name: entry.name });
  }

  private async removeAttachment(attachment: Attachment): Promise<void> {
    this.update1({ attachments: this.s.attachments.filter((a) => a.id !== attachment.id) }, 'attachments');
    this.attachmentErrors.delete(attachment.id);
    this.uploadStatus = this.t('composer.attachments.removed', { name: attachment.name });
    await this.api?.deleteAttachment(attachment.id).catch(() => undefined);
  }

  private onDrop(e: DragEvent): void {
    e.preventDefault();
    this.dragging = false;
    if (e.dataTransfer?.files.length) this.addFiles(e.dataTransfer.files);
  }

  private onFilesPicked(e: Event): void {
    const input = e.target as HTMLInputElement;
    if (input.files) this.addFiles([...input.files]);
    input.value = '';
  }

  // Editor toolbar -------------------------------------------------------------------------------------------

  private toggle(name: Toggle): void {
    this.editor?.toggle(name);
    this.requestUpdate();
  }

  private openLink(): void {
    this.linkOpen = !this.linkOpen;
    this.linkError = '';
    this.emojiOpen = false;
    if (this.linkOpen) {
      void this.updateComplete.then(() => {
        const input = this.renderRoot.querySelector<HTMLInputElement>('#link-url');
        if (input) {
          input.value = this.editor?.linkHref() ?? '';
          input.focus();
        }
      });
    }
  }

  private applyLink(e?: Event): void {
    e?.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#link-url');
    const href = normalizeHref(input?.value ?? '');
    if (!href || !this.editor?.setLink(href)) {
      this.linkError = this.t('composer.link.scheme');
      input?.focus();
      return;
    }
    this.linkOpen = false;
    this.linkError = '';
  }

  private onLinkKey(e: KeyboardEvent): void {
    if (e.key === 'Enter') this.applyLink(e);
    else if (e.key === 'Escape') {
      e.preventDefault();
      this.linkOpen = false;
      this.editor?.focus();
    }
  }

  /** ARIA toolbar: one tab stop; arrows, Home and End move between the buttons. */
  private onToolbarKey(e: KeyboardEvent): void {
    const buttons = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('button.tool')];
    const at = buttons.indexOf(e.target as HTMLButtonElement);
    if (at < 0) return;
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    buttons[(next + buttons.length) % buttons.length]!.focus();
  }

  private onToolbarFocus(e: FocusEvent): void {
    const buttons = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('button.tool')];
    const at = buttons.indexOf(e.target as HTMLButtonElement);
    if (at >= 0) this.toolIndex = at;
  }

  private insertEmoji(emoji: string): void {
    this.editor?.insertText(emoji);
    this.emojiOpen = false;
  }

  // Preview and send -----------------------------------------------------------------------------------------

  /** Client-side checks; true when the form may be sent. */
  private validate(): boolean {
    const errors: Partial<Record<FieldName, string>> = {};
    if (!this.s.recipients.length) errors.recipients = this.t('composer.error.recipients');
    if (!this.s.subject.trim()) errors.subject = this.t('composer.error.subject');
    if (this.pending.some((p) => !p.error)) errors.attachments = this.t('composer.error.uploading');
    const future = (value: string) => (localToEpoch(value) ?? 0) > Date.now();
    if (this.s.expiry === 'at' && !future(this.s.expiresAt)) errors.expiry = this.t('composer.error.expiry');
    if (this.s.dueAt && !future(this.s.dueAt)) errors.due = this.t('composer.error.expiry');
    this.errors = errors;
    if (Object.keys(errors).length) {
      this.status = this.t('composer.error.fix');
      return false;
    }
    return true;
  }

  private async openPreview(e?: Event): Promise<void> {
    e?.preventDefault();
    if (this.editor) this.s = { ...this.s, body: this.editor.getDoc() };
    if (!this.validate()) return;
    this.preview = {
      count: this.reach,
      body: [...renderRichText(this.s.body, { linkWarning: (flag) => this.t(`richText.linkWarning.${flag}`) }).childNodes],
    };
    this.previewOpen = true;
    try {
      const count = await this.api!.audience(this.s.kind, audienceOf(this.s));
      if (this.preview) this.preview = { ...this.preview, count };
      this.reach = count;
    } catch (error) {
      if (isProblem(error)) {
        this.previewOpen = false;
        this.showProblem(error, true);
      }
    }
  }

  private closePreview(): void {
    this.previewOpen = false;
  }

  /** Sends with this compose session's Idempotency-Key (kept on a network error, so a retry never sends twice). */
  async send(): Promise<void> {
    if (this.sending) return;
    if (this.editor) this.s = { ...this.s, body: this.editor.getDoc() };
    if (!this.validate()) {
      this.previewOpen = false;
      return;
    }
    this.sending = true;
    this.status = this.t('composer.sending');
    clearTimeout(this.draftTimer);
    this.draftTimer = undefined;
    await this.draftSaving;
    try {
      const message = await this.api!.send(toSendInput(this.s, this.draftId), this.idempotencyKey);
      this.previewOpen = false;
      this.reset();
      this.status = message.status === 'pending-approval'
        ? this.t('composer.pendingApproval')
        : this.tn('composer.sent', message.recipientCount ?? 0);
      this.draftStatus = '';
      this.emit(new HeraldMessageSentEvent(message));
    } catch (error) {
      this.previewOpen = false;
      if (isProblem(error, 'network')) this.status = this.t('composer.retry');
      else this.showProblem(error as HeraldProblem, true);
    } finally {
      this.sending = false;
    }
  }

  /** Puts a problem's field errors next to their fields; the rest goes to the status line. */
  private showProblem(problem: HeraldProblem, asStatus: boolean): void {
    const errors: Partial<Record<FieldName, string>> = {};
    const recipientErrors = new Map<number, string>();
    const attachmentErrors = new Map<string, string>();
    for (const e of problem.errors ?? []) {
      const [head, index] = (e.path ?? '').split('.');
      const field = FIELD_OF_PATH[head ?? ''] ?? 'form';
      const text = fieldErrorMessage(e, this.i18n);
      if (field === 'recipients' && index !== undefined && /^\d+$/.test(index)) recipientErrors.set(Number(index), text);
      if (field === 'attachments' && index !== undefined && /^\d+$/.test(index)) {
        const a = this.s.attachments[Number(index)];
        if (a) attachmentErrors.set(a.id, text);
      }
      errors[field] ??= text;
    }
    const problemField = FIELD_OF_PROBLEM[problem.code];
    if (problemField) errors[problemField] = problemMessage(problem, this.i18n);
    this.errors = { ...this.errors, ...errors };
    this.recipientErrors = recipientErrors;
    this.attachmentErrors = attachmentErrors;
    if (asStatus) this.status = problem.errors?.length || problemField ? this.t('composer.error.fix') : problemMessage(problem, this.i18n);
  }

  // Rendering ------------------------------------------------------------------------------------------------

  protected renderBody(): TemplateResult {
    const { status } = this.herald.session;
    if (status === 'unknown') return html`<p part="empty">${this.t('common.loading')}</p>`;
    if (status !== 'signed-in') return html`<p part="empty">${this.t('composer.signedOut')}</p>`;
    if (!this.kinds.length) return this.renderEmpty('composer.noPermission');
    return html`<form part="form" novalidate @submit=${this.openPreview} aria-describedby="form-status">
        ${this.renderKinds()} ${this.renderRecipients()} ${this.renderSubject()} ${this.renderEditor()} ${this.renderAttachments()}
        ${this.renderProperties()}
        <div part="actions">
          <button type="submit" class="secondary">${this.t('composer.preview')}</button>
          <button type="button" id="send" ?disabled=${this.sending} aria-describedby="form-status" @click=${() => this.send()}>
            ${this.sending ? this.t('composer.sending') : this.t('composer.send')}
          </button>
          ${this.draftId ? html`<button type="button" class="danger" id="discard" @click=${() => this.discardDraft()}>${this.t('composer.draft.discard')}</button>` : nothing}
          <span class="muted" id="draft-status" role="status">${this.draftStatus}</span>
        </div>
        <p part="status" id="form-status" role="status" class=${this.errors.form ? 'error' : ''}>${this.errors.form ?? this.status}</p>
      </form>
      ${this.renderPreview()}`;
  }

  private error(field: FieldName): TemplateResult {
    const text = this.errors[field];
    return html`<p class="field-error" id="${field}-error" ?hidden=${!text}>${text ?? ''}</p>`;
  }

  private renderKinds(): TemplateResult {
    return html`<fieldset part="kinds" aria-describedby="kind-error">
      <legend>${this.t('composer.kind')}</legend>
      ${this.kinds.map((kind) => html`<label class="check kind-${kind}">
        <input type="radio" name="kind" value=${kind} .checked=${this.s.kind === kind} @change=${() => this.setKind(kind)} />
        ${this.t(`composer.kind.${kind}`)}
      </label>`)}
      ${this.error('kind')}
    </fieldset>`;
  }

  private countOf(item: DirectoryItem, sub: boolean): number | null | undefined {
    if (item.kind === 'department') return sub ? item.memberCountWithSubdepartments : item.memberCount;
    return item.kind === 'group' ? item.memberCount : undefined;
  }

  private renderRecipients(): TemplateResult {
    const expanded = this.listOpen;
    const activeId = expanded && this.active >= 0 && this.results[this.active] ? `option-${this.active}` : '';
    return html`<div part="recipients" class="field wide">
      <label for="recipients">${this.t('composer.recipients')}</label>
      ${this.s.recipients.length
        ? html`<ul class="chips" aria-label=${this.t('composer.recipients.chosen')}>
            ${this.s.recipients.map((r, i) => {
              const count = this.countOf(r, r.includeSubdepartments);
              const error = this.recipientErrors.get(i);
              return html`<li part="chip" class=${error ? 'invalid' : ''} aria-describedby=${error ? `chip-error-${i}` : nothing}>
                <span class="chip-kind">${this.t(`composer.recipients.kind.${r.kind}`)}</span>
                <span class="chip-name">${r.name}</span>
                ${typeof count === 'number' ? html`<span class="muted">${this.tn('composer.recipients.people', count)}</span>` : nothing}
                ${r.kind === 'department'
                  ? html`<label class="check small"><input type="checkbox" .checked=${r.includeSubdepartments}
                      @change=${(e: Event) => this.toggleSubdepartments(i, (e.target as HTMLInputElement).checked)} />${this.t('composer.recipients.subdepartments')}<span class="visually-hidden"> (${r.name})</span></label>`
                  : nothing}
                <button type="button" class="icon" aria-label=${this.t('composer.recipients.remove', { name: r.name })} @click=${() => this.removeRecipient(i)}><span aria-hidden="true">×</span></button>
                ${error ? html`<span class="field-error" id="chip-error-${i}">${error}</span>` : nothing}
              </li>`;
            })}
          </ul>`
        : nothing}
      <div class="combobox" @focusout=${(e: FocusEvent) => {
        if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node)) this.listOpen = false;
      }}>
        <input id="recipients" type="text" role="combobox" autocomplete="off" aria-autocomplete="list" aria-expanded=${expanded ? 'true' : 'false'}
          aria-controls="recipient-results" aria-activedescendant=${activeId || nothing} aria-describedby="recipients-hint recipients-reach recipients-error"
          aria-invalid=${this.errors.recipients ? 'true' : 'false'} placeholder=${this.t('composer.recipients.placeholder')}
          .value=${this.query} @input=${this.onQueryInput} @keydown=${this.onQueryKey} @focus=${() => !this.query && !this.listOpen && this.search(true)} />
        <ul id="recipient-results" part="listbox" role="listbox" aria-label=${this.t('composer.recipients.results')} ?hidden=${!expanded}>
          ${this.results.length
            ? this.results.map((item, i) => {
                const count = this.countOf(item, true);
                return html`<li role="option" id="option-${i}" aria-selected=${i === this.active ? 'true' : 'false'} class=${i === this.active ? 'active' : ''}
                  @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.pick(item)}>
                  <span class="chip-kind">${this.t(`composer.recipients.kind.${item.kind}`)}</span>
                  <span>${item.name}</span>
                  ${item.detail ? html`<span class="muted">${item.detail}</span>` : nothing}
                  ${typeof count === 'number' ? html`<span class="muted">${this.tn('composer.recipients.people', count)}</span>` : nothing}
                </li>`;
              })
            : html`<li role="option" aria-disabled="true" aria-selected="false" class="muted">${this.t('composer.recipients.none')}</li>`}
        </ul>
      </div>
      <p class="muted" id="recipients-hint">${this.t('composer.recipients.hint')}</p>
      <p class="reach" id="recipients-reach" aria-live="polite">${this.counting
        ? this.t('composer.recipients.counting')
        : this.reach ? this.tn('composer.recipients.reaches', this.reach.total) : ''}</p>
      ${this.error('recipients')}
    </div>`;
  }

  private renderSubject(): TemplateResult {
    const length = this.s.subject.length;
    return html`<div class="field wide">
      <label for="subject">${this.t('composer.subject')}</label>
      <input id="subject" part="subject" type="text" required maxlength=${SUBJECT_MAX} aria-invalid=${this.errors.subject ? 'true' : 'false'}
        aria-describedby="subject-counter subject-error" .value=${this.s.subject}
        @input=${(e: Event) => this.update1({ subject: (e.target as HTMLInputElement).value }, 'subject')} />
      <span class="muted counter" id="subject-counter">${this.t('composer.subject.counter', { count: length, max: SUBJECT_MAX })}</span>
      ${this.error('subject')}
    </div>`;
  }

  private renderEditor(): TemplateResult {
    const active = (name: Toggle | 'link') => (this.editor?.isActive(name) ? 'true' : 'false');
    const stop = (index: number) => (index === this.toolIndex ? '0' : '-1');
    const button = (name: Toggle, key: MessageKey, label: string | TemplateResult, shortcut: string) => html`<button type="button" class="tool" data-command=${name}
      tabindex=${stop(TOOLS.indexOf(name))}
      aria-pressed=${active(name)} aria-label=${this.t(key)} title="${this.t(key)} (${shortcut.replace('Mod', 'Ctrl')})" aria-keyshortcuts=${shortcut.replace('Mod', 'Control')}
      ?disabled=${!this.editorReady} @click=${() => this.toggle(name)}><span aria-hidden="true" class="glyph-${name}">${label}</span></button>`;
    const mention = this.mention;
    return html`<div class="field wide editor-field">
      <span class="label" id="body-label">${this.t('composer.body')}</span>
      <div part="toolbar" role="toolbar" aria-label=${this.t('composer.toolbar')} @keydown=${this.onToolbarKey} @focusin=${this.onToolbarFocus}>
        ${button('bold', 'composer.toolbar.bold', 'B', 'Mod+B')} ${button('italic', 'composer.toolbar.italic', 'I', 'Mod+I')}
        ${button('bulletList', 'composer.toolbar.bulletList', '•', 'Mod+Shift+8')} ${button('orderedList', 'composer.toolbar.orderedList', ORDERED_ICON, 'Mod+Shift+7')}
        <button type="button" class="tool" data-command="link" tabindex=${stop(4)} aria-pressed=${active('link')} aria-expanded=${this.linkOpen ? 'true' : 'false'}
          aria-label=${this.t('composer.toolbar.link')} title=${this.t('composer.toolbar.link')} ?disabled=${!this.editorReady} @click=${this.openLink}>${LINK_ICON}</button>
        <button type="button" class="tool" data-command="emoji" tabindex=${stop(5)} aria-expanded=${this.emojiOpen ? 'true' : 'false'} aria-controls="emoji-grid"
          aria-label=${this.t('composer.toolbar.emoji')} title=${this.t('composer.toolbar.emoji')} ?disabled=${!this.editorReady}
          @click=${() => ((this.emojiOpen = !this.emojiOpen), (this.linkOpen = false))}><span aria-hidden="true">☺</span></button>
      </div>
      ${this.linkOpen
        ? html`<div class="link-form" part="link-form">
            <label for="link-url">${this.t('composer.link.url')}</label>
            <input id="link-url" type="text" inputmode="url" placeholder="https://" aria-describedby="link-error" aria-invalid=${this.linkError ? 'true' : 'false'} @keydown=${this.onLinkKey} />
            <button type="button" class="small" id="link-apply" @click=${this.applyLink}>${this.t('composer.link.apply')}</button>
            ${this.editor?.isActive('link') ? html`<button type="button" class="small secondary" @click=${() => ((this.linkOpen = false), this.editor?.unsetLink())}>${this.t('composer.link.remove')}</button>` : nothing}
            <button type="button" class="small secondary" @click=${() => ((this.linkOpen = false), this.editor?.focus())}>${this.t('composer.link.cancel')}</button>
            <p class="field-error" id="link-error" ?hidden=${!this.linkError}>${this.linkError}</p>
          </div>`
        : nothing}
      <div id="emoji-grid" class="emoji-grid" role="group" aria-label=${this.t('composer.toolbar.emoji')} ?hidden=${!this.emojiOpen}
        @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && ((this.emojiOpen = false), this.editor?.focus())}>
        ${EMOJI.map((emoji) => html`<button type="button" class="emoji" aria-label=${this.t('composer.emoji.insert', { emoji })} @click=${() => this.insertEmoji(emoji)}>${emoji}</button>`)}
      </div>
      <div class="editor-wrap ${this.errors.body ? 'invalid' : ''}">
        ${this.editorReady ? nothing : html`<p class="muted">${this.t('composer.body.loading')}</p>`}
        <div id="editor"></div>
        ${mention
          ? html`<ul id="mentions" class="mentions" role="listbox" aria-label=${this.t('composer.mention.list')} style=${styleMap(this.mentionPosition(mention))}>
              ${mention.items.length
                ? mention.items.map((item, i) => html`<li role="option" id="mentions-${i}" aria-selected=${i === mention.active ? 'true' : 'false'}
                    class=${i === mention.active ? 'active' : ''} @mousedown=${(e: Event) => e.preventDefault()} @click=${() => mention.select(i)}>
                    <span>${item.name}</span>${item.detail ? html` <span class="muted">${item.detail}</span>` : nothing}</li>`)
                : html`<li role="option" aria-disabled="true" aria-selected="false" class="muted">${this.t('composer.mention.none')}</li>`}
            </ul>`
          : nothing}
      </div>
      ${this.error('body')}
    </div>`;
  }

  /** Below the caret, relative to the editor box (Lit sets it as a CSSOM property: fine under a strict CSP). */
  private mentionPosition(popup: MentionPopup): Record<string, string> {
    const box = this.renderRoot.querySelector('.editor-wrap')?.getBoundingClientRect();
    if (!popup.rect || !box) return {};
    return { top: `${Math.round(popup.rect.bottom - box.top + 4)}px`, left: `${Math.round(Math.max(0, popup.rect.left - box.left))}px` };
  }

  private renderAttachments(): TemplateResult {
    const locale = this.i18n.locale;
    return html`<div class="field wide">
      <span class="label" id="attachments-label">${this.t('composer.attachments')}</span>
      <div part="dropzone" class="dropzone ${this.dragging ? 'dragging' : ''}" aria-describedby="attachments-limits"
        @dragover=${(e: DragEvent) => (e.preventDefault(), (this.dragging = true))} @dragleave=${() => (this.dragging = false)} @drop=${this.onDrop}>
        ${this.t('composer.attachments.drop')}
        <input id="files" type="file" multiple class="visually-hidden" @change=${this.onFilesPicked} aria-describedby="attachments-limits" />
        <label for="files" class="pick">${this.t('composer.attachments.pick')}</label>
        <span class="muted" id="attachments-limits">${this.t('composer.attachments.limits', {
          file: formatBytes(this.limits.maxFileBytes, locale), total: formatBytes(this.limits.maxMessageBytes, locale),
        })}</span>
      </div>
      ${this.s.attachments.length || this.pending.length
        ? html`<ul class="files" aria-labelledby="attachments-label">
            ${repeat(this.s.attachments, (a) => a.id, (a) => {
              const error = this.attachmentErrors.get(a.id);
              return html`<li part="file" class=${error ? 'invalid' : ''}>
                <span class="file-name">${a.name}</span> <span class="muted">${formatBytes(a.size, locale)}</span>
                <button type="button" class="small secondary" aria-label=${this.t('composer.attachments.remove', { name: a.name })} @click=${() => this.removeAttachment(a)}><span aria-hidden="true">×</span></button>
                ${error ? html`<span class="field-error">${error}</span>` : nothing}
              </li>`;
            })}
            ${repeat(this.pending, (p) => p.key, (p) => html`<li part="file" class=${p.error ? 'invalid' : 'uploading'}>
              <span class="file-name">${p.name}</span> <span class="muted">${formatBytes(p.size, locale)}</span>
              ${p.error
                ? html`<span class="field-error">${p.error}</span>
                    <button type="button" class="small secondary" aria-label=${this.t('composer.attachments.remove', { name: p.name })} @click=${() => this.cancelUpload(p)}><span aria-hidden="true">×</span></button>`
                : html`<progress max="100" .value=${Math.round(p.progress * 100)} aria-label=${this.t('composer.attachments.progressLabel', { name: p.name })}></progress>
                    <button type="button" class="small secondary" aria-label=${this.t('composer.attachments.cancel', { name: p.name })} @click=${() => this.cancelUpload(p)}><span aria-hidden="true">×</span></button>`}
            </li>`)}
          </ul>`
        : nothing}
      <p class="visually-hidden" role="status" id="upload-status">${this.uploadStatus}</p>
      ${this.error('attachments')}
    </div>`;
  }

  private renderProperties(): TemplateResult {
    const urgent = this.s.kind === 'urgent';
    const priority: Priority = urgent ? 'urgent' : this.s.priority;
    return html`<fieldset part="properties" class="wide properties">
      <legend>${this.t('composer.properties')}</legend>
      <div class="field">
        <label for="priority">${this.t('composer.priority')}</label>
        <select id="priority" ?disabled=${urgent} aria-describedby="priority-note priority-error"
          @change=${(e: Event) => this.update1({ priority: (e.target as HTMLSelectElement).value as Priority }, 'priority')}>
          ${(['normal', 'high', 'urgent'] as const).map((p) => html`<option value=${p} ?selected=${priority === p}>${this.t(`composer.priority.${p}`)}</option>`)}
        </select>
        <span class="muted" id="priority-note" ?hidden=${!urgent}>${this.t('composer.priority.forced')}</span>
        ${this.error('priority')}
      </div>
      <div class="field">
        <label for="expiry">${this.t('composer.expiry')}</label>
        <select id="expiry" aria-describedby="expiry-error" @change=${(e: Event) => this.update1({ expiry: (e.target as HTMLSelectElement).value as ExpiryChoice }, 'expiry')}>
          ${(['never', '1h', '24h', '7d', 'at'] as const).map((x) => html`<option value=${x} ?selected=${this.s.expiry === x}>${this.t(`composer.expiry.${x}`)}</option>`)}
        </select>
        ${this.s.expiry === 'at'
          ? html`<label for="expires-at" class="visually-hidden">${this.t('composer.expiry.atLabel')}</label>
              <input id="expires-at" type="datetime-local" min=${localNow()} .value=${this.s.expiresAt} aria-describedby="expiry-error" aria-invalid=${this.errors.expiry ? 'true' : 'false'}
                @change=${(e: Event) => this.update1({ expiresAt: (e.target as HTMLInputElement).value }, 'expiry')} />`
          : nothing}
        ${this.error('expiry')}
      </div>
      <div class="field">
        <label for="due">${this.t('composer.due')}</label>
        <input id="due" type="datetime-local" min=${localNow()} .value=${this.s.dueAt} aria-describedby="due-error" aria-invalid=${this.errors.due ? 'true' : 'false'}
          @change=${(e: Event) => this.update1({ dueAt: (e.target as HTMLInputElement).value }, 'due')} />
        ${this.error('due')}
      </div>
      <label class="check">
        <input id="receipt" type="checkbox" .checked=${this.s.receiptRequired}
          @change=${(e: Event) => this.update1({ receiptRequired: (e.target as HTMLInputElement).checked })} />
        ${this.t('composer.receipt')}
      </label>
    </fieldset>`;
  }

  private renderPreview(): TemplateResult {
    const p = this.preview;
    const s = this.s;
    const locale = this.i18n.locale;
    const countFor = (r: Recipient) => p?.count?.entries.find((e) => e.kind === r.kind && e.targetId === r.id)?.count;
    const expiry = s.expiry === 'never' ? null : s.expiry === 'at'
      ? (s.expiresAt ? this.t('composer.expiry.on', { date: this.i18n.date(new Date(s.expiresAt)) }) : null)
      : this.t(`composer.expiry.${s.expiry}`);
    return html`<dialog id="preview" part="preview" aria-labelledby="preview-title" @close=${this.closePreview} @cancel=${this.closePreview}>
      ${this.previewOpen && p
        ? html`<h3 id="preview-title">${this.t('composer.preview.title')}</h3>
            <article class="message-preview">
              <p class="muted">${this.t('composer.preview.from', { name: this.herald.session.me?.subject?.name ?? '' })} ·
                ${this.t(`composer.kind.${s.kind}`)} · ${this.t(`composer.priority.${s.kind === 'urgent' ? 'urgent' : s.priority}`)}</p>
              <h4 class="preview-subject">${s.subject.trim()}</h4>
              <div class="rich-text preview-body">${isEmptyDoc(s.body) ? nothing : p.body}</div>
              <h5>${this.t('composer.attachments')}</h5>
              ${s.attachments.length
                ? html`<ul>${s.attachments.map((a) => html`<li>${a.name} <span class="muted">${formatBytes(a.size, locale)}</span></li>`)}</ul>`
                : html`<p class="muted">${this.t('composer.preview.noAttachments')}</p>`}
              <ul class="preview-properties">
                ${s.receiptRequired ? html`<li>${this.t('composer.receipt.on')}</li>` : nothing}
                ${expiry ? html`<li>${s.expiry === 'at' ? expiry : this.t('composer.expiry.inMinutes', { duration: expiry })}</li>` : nothing}
                ${s.dueAt ? html`<li>${this.t('composer.due.on', { date: this.i18n.date(new Date(s.dueAt)) })}</li>` : nothing}
              </ul>
            </article>
            <h4>${this.t('composer.preview.recipients')}</h4>
            <ul class="preview-recipients">
              ${s.recipients.map((r) => {
                const count = countFor(r);
                return html`<li>${this.t(`composer.recipients.kind.${r.kind}`)}: ${r.name}
                  <span class="count">${typeof count === 'number' ? this.tn('composer.recipients.people', count) : '…'}</span></li>`;
              })}
            </ul>
            <p class="preview-total">${p.count ? this.tn('composer.preview.total', p.count.total) : this.t('composer.recipients.counting')}</p>
            <div class="actions">
              <button type="button" id="preview-send" ?disabled=${this.sending} @click=${() => this.send()}>${this.sending ? this.t('composer.sending') : this.t('composer.send')}</button>
              <button type="button" class="secondary" @click=${this.closePreview}>${this.t('composer.preview.back')}</button>
            </div>`
        : nothing}
    </dialog>`;
  }
}

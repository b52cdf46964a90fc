// The reading pane's toolbar for the recipient's own copy (issue 23: actions where the eye is): reply, archive (or
// move back to the inbox), add or remove a tag (tree order), delete (or restore), each with a shortcut; archive and
// delete say so next to the toolbar with an "Undo" for a few seconds. Changes fire HeraldMailboxChangeEvent through
// the view (the inbox patches its rows), a delete asks first with the cancelable HeraldMailboxDeleteRequestEvent.
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { problemMessage, type MessageKey } from '@herald/core';
import { InboxApi } from '../../api/inbox-api.js';
import type { BatchAction, Tag } from '../../api/types.js';
import type { MailboxStateAnswer, ViewedMessage } from '../../api/message-types.js';
import { renderTagOptions } from '../../batch/tag-options.js';
import { HeraldMailboxDeleteRequestEvent } from '../../events/mailbox-delete-request.js';
import { HeraldMessageForwardEvent } from '../../events/message-forward.js';
import { EntryApi } from './entry-api.js';
import { localInputTime, snoozeTimes, type SnoozeChoice } from './snooze-times.js';
import type { MessageViewContext, MessageViewHost } from '../context.js';

/** How long "Undo" stays offered after archiving or deleting. */
export const UNDO_MS = 8000;

type Note = { key: MessageKey; params?: Record<string, unknown>; undo?: BatchAction; tone?: 'error' };
const UNDO_OF: Partial<Record<BatchAction, BatchAction>> = { archive: 'unarchive', delete: 'restore' };
const DONE: Partial<Record<BatchAction, MessageKey>> = {
  archive: 'messageView.toolbar.archived',
  unarchive: 'messageView.toolbar.unarchived',
  delete: 'messageView.toolbar.deleted',
  restore: 'messageView.toolbar.restored',
};

const OWN_DONE: Record<'star' | 'unstar' | 'snooze' | 'unsnooze', MessageKey> = {
  star: 'messageView.toolbar.starred',
  unstar: 'messageView.toolbar.unstarred',
  snooze: 'messageView.toolbar.snoozed',
  unsnooze: 'messageView.toolbar.unarchived',
};
const TIME_FORMAT: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

const isTyping = (origin: EventTarget | undefined) =>
  origin instanceof HTMLElement &&
  (origin.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(origin.tagName));

export class MailboxToolbarController implements ReactiveController {
  private busy = false;
  private note: Note | null = null;
  private undoTimer?: ReturnType<typeof setTimeout>;
  private tags: Tag[] = [];
  private tagsFor?: unknown;

  constructor(
    private readonly host: MessageViewHost,
    private readonly ctx: MessageViewContext,
    private readonly emit: (event: Event) => boolean,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('keydown', this.onKeydown);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.onKeydown);
    clearTimeout(this.undoTimer);
  }

  /** Another message is shown: the last outcome and its undo belong to the previous one. */
  reset(): void {
    clearTimeout(this.undoTimer);
    this.note = null;
  }

  private get inboxApi(): InboxApi | undefined {
    const client = this.ctx.api()?.client;
    return client ? new InboxApi(client) : undefined;
  }

  /** The tag pickers' tags, loaded once per client. */
  private loadTags(): void {
    const client = this.ctx.api()?.client;
    if (!client || this.tagsFor === client) return;
    this.tagsFor = client;
    this.inboxApi!.tags().then(
      (tags) => ((this.tags = tags), this.host.requestUpdate()),
      () => (this.tagsFor = undefined),
    );
  }

  private say(note: Note | null): void {
    clearTimeout(this.undoTimer);
    this.note = note;
    if (note?.undo)
      this.undoTimer = setTimeout(
        () => ((this.note = note.undo ? { ...note, undo: undefined } : note), this.host.requestUpdate()),
        UNDO_MS,
      );
    this.host.requestUpdate();
  }

  /** One mailbox change of the shown message, then its new state told to the host. */
  async run(action: BatchAction, tagId?: string): Promise<void> {
    const m = this.ctx.message();
    const api = this.inboxApi;
    if (!m?.mine || !api || this.busy) return;
    if (action === 'delete' && !this.emit(new HeraldMailboxDeleteRequestEvent({ messageIds: [m.id] }))) return;
    this.busy = true;
    this.host.requestUpdate();
    try {
      await api.batch({ action, messageIds: [m.id], ...(tagId ? { tagId } : {}) });
      const at = Date.now();
      const mine = m.mine;
      const state: Partial<MailboxStateAnswer> =
        action === 'archive'
          ? { archivedAt: at }
          : action === 'unarchive'
            ? { archivedAt: null }
            : action === 'delete'
              ? { deletedAt: at }
              : action === 'restore'
                ? { deletedAt: null }
                : {
                    tagIds:
                      action === 'tag'
                        ? [...new Set([...mine.tagIds, tagId!])]
                        : mine.tagIds.filter((t) => t !== tagId),
                  };
      this.ctx.mailboxChanged(action, { ...mine, ...state } as MailboxStateAnswer);
      const tag = this.tags.find((t) => t.id === tagId)?.name;
      this.say(
        DONE[action]
          ? { key: DONE[action]!, undo: UNDO_OF[action] }
          : {
              key: action === 'tag' ? 'messageView.toolbar.tagged' : 'messageView.toolbar.untagged',
              params: { name: tag },
            },
      );
    } catch (error) {
      this.say(null);
      this.ctx.announce(problemMessage(error, this.ctx.i18n), 'error');
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /**
   * Issue 20 #3: star / unstar, snooze / unsnooze the shown entry. The inbox hears a snooze as an archive (the entry
   * leaves the inbox) and its end as a move back, with the state the server answered.
   */
  async own(action: 'star' | 'unstar' | 'snooze' | 'unsnooze', until: number | null = null): Promise<void> {
    const m = this.ctx.message();
    const client = this.ctx.api()?.client;
    if (!m?.mine || !client || this.busy) return;
    const api = new EntryApi(client);
    this.busy = true;
    this.host.requestUpdate();
    try {
      const state =
        action === 'star' || action === 'unstar'
          ? await api.star(m.id, action === 'star')
          : await api.snooze(m.id, action === 'snooze' ? until : null);
      const told = action === 'snooze' ? 'archive' : action === 'unsnooze' ? 'unarchive' : action;
      this.ctx.mailboxChanged(told, state as MailboxStateAnswer);
      const date = until === null ? '' : new Intl.DateTimeFormat(this.ctx.i18n.locale, TIME_FORMAT).format(until);
      this.say({ key: OWN_DONE[action], params: { date } });
    } catch (error) {
      this.say(null);
      this.ctx.announce(problemMessage(error, this.ctx.i18n), 'error');
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** The snooze picker: a preset, or a time the person typed (`datetime-local`). */
  private pickingTime = false;
  private onSnooze = (e: Event): void => {
    const select = e.target as HTMLSelectElement;
    const value = select.value as SnoozeChoice | 'pick' | '';
    select.value = '';
    if (value === 'pick') {
      this.pickingTime = true;
      this.host.requestUpdate();
      this.ctx.focusAfterRender('#mv-snooze-at');
    } else if (value) void this.own('snooze', snoozeTimes(Date.now())[value]);
  };
  private onSnoozeAt = (e: Event): void => {
    const until = localInputTime((e.target as HTMLInputElement).value);
    if (until === undefined) return;
    this.pickingTime = false;
    void this.own('snooze', until);
  };

  private undo = async (): Promise<void> => {
    const action = this.note?.undo;
    if (!action) return;
    await this.run(action);
    this.ctx.focusAfterRender(action === 'unarchive' ? '#mv-archive' : '#mv-delete');
  };

  private reply = (): void => this.ctx.focusAfterRender('#reply-text');

  /** Issue 20 #4: the host opens its composer with this message to forward. */
  private forward = (): void => {
    const m = this.ctx.message();
    if (m) this.emit(new HeraldMessageForwardEvent({ messageId: m.id }));
  };

  /**
   * r reply, f forward, e archive / back to the inbox, l the tag picker, # or Delete delete / restore, z undo (not
   * while typing).
   */
  private onKeydown = (e: KeyboardEvent): void => {
    const m = this.ctx.message();
    if (!m?.mine || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.composedPath()[0])) return;
    const mine = m.mine;
    const act = (fn: () => void) => {
      e.preventDefault();
      e.stopPropagation();
      fn();
    };
    switch (e.key) {
      case 'r':
        if (this.host.renderRoot.querySelector('#reply-text')) act(this.reply);
        return;
      case 'f':
        if (this.host.renderRoot.querySelector('#mv-forward')) act(this.forward);
        return;
      case 'e':
        if (!mine.deletedAt) act(() => void this.run(mine.archivedAt ? 'unarchive' : 'archive'));
        return;
      case '#':
      case 'Delete':
        return act(() => void this.run(mine.deletedAt ? 'restore' : 'delete'));
      case 'l':
        return act(() => this.host.renderRoot.querySelector<HTMLSelectElement>('#mv-tag')?.focus());
      case 's':
        if (!mine.deletedAt) act(() => void this.own(mine.starredAt ? 'unstar' : 'star'));
        return;
      case 'b':
        if (!mine.deletedAt) act(() => this.host.renderRoot.querySelector<HTMLElement>('#mv-snooze')?.focus());
        return;
      case 'z':
        if (this.note?.undo) act(() => void this.undo());
        return;
    }
  };

  /** Issue 20 #3: the star toggle, and snooze (presets or a time) or, while snoozed, "back to the inbox now". */
  private renderStarSnooze(mine: NonNullable<ViewedMessage['mine']>) {
    const { t } = this.ctx;
    const busy = this.busy ? 'true' : 'false';
    const starred = !!mine.starredAt;
    const fmt = new Intl.DateTimeFormat(this.ctx.i18n.locale, TIME_FORMAT);
    const times = snoozeTimes(Date.now());
    const choice = (value: SnoozeChoice, key: MessageKey) =>
      html`<option value=${value}>${t(key, { date: fmt.format(times[value]) })}</option>`;
    return html`<button type="button" id="mv-star" class="small secondary" aria-pressed=${starred ? 'true' : 'false'}
        aria-keyshortcuts="s" aria-disabled=${busy} title=${t('messageView.toolbar.shortcut', { key: 's' })}
        @click=${() => void this.own(starred ? 'unstar' : 'star')}
        ><span aria-hidden="true">${starred ? '★' : '☆'}</span> ${t('messageView.toolbar.star')}</button>
      ${
        mine.snoozedUntil
          ? html`<button type="button" id="mv-snooze" class="small secondary" aria-keyshortcuts="b"
            aria-disabled=${busy} @click=${() => void this.own('unsnooze')}
            >${t('messageView.toolbar.unsnooze', { date: fmt.format(mine.snoozedUntil) })}</button>`
          : html`<select id="mv-snooze" class="small" aria-label=${t('messageView.toolbar.snooze')}
            aria-keyshortcuts="b" ?disabled=${this.busy} @change=${this.onSnooze}>
            <option value="">${t('messageView.toolbar.snooze')}</option>
            ${choice('later', 'messageView.toolbar.snoozeLater')}
            ${choice('tomorrow', 'messageView.toolbar.snoozeTomorrow')}
            ${choice('nextWeek', 'messageView.toolbar.snoozeNextWeek')}
            <option value="pick">${t('messageView.toolbar.snoozePick')}</option>
          </select>${
            this.pickingTime
              ? html`<input id="mv-snooze-at" class="small" type="datetime-local"
                aria-label=${t('messageView.toolbar.snoozeAt')} @change=${this.onSnoozeAt} />`
              : nothing
          }`
      }`;
  }

  render(m: ViewedMessage, canReply: boolean): TemplateResult | typeof nothing {
    const mine = m.mine;
    if (!mine) return nothing;
    this.loadTags();
    const { t } = this.ctx;
    const busy = this.busy ? 'true' : 'false';
    const button = (id: string, key: MessageKey, keys: string, onClick: () => void, danger = false) =>
      html`<button type="button" id=${id} class="small ${danger ? 'danger' : 'secondary'}" aria-keyshortcuts=${keys}
        aria-disabled=${busy}
        title=${t('messageView.toolbar.shortcut', { key: keys.split(' ')[0] })} @click=${onClick}>${t(key)}</button>`;
    const carried = this.tags.filter((tag) => mine.tagIds.includes(tag.id));
    const note = this.note;
    return html`<div part="toolbar" class="mv-toolbar" role="group" aria-label=${t('messageView.actions')}
      aria-describedby="mv-keys">
        ${canReply ? button('mv-reply', 'messageView.reply', 'r', this.reply) : nothing}
        ${
          canReply && this.ctx.maySend()
            ? button('mv-forward', 'messageView.toolbar.forward', 'f', this.forward)
            : nothing
        }
        ${
          mine.deletedAt
            ? nothing
            : mine.archivedAt
              ? button('mv-archive', 'messageView.toolbar.unarchive', 'e', () => void this.run('unarchive'))
              : button('mv-archive', 'messageView.toolbar.archive', 'e', () => void this.run('archive'))
        }
        ${
          mine.deletedAt
            ? nothing
            : html`<select id="mv-tag" class="small" aria-label=${t('messageView.toolbar.tag')} aria-keyshortcuts="l"
              ?disabled=${this.busy}
          @change=${(e: Event) => {
            const select = e.target as HTMLSelectElement;
            const value = select.value;
            select.value = '';
            if (value.startsWith('untag:')) void this.run('untag', value.slice(6));
            else if (value) void this.run('tag', value);
          }}>
          <option value="">${t('messageView.toolbar.tag')}</option>
          ${renderTagOptions(
            this.ctx.i18n,
            this.tags.filter((tag) => !mine.tagIds.includes(tag.id)),
          )}
          ${
            carried.length
              ? renderTagOptions(this.ctx.i18n, carried, 'untag:', `${t('messageView.toolbar.untag')} `)
              : nothing
          }
        </select>`
        }
        ${mine.deletedAt ? nothing : this.renderStarSnooze(mine)}
        ${
          mine.deletedAt
            ? button('mv-delete', 'messageView.toolbar.restore', 'Shift+3 Delete', () => void this.run('restore'))
            : button('mv-delete', 'messageView.toolbar.delete', 'Shift+3 Delete', () => void this.run('delete'), true)
        }
        <span id="mv-keys" class="visually-hidden">${t('messageView.toolbar.keys')}</span>
      </div>
      <p class="mv-toolbar-status" role="status">${
        note
          ? html`${t(note.key, note.params)}${
              note.undo
                ? html` <button type="button" id="mv-undo" class="link"
            aria-keyshortcuts="z" @click=${this.undo}>${t('messageView.toolbar.undo')}</button>`
                : nothing
            }`
          : nothing
      }</p>`;
  }
}

// Issue 19 #3: the composer's warning about people the body mentions who will not receive the message, with "Add as
// recipient", in the form and in the preview. A lazy chunk, loaded once the body first mentions someone. Like the
// templates chunk it takes lit's `html` and `nothing` from the composer instead of importing them (a lazy chunk that
// imports lit moves lit out of the composer's first-load file).
import type { html as litHtml, nothing as litNothing } from 'lit';
import { mentionsOf, type MentionRef } from '@herald/rich-text/mentions';
import type { AudienceEntry, MessageKind } from '../api/types.js';
import type { ComposerContext, ComposerHost } from '../composer/context.js';

/** Strings per locale; the composer makes them a catalogue when this chunk has loaded. */
export const mentionStrings = {
  en: () => import('./i18n/en.js').then((m) => m.en),
  'zh-CN': () => import('./i18n/zh-CN.js').then((m) => m.zhCN),
};

const CHECK_DEBOUNCE_MS = 300;

export interface MentionsOptions {
  /** The signed-in member (mentioning oneself warns of nothing: a sender never gets a copy). */
  meId(): string | undefined;
  /** The audience as the server takes it (state.ts's `audienceOf`, which this chunk does not import). */
  audience(): AudienceEntry[];
  /** The recipients changed ("Add as recipient"): the composer counts the audience again. */
  recount(): void;
  lit: { html: typeof litHtml; nothing: typeof litNothing };
}

/**
 * Works out who is mentioned but not reached: at once when every recipient was picked one by one, else by asking the
 * server's audience preview (`unreachedMentions`; a department or group may or may not hold them). The composer calls
 * `check()` after each change of its state.
 */
export class MentionsController {
  private unreached: MentionRef[] = [];
  private key = '';
  private timer?: ReturnType<typeof setTimeout>;
  private abort?: AbortController;

  constructor(
    private readonly host: ComposerHost,
    private readonly ctx: ComposerContext,
    private readonly options: MentionsOptions,
  ) {}

  check(): void {
    const s = this.ctx.state();
    const me = this.options.meId();
    const mentions = mentionsOf(s.body).filter((m) => m.id !== me);
    const audience = this.options.audience();
    const key = JSON.stringify([s.kind, mentions.map((m) => m.id), audience]);
    if (key === this.key) return;
    this.key = key;
    clearTimeout(this.timer);
    this.abort?.abort();
    if (!mentions.length) return this.show([]);
    if (audience.every((a) => a.kind === 'member' || a.kind === 'contact')) {
      const picked = new Set(audience.filter((a) => a.kind === 'member').map((a) => a.targetId));
      return this.show(mentions.filter((m) => !picked.has(m.id)));
    }
    this.timer = setTimeout(() => void this.ask(s.kind, audience, mentions), CHECK_DEBOUNCE_MS);
  }

  private async ask(kind: MessageKind, audience: AudienceEntry[], mentions: MentionRef[]) {
    const api = this.ctx.api();
    if (!api) return;
    const abort = (this.abort = new AbortController());
    try {
      const count = await api.audience(
        kind,
        audience,
        abort.signal,
        mentions.map((m) => m.id),
      );
      const missing = new Set(count.unreachedMentions);
      if (!abort.signal.aborted) this.show(mentions.filter((m) => missing.has(m.id)));
    } catch {
      // Unknown (offline, a recipient no longer valid): the send's own answer warns instead.
    }
  }

  /** "Add as recipient": the member joins the recipients, picked one by one. */
  private add(m: MentionRef): void {
    const s = this.ctx.state();
    if (s.recipients.some((r) => r.kind === 'member' && r.id === m.id)) return;
    const member = { kind: 'member' as const, id: m.id, name: m.label, detail: null, includeSubdepartments: false };
    const recipients = [...s.recipients, { ...member, memberCount: null, memberCountWithSubdepartments: null }];
    this.ctx.update({ recipients }, 'recipients');
    this.options.recount();
  }

  private show(unreached: MentionRef[]): void {
    const ids = (list: MentionRef[]) => list.map((m) => m.id).join();
    if (ids(unreached) === ids(this.unreached)) return;
    this.unreached = unreached;
    // Called from the composer's `updated()`: the next update is scheduled after this one, not inside it.
    void Promise.resolve().then(() => this.host.requestUpdate());
  }

  /** The warning (nothing when everyone mentioned is reached); `live` in the form, where it appears as one types. */
  render(live: boolean): unknown {
    const { html, nothing } = this.options.lit;
    const { t } = this.ctx;
    if (!this.unreached.length) return nothing;
    return html`<div part="mention-warning" class="mention-warning" role=${live ? 'status' : nothing}>
      <p>${t('composer.mentions.notRecipients')}</p>
      <ul>
        ${this.unreached.map(
          (m) => html`<li><span class="name">${m.label}</span>
            <button type="button" class="secondary" aria-label=${t('composer.mentions.addNamed', { name: m.label })}
              @click=${() => this.add(m)}>${t('composer.mentions.add')}</button></li>`,
        )}
      </ul>
    </div>`;
  }
}

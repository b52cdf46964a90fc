// What <herald-inbox> shows of the customer conversations (issue 19 #5), in its lazy chunk: the sidebar entries, the
// queue in the list column and the new-conversation form in the reading pane.
import { html, nothing } from 'lit';
import type { HeraldConversationOpenEvent } from '../events/conversation-open.js';
import type { HeraldConversationSelectEvent } from '../events/conversation-select.js';
import type { InboxContext } from '../inbox/context.js';
import './define.js';
// The desk opens threads in the reading pane's <herald-message-view>: loading it here too keeps the first load's shared
// chunks whole (bench/widget-size: a lazy part reaching only some of them split one in two, +0.13 KB gz).
import '../message/define.js';

import { conversationStrings } from './i18n/index.js';

/** `queue`: the Customers view (staff) or My conversations (a customer); `new`: a customer writes a new one. */
export type DeskMode = 'queue' | 'new';

/** The inbox's customer desk: which of its views is shown (none: a mailbox view), and what it draws. */
export class Desk {
  mode: DeskMode | null = null;

  constructor(private readonly ctx: InboxContext) {}

  private get customer(): boolean {
    return this.ctx.stores?.$session.get().me?.subject?.kind === 'contact';
  }

  show(mode: DeskMode | null): void {
    this.mode = mode;
    if (mode === 'new') this.ctx.openedId = null;
    this.ctx.host.requestUpdate();
  }

  /** Open a conversation's thread in the reading pane. */
  private open(id: string): void {
    this.ctx.openedId = id;
  }

  /** The sidebar's entries: Customers (staff); My conversations and New conversation (a customer). */
  entries() {
    const { i18n } = this.ctx;
    const customer = this.customer;
    return html`<ul class="views desk">
      <li><button type="button" class="nav" part="view" id="desk-queue"
        aria-current=${this.mode ? 'page' : 'false'} @click=${() => this.show('queue')}><span class="name">${i18n.t(
          customer ? 'conversations.entry.mine' : 'conversations.entry.customers',
        )}</span></button></li>
      ${
        customer
          ? html`<li><button type="button" class="nav" part="view" id="desk-new" @click=${() => this.show('new')}
            ><span class="name">＋ ${i18n.t('conversations.entry.new')}</span></button></li>`
          : nothing
      }
    </ul>`;
  }

  /** The queue, in place of the list column, while a desk view is shown. */
  queue() {
    if (!this.mode) return undefined;
    return html`<herald-customer-queue locale=${this.ctx.i18n.locale}
      @herald-conversation-select=${(e: HeraldConversationSelectEvent) => this.open(e.detail.conversationId)}
    ></herald-customer-queue>`;
  }

  /** The new-conversation form, in place of the reading pane. */
  reader() {
    if (this.mode !== 'new') return undefined;
    return html`<section class="reader" part="reader"><herald-conversation-form locale=${this.ctx.i18n.locale}
      @herald-conversation-open=${(e: HeraldConversationOpenEvent) => {
        this.show('queue');
        this.open(e.detail.conversationId);
      }}
      @herald-conversation-cancel=${() => this.show('queue')}></herald-conversation-form></section>`;
  }
}

/** The desk once its strings (in the inbox's locale) are here; undefined if they could not be fetched. */
export const deskFor = async (ctx: InboxContext): Promise<Desk | undefined> =>
  (await ctx.i18n.use(conversationStrings)) ? new Desk(ctx) : undefined;

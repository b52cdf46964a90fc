// Issue 19 item 4: in its sender's reading pane, the links its conversation's contacts without portal access were
// e-mailed (to read the conversation and reply; one with each message of the thread), each contact's state, and
// "Revoke links" — every link of that contact to the conversation so far, with its open page and file links (review:
// it was per message). Loaded only for a message to contacts that the viewer oversees; nothing shows without links.
import { html, nothing, type ReactiveController } from 'lit';
import { problemMessage } from '@herald/core';
import type { ContactLink, ViewedMessage } from '../../api/message-types.js';
import { HeraldContactLinkRevokeRequestEvent } from '../../events/contact-link-revoke-request.js';
import type { MessageViewContext, MessageViewHost } from '../context.js';

/** Per contact, the newest link (the list comes newest first), how many, and whether any of theirs still works. */
function byContact(items: ContactLink[]) {
  const seen = new Map<string, { latest: ContactLink; active: boolean; count: number }>();
  for (const link of items) {
    const active = link.state === 'unopened' || link.state === 'open';
    const known = seen.get(link.contactId);
    if (known) {
      known.active ||= active;
      known.count++;
    } else seen.set(link.contactId, { latest: link, active, count: 1 });
  }
  return [...seen.values()];
}

export class ContactLinksController implements ReactiveController {
  private loadedFor = '';
  private items: ContactLink[] = [];
  private busy = '';

  constructor(
    private readonly host: MessageViewHost,
    private readonly ctx: MessageViewContext,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /**
   * Whoever may see the receipts (its sender, or who oversees it) may see the links: the server's rule too. On a
   * message to contacts, or on an external reply (its thread's links: a reply has no audience of its own).
   */
  private wanted(m: ViewedMessage): boolean {
    const external = m.audience.some((a) => a.kind === 'contact') || (m.kind === 'external' && m.parentId !== null);
    return m.can.viewRecipients && external;
  }

  private async load(id: string): Promise<void> {
    const api = this.ctx.api();
    if (!api) return;
    this.loadedFor = id;
    try {
      const items = await api.contactLinks(id);
      if (this.loadedFor === id) this.items = items;
    } catch {
      if (this.loadedFor === id) this.items = []; // no links to show (or not allowed): the pane stays as it was
    }
    this.host.requestUpdate();
  }

  private async revoke(m: ViewedMessage, link: ContactLink): Promise<void> {
    const api = this.ctx.api();
    if (!api || this.busy) return;
    const request = new HeraldContactLinkRevokeRequestEvent({ messageId: m.id, contactId: link.contactId });
    this.host.dispatchEvent(request);
    if (request.defaultPrevented) return;
    this.busy = link.contactId;
    this.host.requestUpdate();
    try {
      await api.revokeContactLinks(m.id, link.contactId);
      this.ctx.announce(this.ctx.t('messageView.links.revokedFor', { name: link.contactName }));
      this.ctx.managed('revoke-link');
      await this.load(m.id);
      this.ctx.focusAfterRender('#links-title');
    } catch (error) {
      this.ctx.announce(problemMessage(error, this.ctx.i18n), 'error');
    } finally {
      this.busy = '';
      this.host.requestUpdate();
    }
  }

  private stateText(link: ContactLink): string {
    const { t, time } = this.ctx;
    switch (link.state) {
      case 'unopened':
        return t('messageView.links.unopened', { date: time(link.expiresAt) });
      case 'open':
        return t('messageView.links.open', { date: time(link.openedAt ?? link.createdAt) });
      case 'ended':
        return t('messageView.links.ended', { date: time(link.openedAt ?? link.createdAt) });
      case 'revoked':
        return t('messageView.links.revoked');
      default:
        return t('messageView.links.expired');
    }
  }

  render(m: ViewedMessage) {
    if (!this.wanted(m)) return nothing;
    if (this.loadedFor !== m.id) {
      this.items = [];
      void this.load(m.id);
    }
    if (!this.items.length) return nothing;
    const { t } = this.ctx;
    return html`<section part="contact-links" class="contact-links" aria-labelledby="links-title">
      <h3 id="links-title" tabindex="-1">${t('messageView.links.title')}</h3>
      <p class="muted">${t('messageView.links.intro')}</p>
      <ul>
        ${byContact(this.items).map(
          ({ latest, active, count }) =>
            html`<li>
              <span class="name">${latest.contactName}</span>
              <span class="state">${this.stateText(latest)}</span>
              ${count > 1 ? html`<span class="count muted">${t('messageView.links.count', { count })}</span>` : nothing}
              ${
                active
                  ? html`<button
                    type="button"
                    class="revoke-link"
                    data-contact=${latest.contactId}
                    aria-label=${t('messageView.links.revokeFor', { name: latest.contactName })}
                    ?disabled=${this.busy === latest.contactId}
                    @click=${() => this.revoke(m, latest)}
                  >
                    ${t('messageView.links.revoke')}
                  </button>`
                  : nothing
              }
            </li>`,
        )}
      </ul>
    </section>`;
  }
}

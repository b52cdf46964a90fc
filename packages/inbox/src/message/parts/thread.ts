// The conversation: the root and its replies in order (the one open above is marked), each with sender, time,
// body and attachments; recalled, deleted, expired or purged items say so without content.
import { html, nothing, type TemplateResult } from 'lit';
import type { ViewedMessage } from '../../api/message-types.js';
import type { MessageViewContext } from '../context.js';
import { renderBody } from './body.js';
import type { AttachmentsController } from './attachments.js';

export function closedNotice(ctx: MessageViewContext, m: ViewedMessage): TemplateResult | typeof nothing {
  const mine = ctx.meId() === m.sender.id;
  if (m.deletedAt !== null)
    return html`<p class="notice closed" data-state="deleted">${ctx.t('messageView.deleted')}</p>`;
  if (m.recalledAt !== null) {
    return html`<p class="notice closed" data-state="recalled"
      >${ctx.t(mine ? 'messageView.recalledSender' : 'messageView.recalled', { time: ctx.time(m.recalledAt) })}</p>`;
  }
  // Issue 19 item 8: the purge removed the content for everyone, the sender included.
  if (m.purgedAt !== null) {
    return html`<p class="notice closed" data-state="purged"
      >${ctx.t('messageView.purgedNotice', { time: ctx.time(m.expiresAt ?? m.purgedAt) })}</p>`;
  }
  if (m.expired && !mine && m.expiresAt !== null) {
    return html`<p class="notice closed" data-state="expired"
      >${ctx.t('messageView.expiredNotice', { time: ctx.time(m.expiresAt) })}</p>`;
  }
  return nothing;
}

export function renderThread(
  ctx: MessageViewContext,
  items: ViewedMessage[],
  currentId: string,
  attachments: AttachmentsController,
): TemplateResult | typeof nothing {
  if (items.length < 2) return nothing;
  const { t } = ctx;
  return html`<section part="thread" aria-labelledby="thread-title">
    <h3 id="thread-title">${t('messageView.thread')} <span class="muted"
      >(${t('messageView.thread.count', { count: items.length })})</span></h3>
    <ol class="thread">
      ${items.map((item) => {
        const at = item.deliveredAt ?? item.createdAt;
        const current = item.id === currentId;
        const notice = closedNotice(ctx, item);
        return html`<li class="thread-item ${current ? 'current' : ''}" data-id=${item.id}
          aria-current=${current ? 'true' : 'false'}>
          <article aria-labelledby="ti-${item.id}">
            <h4 id="ti-${item.id}" class="thread-head"><span class="sender"
              >${
                ctx.meId() === item.sender.id
                  ? `${item.sender.name} (${t('messageView.thread.you')})`
                  : item.sender.name
              }</span>
              <time class="muted" datetime=${new Date(at).toISOString()}>${ctx.time(at)}</time></h4>
            ${
              current
                ? nothing
                : notice !== nothing
                  ? notice
                  : html`${renderBody(
                      ctx,
                      item.body,
                      'thread-body',
                      `${item.sender.name} · ${ctx.time(at)}`,
                    )}${attachments.render(item.attachments, item.id)}`
            }
          </article>
        </li>`;
      })}
    </ol>
  </section>`;
}

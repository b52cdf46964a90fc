// The message's header: subject, sender, time, kind, priority, receipt/due/expiry badges, "edited", audience.
import { html, nothing, type TemplateResult } from 'lit';
import type { ViewedMessage } from '../../api/message-types.js';
import { durationText, type MessageViewContext } from '../context.js';

export function renderHeader(
  ctx: MessageViewContext,
  m: ViewedMessage,
  now: number,
  extra: TemplateResult | typeof nothing,
): TemplateResult {
  const { t } = ctx;
  const expired = m.expired || (m.expiresAt !== null && m.expiresAt <= now);
  // Urgency is said once, by the priority badge (issue 23): the `urgent` kind reads as the internal message it is.
  const kind = m.kind === 'urgent' ? 'internal' : m.kind;
  const badges: TemplateResult[] = [html`<li class="badge kind-${kind}">${t(`messageView.kind.${kind}`)}</li>`];
  if (m.priority !== 'normal')
    badges.push(html`<li class="badge priority-${m.priority}">${t(`messageView.priority.${m.priority}`)}</li>`);
  // Issue 19 #3: the body mentions the reader.
  if (m.mine?.mentioned) badges.push(html`<li class="badge mention">${t('messageView.mentionsYou')}</li>`);
  if (m.receiptRequired) badges.push(html`<li class="badge receipt">${t('messageView.receiptRequired')}</li>`);
  if (m.dueAt !== null)
    badges.push(html`<li class="badge due">${t('messageView.due', { time: ctx.time(m.dueAt) })}</li>`);
  if (m.expiresAt !== null) {
    badges.push(
      expired
        ? html`<li class="badge expired" data-state="expired">${t('messageView.expired')}</li>`
        : html`<li class="badge expires" data-state="expires"><time datetime=${new Date(m.expiresAt).toISOString()}
          >${t('messageView.expiresIn', { left: durationText(m.expiresAt - now, t) })}</time></li>`,
    );
  }
  if (m.status === 'pending-approval') badges.push(html`<li class="badge pending">${t('messageView.pending')}</li>`);
  // Issue 20 #1: when a scheduled message goes out (also while it waits for approval), or that it never did.
  if (m.scheduledAt !== null && m.status !== 'sent' && m.status !== 'withdrawn')
    badges.push(
      html`<li class="badge scheduled">${t('messageView.scheduled', { time: ctx.time(m.scheduledAt) })}</li>`,
    );
  if (m.status === 'withdrawn') badges.push(html`<li class="badge withdrawn">${t('messageView.withdrawn')}</li>`);
  if (m.editedAt !== null)
    badges.push(html`<li class="badge edited">${t('messageView.edited', { time: ctx.time(m.editedAt) })}</li>`);
  const at = m.deliveredAt ?? m.createdAt;
  const mine = ctx.meId() === m.sender.id;
  return html`<header part="header">
    <h2 id="subject" tabindex="-1">${m.subject || t('messageView.label')}</h2>
    <ul class="badges" aria-label=${t('messageView.label')}>${badges}</ul>
    <dl class="meta">
      <div><dt>${t('messageView.from')}</dt><dd class="sender"
        >${mine ? `${m.sender.name} (${t('messageView.thread.you')})` : m.sender.name}</dd></div>
      <div><dt>${t('messageView.sentAt')}</dt><dd><time datetime=${new Date(at).toISOString()}>${ctx.time(at)}</time
        ></dd></div>
      ${
        m.audience.length
          ? html`<div><dt>${t('messageView.to')}</dt><dd class="audience"
            >${m.audience.map((a, i) => html`${i ? '、' : ''}${a.label}`)}
            ${
              m.recipientCount
                ? html`<span class="muted"
              >(${ctx.i18n.plural('messageView.audienceMore', m.recipientCount)})</span>`
                : nothing
            }</dd></div>`
          : nothing
      }
    </dl>
    ${extra}
  </header>`;
}

// The detail of one approval request: the message as recipients will see it, who it goes to, why the flow matched,
// the timeline of its steps and the history. Pure rendering; the element owns the state and the actions.
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import {
  formatBytes,
  renderRichText,
  type InlineImageLoader,
  type LocalizeController,
  type MessageKey,
} from '@herald/core';
import type { Approval, ApprovalSignature } from '../api/types.js';

/** Where a drawn signature's image is: its object URL, `failed`, or undefined while it loads. */
export type SignatureSrc = (signature: ApprovalSignature) => string | 'failed' | undefined;

/** A decision's signature (签批, issue 19 item 2): the drawn image on white paper, or the typed name in script. */
export function renderSignature(
  i18n: I18n,
  signature: ApprovalSignature | null,
  signer: string,
  srcOf: SignatureSrc,
): TemplateResult | typeof nothing {
  if (!signature) return nothing;
  if (signature.kind === 'typed') {
    const typed = signature.name ?? '';
    return html`<span part="signature" class="signature typed-signature" role="img" data-kind="typed"
      aria-label=${i18n.t('approvals.signOff.signedTyped', { name: signer, typed })}>${typed}</span>`;
  }
  const src = srcOf(signature);
  const alt = i18n.t('approvals.signOff.signedDrawn', { name: signer });
  if (src === 'failed') return html`<span class="muted signature">${i18n.t('approvals.signOff.imageMissing')}</span>`;
  return src
    ? html`<img part="signature" class="signature" data-kind="drawn" src=${src} alt=${alt}
        width=${Math.round((signature.width ?? 240) / 2)} height=${Math.round((signature.height ?? 80) / 2)} />`
    : html`<span class="signature loading" role="img" aria-label=${alt} data-kind="drawn"></span>`;
}

type I18n = LocalizeController;

const time = (i18n: I18n, at: number | null) =>
  at
    ? html`<time datetime=${new Date(at).toISOString()}
      >${new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at)}</time>`
    : nothing;

const size = (i18n: I18n, bytes: number) => formatBytes(bytes, i18n.locale);

/** `images`: loads the body's inline images with the approver's credentials (issue 20 #9). */
export function renderMessage(i18n: I18n, a: Approval, images?: InlineImageLoader): TemplateResult {
  const m = a.message;
  return html`<section part="message" aria-labelledby="detail-subject">
    <h3 id="detail-subject" tabindex="-1">${m.subject || i18n.t('approvals.noSubject')}</h3>
    <p class="muted">${i18n.t('approvals.message')}</p>
    <dl class="facts">
      <dt>${i18n.t('approvals.sender')}</dt><dd id="sender">${m.sender.name}</dd>
      <dt>${i18n.t('approvals.recipients')}</dt>
      <dd id="recipients">
        <ul class="plain">${a.recipients.entries.map(
          (e) => html`<li
          >${i18n.t('approvals.recipientCount', { label: e.label, count: e.count })}</li>`,
        )}</ul>
        <span>${i18n.plural('approvals.recipientsTotal', a.recipients.total)}</span>
      </dd>
    </dl>
    <div part="message-body" class="rich" role="region" aria-label=${i18n.t('approvals.body')}>${guard(
      [m.body, i18n.locale, images],
      () =>
        renderRichText(m.body, {
          linkWarning: (flag) => i18n.t(`richText.linkCaution.${flag}` as MessageKey),
          ...(images ? { image: images.attach } : {}),
        }),
    )}</div>
    ${
      m.attachments.length
        ? html`<h4>${i18n.t('approvals.attachments')}</h4><ul part="attachments" class="plain"
          >${m.attachments.map((f) => html`<li>${f.name} <span class="muted">(${size(i18n, f.size)})</span></li>`)}</ul
          >`
        : nothing
    }
  </section>`;
}

type MatchReason = Approval['flow']['reasons'][number];

/** Why the flow applied, in the reader's language (issue 14: the server says it as a code with parameters). */
export function reasonText(i18n: I18n, { code, params }: MatchReason): string {
  if (code === 'text') return String(params.text ?? ''); // a request from before reasons were codes
  const key = `approvals.reason.${code}`;
  if (!i18n.has(key)) return code;
  const name = (kind: string, value: unknown) => {
    const nameKey = `approvals.reason.${kind}Name.${value}`;
    return i18n.has(nameKey) ? i18n.t(nameKey) : String(value);
  };
  return i18n.t(key, { ...params, kind: name('kind', params.kind), priority: name('priority', params.priority) });
}

export function renderFlow(i18n: I18n, a: Approval): TemplateResult {
  return html`<section aria-labelledby="flow-heading">
    <h4 id="flow-heading">${i18n.t('approvals.flow', { name: a.flow.name })}</h4>
    ${
      a.flow.reasons.length
        ? html`<p class="muted">${i18n.t('approvals.reasons')}</p><ul id="reasons">${a.flow.reasons.map(
            (r) => html`<li
          data-code=${r.code}>${reasonText(i18n, r)}</li>`,
          )}</ul>`
        : nothing
    }
  </section>`;
}

export function renderTimeline(i18n: I18n, a: Approval, srcOf: SignatureSrc): TemplateResult {
  return html`<section aria-labelledby="timeline-heading">
    <h4 id="timeline-heading">${i18n.t('approvals.timeline')}</h4>
    <ol part="timeline" class="timeline">
      ${a.nodes.map(
        (n, index) => html`<li class="node" data-status=${n.status}>
        <div class="node-head">
          <strong>${i18n.t('approvals.node', { index: index + 1, name: n.name })}</strong>
          <span class="badge" data-status=${n.status}>${i18n.t(`approvals.node.${n.status}` as MessageKey)}</span>
          <span class="muted">${i18n.t(`approvals.method.${n.method}` as MessageKey)}</span>
          ${n.signOff ? html`<span class="badge sign-off">${i18n.t('approvals.signOff.badge')}</span>` : nothing}
        </div>
        <ul class="plain approvers">${n.approvers.map(
          (p) => html`<li data-decision=${p.decision ?? 'none'}>
          <span>${p.name}</span> — <span>${i18n.t(`approvals.decision.${p.decision ?? 'none'}` as MessageKey)}</span>
          ${time(i18n, p.decidedAt)}${p.comment ? html`<blockquote>${p.comment}</blockquote>` : nothing}
          ${renderSignature(i18n, p.signature, p.name, srcOf)}
        </li>`,
        )}</ul>
      </li>`,
      )}
    </ol>
  </section>`;
}

export function renderHistory(i18n: I18n, a: Approval, srcOf: SignatureSrc): TemplateResult {
  if (!a.history.length) return html``;
  return html`<section aria-labelledby="history-heading">
    <h4 id="history-heading">${i18n.t('approvals.history')}</h4>
    <ol part="history" class="plain history">${a.history.map(
      (h) => html`<li>
      ${time(i18n, h.at)} <span>${h.actor?.name ?? i18n.t('approvals.system')}</span>:
      <span
        >${i18n.t('approvals.historyEntry', {
          round: h.round,
          action: i18n.has(`approvals.action.${h.action}`)
            ? i18n.t(`approvals.action.${h.action}` as MessageKey)
            : h.action,
        })}</span>
      ${h.reason ? html`<span class="muted">(${h.reason})</span>` : nothing}
      ${h.comment ? html`<blockquote>${h.comment}</blockquote>` : nothing}
      ${renderSignature(i18n, h.signature, h.actor?.name ?? '', srcOf)}
    </li>`,
    )}</ol>
  </section>`;
}

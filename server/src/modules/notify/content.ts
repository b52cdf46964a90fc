// The text of a notification (docs/api.md "Notifications", Content): subject, short text for SMS and bots, and the
// e-mail's plain-text and HTML parts, in the recipient's locale. Pure: the worker and the test send both use it.
import { escapeHtml, renderEmailHtml, type LinkFlag, type RichDoc } from '../messages/content/index.js';
import type { Notification, NotifyLocale } from './channels/types.js';

/** SMS and bot texts stay within this (two concatenated UCS-2 SMS segments hold 134; gateways split longer ones). */
export const SHORT_MAX = 300;
/** How much of the body the short text quotes. */
export const EXCERPT_MAX = 120;

export type ContentInput = {
  recipient: Notification['recipient'];
  message: Notification['message'];
  body: RichDoc;
  bodyText: string;
  linkTemplate: string;
  /** 0 or absent: the first notice; N > 0: the Nth reminder (worded "Reminder:"). */
  round?: number;
  /** Issue 20 #9: the `cid:` of an inline image carried in the e-mail, or null (its alt text shows). */
  imageSource?: (attachmentId: string) => string | null;
  /** A contact without portal access: their conversation link and file links (issue 19 item 4). */
  contactAccess?: ContactAccess | undefined;
};

/** The signed links an e-mail to a contact without portal access carries (notify/contact-access.ts). */
export type ContactAccess = {
  conversationUrl: string;
  expiresAt: number;
  files: Array<{ name: string; size: number; url: string }>;
};

type Strings = {
  tag: Record<Notification['message']['priority'], string>;
  priorityName: Record<Notification['message']['priority'], string>;
  reminder: string;
  reminderNote: string;
  /** The short text's head: subject and sender. */
  about: (subject: string, sender: string) => string;
  stop: string;
  confirmShort: string;
  open: string;
  from: string;
  subjectLabel: string;
  confirm: string;
  expires: (at: string) => string;
  attachments: (n: number) => string;
  openLong: string;
  warnings: Record<LinkFlag, string>;
  footer: string;
  readAndReply: string;
  linkNote: (at: string) => string;
  files: string;
};

const STRINGS: Record<NotifyLocale, Strings> = {
  en: {
    tag: { urgent: '[Urgent] ', high: '[Important] ', normal: '' },
    priorityName: { urgent: 'Urgent', high: 'Important', normal: '' },
    reminder: 'Reminder: ',
    reminderNote: 'Reminder: you have not confirmed this message yet.',
    about: (subject, sender) => `"${subject}" from ${sender}.`,
    stop: '.',
    confirmShort: 'Please confirm receipt.',
    open: 'Open: ',
    from: 'From',
    subjectLabel: 'Subject',
    confirm: 'Please open the message in Herald and confirm that you have read it.',
    expires: (at) => `This message expires on ${at}.`,
    attachments: (n) =>
      n === 1 ? '1 attachment – open Herald to see it.' : `${n} attachments – open Herald to see them.`,
    openLong: 'Open in Herald',
    warnings: {
      unlisted: 'This link leads to a site outside the approved list. Open it only if you trust it.',
      lookalike: "This link's address imitates another site's name. Be careful.",
    },
    footer: 'You receive this because an organisation using Herald sent you a message.',
    readAndReply: 'Read the conversation and reply',
    linkNote: (at) =>
      `The link works once, until ${at}, and only for you: do not forward this e-mail. The files' links work until ` +
      'then too.',
    files: 'Files',
  },
  'zh-CN': {
    tag: { urgent: '【紧急】', high: '【重要】', normal: '' },
    priorityName: { urgent: '紧急', high: '重要', normal: '' },
    reminder: '提醒：',
    reminderNote: '提醒：您尚未确认此消息。',
    about: (subject, sender) => `${sender}发来“${subject}”。`,
    stop: '。',
    confirmShort: '请确认收到。',
    open: '查看：',
    from: '发件人',
    subjectLabel: '主题',
    confirm: '请在 Herald 中打开此消息并确认已阅读。',
    expires: (at) => `此消息将于 ${at} 过期。`,
    attachments: (n) => `${n} 个附件，请在 Herald 中查看。`,
    openLong: '在 Herald 中打开',
    warnings: {
      unlisted: '此链接指向未列入白名单的网站，请确认可信后再打开。',
      lookalike: '此链接的地址仿冒了其他网站的名称，请谨慎。',
    },
    footer: '您收到此邮件，是因为使用 Herald 的组织向您发送了消息。',
    readAndReply: '查看会话并回复',
    linkNote: (at) => `此链接仅供您本人使用，可打开一次，有效期至 ${at}，请勿转发此邮件。附件链接在此之前有效。`,
    files: '附件',
  },
};

/** A profile's locale as a notification locale: any Chinese → zh-CN, anything else (or none) → en. */
export const notifyLocale = (value: string | null | undefined): NotifyLocale =>
  value?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** At most `max` UTF-16 units (what SMS counts), ending with "…" when cut; never splits a surrogate pair. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max <= 0) return '';
  let end = max - 1;
  if (end > 0 && /[\uD800-\uDBFF]/.test(s.charAt(end - 1))) end--;
  return s.slice(0, end).trimEnd() + '…';
}

/** `YYYY-MM-DD HH:mm UTC`: the recipient's time zone is not known, so say plainly which one it is. */
export const formatUtc = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The "Open" link, only when the template yields an http(s) URL (anything else is dropped, never sent). */
export function messageLink(linkTemplate: string, messageId: string): string | null {
  if (!linkTemplate.trim()) return null;
  try {
    const url = new URL(linkTemplate.replaceAll('{{messageId}}', encodeURIComponent(messageId)));
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The short text: head, body excerpt, "please confirm", link; shortened (excerpt, then subject, then sender) to fit.
 */
function shortText(s: Strings, input: ContentInput, subject: string, sender: string, link: string | null): string {
  const head = s.tag[input.message.priority];
  const reminder = (input.round ?? 0) > 0 ? s.reminder : '';
  const excerptFull = collapse(input.bodyText);
  const confirm = input.message.receiptRequired ? s.confirmShort : '';
  const build = (subj: string, from: string, excerpt: string, withLink: boolean) => {
    const sentence = excerpt && !/[.!?。！？…]$/.test(excerpt) ? excerpt + s.stop : excerpt;
    const parts = [head + reminder + s.about(subj, from), sentence, confirm, withLink && link ? s.open + link : ''];
    return parts.filter(Boolean).join(s.stop === '。' ? '' : ' ');
  };
  let excerpt = clip(excerptFull, EXCERPT_MAX);
  let subj = subject;
  let from = sender;
  let text = build(subj, from, excerpt, true);
  let over = text.length - SHORT_MAX;
  if (over > 0) {
    excerpt = clip(excerptFull, excerpt.length - over);
    text = build(subj, from, excerpt, true);
    over = text.length - SHORT_MAX;
  }
  if (over > 0) {
    subj = clip(subject, Math.max(20, subj.length - over));
    text = build(subj, from, excerpt, true);
    over = text.length - SHORT_MAX;
  }
  if (over > 0) {
    from = clip(sender, Math.max(10, from.length - over));
    text = build(subj, from, excerpt, true);
    over = text.length - SHORT_MAX;
  }
  if (over > 0) text = build(subj, from, excerpt, false); // a link this long cannot be used in an SMS anyway
  return clip(text, SHORT_MAX);
}

const STYLE = {
  // Single quotes inside: the value goes into a double-quoted attribute.
  body:
    "margin:0;padding:24px 12px;background:#f4f5f7;font-family:-apple-system,BlinkMacSystemFont,'Segoe " +
    "UI',Roboto,'PingFang SC','Microsoft YaHei',sans-serif;color:#1f2328;font-size:15px;line-height:1.5",
  card: 'max-width:640px;margin:0 auto;background:#ffffff;border:1px solid #d8dde3;border-radius:8px;padding:24px',
  badge: { urgent: 'background:#c62828;color:#ffffff', high: 'background:#ef6c00;color:#ffffff', normal: '' },
  badgeBase: 'display:inline-block;padding:2px 8px;border-radius:4px;font-size:13px;font-weight:600;margin:0 0 12px',
  h1: 'font-size:20px;line-height:1.3;margin:0 0 4px',
  meta: 'margin:0 0 16px;color:#59636e;font-size:14px',
  content: 'margin:0 0 16px',
  note: 'margin:0 0 8px;color:#1f2328',
  reminder: 'margin:0 0 12px;padding:8px 12px;background:#fff4e5;border-radius:4px',
  button:
    'display:inline-block;padding:10px ' +
    '18px;background:#1f6feb;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600',
  footer: 'max-width:640px;margin:12px auto 0;color:#8b949e;font-size:12px;text-align:center',
} as const;

export function renderContent(input: ContentInput): Notification['content'] {
  const s = STRINGS[input.recipient.locale] ?? STRINGS.en;
  const { message } = input;
  const subject = collapse(message.subject);
  const sender = collapse(message.senderName);
  const reminder = (input.round ?? 0) > 0;
  const link = messageLink(input.linkTemplate, message.id);
  const mailSubject = s.tag[message.priority] + (reminder ? s.reminder : '') + subject;

  const access = input.contactAccess;
  const notes = [
    message.receiptRequired ? s.confirm : '',
    message.expiresAt === null ? '' : s.expires(formatUtc(message.expiresAt)),
    message.attachmentCount > 0 && !access ? s.attachments(message.attachmentCount) : '',
  ].filter(Boolean);

  const colon = input.recipient.locale === 'zh-CN' ? '：' : ': ';
  const text = [
    reminder ? s.reminderNote + '\n' : '',
    `${s.from}${colon}${sender}\n${s.subjectLabel}${colon}${subject}\n`,
    input.bodyText.trim() + '\n',
    notes.join('\n') + (notes.length ? '\n' : ''),
    access?.files.length ? `${s.files}${colon}\n${access.files.map((f) => `- ${f.name}: ${f.url}`).join('\n')}\n` : '',
    access
      ? `${s.readAndReply}${colon}${access.conversationUrl}\n${s.linkNote(formatUtc(access.expiresAt))}\n`
      : link
        ? `${s.openLong}${colon}${link}\n`
        : '',
  ]
    .filter(Boolean)
    .join('\n');

  const lang = input.recipient.locale === 'zh-CN' ? 'zh-CN' : 'en';
  const badge =
    message.priority === 'normal'
      ? ''
      : `<p style="${STYLE.badgeBase};${STYLE.badge[message.priority]}` +
        `">${escapeHtml(s.priorityName[message.priority])}</p>`;
  const html =
    '<!doctype html>' +
    `<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" ` +
    `content="width=device-width"><title>${escapeHtml(mailSubject)}</title></head>` +
    `<body style="${STYLE.body}"><div style="${STYLE.card}">` +
    badge +
    (reminder ? `<p style="${STYLE.reminder}">${escapeHtml(s.reminderNote)}</p>` : '') +
    `<h1 style="${STYLE.h1}">${escapeHtml(subject)}</h1>` +
    `<p style="${STYLE.meta}">${escapeHtml(s.from)}${escapeHtml(colon)}${escapeHtml(sender)}</p>` +
    `<div style="${STYLE.content}">${renderEmailHtml(input.body, {
      linkWarning: (flag) => s.warnings[flag],
      ...(input.imageSource ? { imageSource: input.imageSource } : {}),
    })}</div>` +
    notes.map((note) => `<p style="${STYLE.note}">${escapeHtml(note)}</p>`).join('') +
    (access ? contactAccessHtml(s, access) : '') +
    (link && !access
      ? `<p style="margin:20px 0 0"><a href="${escapeHtml(link)}" style="${STYLE.button}" rel="noopener ` +
        `noreferrer" target="_blank">${escapeHtml(s.openLong)}</a></p>`
      : '') +
    `</div><p style="${STYLE.footer}">${escapeHtml(s.footer)}</p></body></html>`;

  return { subject: mailSubject, short: shortText(s, input, subject, sender, link), text, html, link };
}

/** The contact's file links and the "Read and reply" button; every URL and name escaped. */
function contactAccessHtml(s: Strings, access: ContactAccess): string {
  const files = access.files.length
    ? `<p style="${STYLE.note}"><strong>${escapeHtml(s.files)}</strong></p><ul>` +
      access.files
        .map((f) => `<li><a href="${escapeHtml(f.url)}" rel="noopener noreferrer">${escapeHtml(f.name)}</a></li>`)
        .join('') +
      '</ul>'
    : '';
  return (
    files +
    `<p style="margin:20px 0 0"><a href="${escapeHtml(access.conversationUrl)}" style="${STYLE.button}" ` +
    `rel="noopener noreferrer" target="_blank">${escapeHtml(s.readAndReply)}</a></p>` +
    `<p style="${STYLE.meta};margin-top:12px">${escapeHtml(s.linkNote(formatUtc(access.expiresAt)))}</p>`
  );
}

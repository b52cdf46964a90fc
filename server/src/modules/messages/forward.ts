import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import type { Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { shareAttachments, type AttachmentInfo } from '../attachments/service.js';
import { recordAudit } from '../audit/service.js';
import { messagingSettings } from '../settings/service.js';
import { accessTo, hiddenFromRecipient, type MessageAccess } from './access.js';
import type { RichBlock, RichDoc, RichInline } from './content/index.js';
import { messages } from './schema.js';
import { senderView, sendMessage, type SendInput, type SendResult } from './send.js';
import { replayed, requestHash } from './idempotency.js';
import { messageViews, type MessageView } from './view.js';

/** What a forward adds to a send: the forwarder's own text, and how to write the "Forwarded from" line. */
export type ForwardInput = Omit<SendInput, 'body' | 'subject'> & {
  subject?: string | undefined;
  /** The forwarder's text above the quoted original (optional). */
  note?: RichDoc | undefined;
  /** The language of the "Forwarded from …" line (the forwarder's; recipients read it as written). */
  locale?: 'en' | 'zh-CN' | undefined;
  /** The time zone its date is written in (IANA name; default UTC). */
  timeZone?: string | undefined;
};

const LINE = {
  en: (sender: string, date: string) => `Forwarded from ${sender}, ${date}`,
  'zh-CN': (sender: string, date: string) => `转发自 ${sender}，${date}`,
} as const;
const SUBJECT = { en: 'Subject: ', 'zh-CN': '主题：' } as const;

/** A time zone the runtime knows, else a `validation` problem at `timeZone`. */
function dateFormat(locale: 'en' | 'zh-CN', timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  } catch {
    throw new Problem('validation', 'Unknown time zone.', {
      errors: [{ path: 'timeZone', code: 'invalid-value', message: 'Not an IANA time zone name' }],
    });
  }
}

/**
 * The quoted original as the forwarder read it: mentions become plain "@name" (nobody is mentioned again), and a
 * placeholder left unfilled (`{{due}}` without a due day) is broken up, so new recipients' values never fill it.
 */
function quoted(blocks: RichBlock[]): RichBlock[] {
  const inline = (node: RichInline): RichInline =>
    node.type === 'mention'
      ? { type: 'text', text: `@${node.attrs.label}` }
      : node.type === 'text'
        ? { ...node, text: node.text.replaceAll('{{', '{\u200b{') }
        : node;
  const block = (b: RichBlock): RichBlock =>
    b.type === 'paragraph'
      ? b.content
        ? { ...b, content: b.content.map(inline) }
        : b
      : { ...b, content: b.content.map((item) => ({ ...item, content: item.content.map(block) })) };
  return blocks.map(block);
}

const paragraph = (text: string): RichBlock => ({ type: 'paragraph', content: [{ type: 'text', text }] });

/** The forward's body: the forwarder's note, "Forwarded from <sender>, <date>", the subject, then the original. */
export function forwardBody(
  original: Pick<MessageView, 'subject' | 'body' | 'sender' | 'deliveredAt' | 'createdAt'>,
  note: RichDoc | undefined,
  locale: 'en' | 'zh-CN',
  timeZone: string,
): RichDoc {
  const date = dateFormat(locale, timeZone).format(original.deliveredAt ?? original.createdAt);
  const mine = (note?.content ?? []).filter((b) => b.type !== 'paragraph' || (b.content?.length ?? 0) > 0);
  return {
    type: 'doc',
    content: [
      ...mine,
      paragraph(`—— ${LINE[locale](original.sender.name, date)} ——`),
      paragraph(`${SUBJECT[locale]}${original.subject.replaceAll('{{', '{\u200b{')}`),
      ...quoted((original.body as RichDoc).content),
    ],
  };
}

/**
 * Whether the forwarder still received and may read the original: their own live entry (the trash included, as they
 * can still read it there) and content not hidden — not recalled, deleted, purged, expired or waiting for approval.
 * An overseer or approver who did not receive it gets 404, as a stranger does (issue 20 #4).
 */
function assertForwardable(access: MessageAccess | undefined, at: number): asserts access is MessageAccess {
  if (!access?.entry) throw new Problem('not-found');
  const m = access.message;
  if (m.recalledAt !== null) throw new Problem('message-recalled', 'A recalled message cannot be forwarded.');
  if (hiddenFromRecipient(m, at) || m.purgedAt !== null || m.status !== 'sent')
    throw new Problem('conflict', 'This message can no longer be forwarded (expired, deleted or removed).');
}

/** The original as its forwarder stands to it now (read again in the sending transaction: a recall first wins). */
async function forwarderAccess(db: DbOrTx, actor: Actor, id: string, at: number): Promise<MessageAccess> {
  const [row] = await db.select().from(messages).where(eq(messages.id, id));
  const [access] = row ? await accessTo(db, actor, [row]) : [];
  assertForwardable(access, at);
  return access;
}

/**
 * Issue 20 #4: forwards a message the caller received, with its files, to people the caller may send to. It is an
 * ordinary send by the forwarder (their kind permissions, recipient checks, approval flows, idempotency), whose body
 * quotes the original as the forwarder reads it — never its recipients, approval history or hidden content — and
 * whose files are the original's, shared (new rows on the same stored bytes, `shareAttachments`), not copied. The
 * original is checked again inside the sending transaction, so a recall that commits first refuses the forward. A
 * forward expires no later than the original. Audited as `message.forward` beside the send's own entry.
 */
export async function forwardMessage(
  db: Db,
  actor: Actor,
  originalId: string,
  input: ForwardInput,
  key: string | undefined,
  info: RequestInfo,
): Promise<SendResult> {
  if (actor.kind !== 'member') throw new Problem('not-found'); // only members have mailboxes they forward from
  // The request as sent is what a retry is compared by (its input's expiry is made absolute from each attempt's time),
  // and a retry answers the forward already made before the original is checked again: recalled or expired since, it
  // would refuse a forward that exists (review of issue 15).
  const request = { forwardOf: originalId, ...input };
  const prior = key ? await replayed(db, actor.subject.id, key, requestHash(request)) : null;
  if (prior) return { message: await senderView(db, actor, prior.id), replayed: true };
  const t = now();
  const access = await forwarderAccess(db, actor, originalId, t);
  const settings = await messagingSettings(db);
  const [view] = await messageViews(db, actor, [access], { recallWindowMs: settings.recallWindowMinutes * 60_000 });
  const original = view!;
  const { note, locale = 'en', timeZone = 'UTC', subject, ...send } = input;
  const body = forwardBody(original, note, locale, timeZone);
  // Not widened in time either: the forward's content ends when the original's does.
  const limit = access.message.expiresAt;
  const wanted = send.expiresInMinutes != null ? t + send.expiresInMinutes * 60_000 : (send.expiresAt ?? null);
  const expiry =
    limit === null ? {} : { expiresInMinutes: null, expiresAt: wanted === null ? limit : Math.min(wanted, limit) };
  const prefix = locale === 'zh-CN' ? '转发：' : 'Fwd: ';
  const renamed = new Map<string, string>();
  return sendMessage(
    db,
    actor,
    { ...send, ...expiry, subject: subject?.trim() || `${prefix}${original.subject}`, body },
    key,
    info,
    {
      attachmentCount: original.attachments.length,
      renamed,
      request,
      attach: async (tx, messageId, claimed): Promise<AttachmentInfo[]> => {
        await forwarderAccess(tx, actor, originalId, now());
        // The link a later delivery (approval, schedule) checks the original by (review of issue 20 #4).
        await tx.update(messages).set({ forwardOf: originalId }).where(eq(messages.id, messageId));
        const shared = await shareAttachments(tx, actor, originalId, messageId, claimed, renamed);
        await recordAudit(tx, actor, {
          action: 'message.forward',
          targetType: 'message',
          targetId: messageId,
          after: { forwardOf: originalId, attachments: shared.map((f) => f.name) },
          ...info,
        });
        return shared;
      },
    },
  );
}

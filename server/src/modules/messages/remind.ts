import { exceljs } from '../../lib/heavy-modules.js';
import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import type { Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import { enqueueRound, nextRound } from '../notify/outbox.js';
import { receiptAccess, requireDepartmentInView } from './receipts.js';
import { messages } from './schema.js';
import { inRecipientDepartment, type RecipientDepartment } from './recipient-department.js';
import { dialect } from '../../db/dialect.js';

export const REMIND_INTERVAL_MS = 5 * 60_000;
export type RemindState = 'unread' | 'unconfirmed';

/** The sender and those who oversee (`data.view` / `message.manage` in scope): who may see receipts (receipts.ts). */

/**
 * R9/R14: tells the recipients who have not read (or not confirmed) a message again — live `message.reminder`,
 * one `INSERT … SELECT` — at most once per 5 minutes per message (the stamp is taken with a conditional UPDATE, so
 * two senders racing get one reminder).
 */
export async function remindRecipients(
  db: Db,
  actor: Actor,
  id: string,
  state: RemindState,
  info: RequestInfo,
  /** Issue 24: only those of one department (a bar of the reach chart); the same checks and 5-minute limit. */
  department?: RecipientDepartment,
): Promise<{ reminded: number }> {
  return db.transaction(async (tx) => {
    const access = await receiptAccess(tx, actor, id);
    await requireDepartmentInView(tx, actor, access, department);
    const { message: m } = access;
    const t = now();
    if (m.deletedAt !== null || m.recalledAt !== null || m.status !== 'sent')
      throw new Problem('conflict', 'A recalled, deleted or unsent message cannot be reminded of.');
    if (m.expiresAt !== null && m.expiresAt <= t) throw new Problem('conflict', 'This message has expired.');
    if (state === 'unconfirmed' && !m.receiptRequired)
      throw new Problem('conflict', 'This message does not ask for a confirmation.');
    const stamped = await tx
      .update(messages)
      .set({ remindedAt: t })
      .where(
        sql`${messages.id} = ${id} and (${messages.remindedAt} is null
          or ${messages.remindedAt} <= ${t - REMIND_INTERVAL_MS})`,
      )
      .returning({ id: messages.id });
    if (!stamped.length) {
      const [row] = await tx.select({ remindedAt: messages.remindedAt }).from(messages).where(eq(messages.id, id));
      const retryAfter = Math.max(1, Math.ceil(((row?.remindedAt ?? t) + REMIND_INTERVAL_MS - t) / 1000));
      throw new Problem('remind-too-soon', `Recipients can be reminded again in ${retryAfter} seconds.`, {
        retryAfter,
      });
    }
    const pending = state === 'unread' ? sql`read_at is null` : sql`confirmed_at is null`;
    const result = await dialect.run(
      tx,
      sql`
      insert into events (at, audience_kind, audience_id, type, payload)
      select ${t}, owner_kind, owner_id, 'message.reminder', ${JSON.stringify({ messageId: id, priority: m.priority })}
        from mailbox
      where message_id = ${id} and deleted_at is null and ${pending} ${inRecipientDepartment(department, 'mailbox')}`,
    );
    const reminded = Number(result.rowsAffected);
    // The channels of the message's priority reach those away from the browser too (R9), as a reminder round.
    await enqueueRound(
      tx,
      id,
      m.priority,
      await nextRound(tx, id),
      t,
      state,
      undefined,
      inRecipientDepartment(department),
    );
    await recordAudit(tx, actor, {
      action: 'message.remind',
      targetType: 'message',
      targetId: id,
      after: { state, count: reminded, ...(department ? { department } : {}) },
      ...info,
    });
    return { reminded };
  });
}

export type RecipientsLocale = 'en' | 'zh-CN';
const HEADERS: Record<RecipientsLocale, string[]> = {
  en: ['Name', 'Employee number / company', 'Delivered', 'Read', 'Confirmed', 'Progress', 'Note'],
  'zh-CN': ['姓名', '工号 / 公司', '送达时间', '已读时间', '确认时间', '进度', '备注'],
};

/** Every recipient of a message and what each did (R14), as .xlsx: for whoever may see the receipts list. */
export async function recipientsWorkbook(
  db: DbOrTx,
  actor: Actor,
  id: string,
  locale: RecipientsLocale,
): Promise<{ file: Buffer; subject: string }> {
  const { message } = await receiptAccess(db, actor, id);
  const rows = await dialect.all<{
    name: string;
    detail: string | null;
    deliveredAt: number;
    readAt: number | null;
    confirmedAt: number | null;
    progress: string | null;
    progressNote: string | null;
  }>(
    db,
    sql`
    select coalesce(m.name, c.name, '') as name, coalesce(m.employee_no, c.company) as detail,
      mb.delivered_at as "deliveredAt",
      mb.read_at as "readAt", mb.confirmed_at as "confirmedAt", mb.progress as progress,
      mb.progress_note as "progressNote"
    from mailbox mb
    left join members m on mb.owner_kind = 'member' and m.id = mb.owner_id
    left join contacts c on mb.owner_kind = 'contact' and c.id = mb.owner_id
    where mb.message_id = ${id}
    order by name, mb.owner_id`,
  );
  const book = new (exceljs().Workbook)();
  const sheet = book.addWorksheet(locale === 'en' ? 'Recipients' : '收件人');
  const date = { numFmt: 'yyyy-mm-dd hh:mm' };
  sheet.columns = HEADERS[locale].map((header, i) => ({
    header,
    key: String(i),
    width: [18, 22, 20, 20, 20, 12, 40][i],
    ...(i >= 2 && i <= 4 ? { style: date } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  const at = (v: number | null) => (v === null ? null : new Date(v));
  for (const r of rows)
    sheet.addRow([
      r.name,
      r.detail ?? '',
      at(r.deliveredAt),
      at(r.readAt),
      at(r.confirmedAt),
      r.progress ?? '',
      r.progressNote ?? '',
    ]);
  return { file: Buffer.from(await book.xlsx.writeBuffer()), subject: message.subject };
}

import { exceljs } from '../../lib/heavy-modules.js';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { dialect } from '../../db/dialect.js';
import { Problem } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import { actorId, type Actor } from '../auth/actor.js';
import { resolveSelection, type Selection } from './batch.js';

export type ExportLocale = 'en' | 'zh-CN';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CELL_MAX = 32_000; // Excel refuses cells over 32,767 characters

/** Headers per locale, in column order; `key` names the row field. */
const COLUMNS: Array<{ key: keyof ExportRow; en: string; zh: string; width: number; date?: true }> = [
  { key: 'deliveredAt', en: 'Received', zh: '接收时间', width: 20, date: true },
  { key: 'sender', en: 'Sender', zh: '发件人', width: 18 },
  { key: 'subject', en: 'Subject', zh: '主题', width: 40 },
  { key: 'priority', en: 'Priority', zh: '优先级', width: 10 },
  { key: 'kind', en: 'Kind', zh: '类型', width: 10 },
  { key: 'tags', en: 'Tags', zh: '标签', width: 24 },
  { key: 'readAt', en: 'Read', zh: '已读时间', width: 20, date: true },
  { key: 'confirmedAt', en: 'Confirmed', zh: '确认时间', width: 20, date: true },
  { key: 'progress', en: 'Progress', zh: '进度', width: 12 },
  { key: 'archivedAt', en: 'Archived', zh: '归档时间', width: 20, date: true },
  { key: 'expiresAt', en: 'Expires', zh: '过期时间', width: 20, date: true },
  { key: 'attachments', en: 'Attachments', zh: '附件', width: 30 },
  { key: 'text', en: 'Text', zh: '正文', width: 80 },
];

type ExportRow = {
  deliveredAt: number;
  sender: string;
  subject: string;
  priority: string;
  kind: string;
  tags: string;
  readAt: number | null;
  confirmedAt: number | null;
  progress: string | null;
  archivedAt: number | null;
  expiresAt: number | null;
  attachments: string;
  text: string;
};

/** `en…` gives English, anything else Simplified Chinese (as the import templates do). */
export const exportLocale = (
  actor: Actor,
  asked: string | undefined,
  acceptLanguage: string | undefined,
): ExportLocale =>
  ((asked || (actor.kind !== 'api-key' ? actor.subject.locale : null) || acceptLanguage) ?? '')
    .trim()
    .toLowerCase()
    .startsWith('en')
    ? 'en'
    : 'zh-CN';

/**
 * The caller's entries as an .xlsx (R13): the same selection and limits as a batch. The subject, body text and
 * attachment names of a message the recipient may no longer see (recalled or expired) are left empty, as in the inbox.
 */
export async function exportMailbox(db: Db, actor: Actor, selection: Selection, locale: ExportLocale): Promise<Buffer> {
  if (actor.kind === 'api-key') throw new Problem('forbidden', 'An API key has no mailbox.');
  const ownerId = actorId(actor);
  // Reads only: no transaction, so an export never holds the process's write turn.
  const rows = await exportRows(db, ownerId, selection);
  const book = new (exceljs().Workbook)();
  const sheet = book.addWorksheet(locale === 'en' ? 'Messages' : '消息');
  sheet.columns = COLUMNS.map((c) => ({
    header: locale === 'en' ? c.en : c.zh,
    key: c.key,
    width: c.width,
    ...(c.date ? { style: { numFmt: 'yyyy-mm-dd hh:mm' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    const hidden = Number(r.hidden) === 1 && Number(r.senderIsMe) !== 1;
    const row: ExportRow = {
      ...r,
      subject: hidden || Number(r.firstHidden) === 1 ? '' : r.subject,
      attachments: hidden ? '' : (r.attachments ?? ''),
      text: hidden ? '' : r.bodyText.slice(0, CELL_MAX),
    };
    sheet.addRow(
      COLUMNS.map((c) => {
        const v = row[c.key];
        if (c.date) return typeof v === 'number' ? new Date(v) : null;
        return v === null ? '' : String(v); // typed as text by exceljs: never run as a formula
      }),
    );
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** One row per selected entry, newest first, with its tags (the caller's) and attachment names in one query. */
async function exportRows(db: Db, ownerId: string, selection: Selection) {
  const ids = await resolveSelection(db, ownerId, selection, 'live-or-trash');
  if (!ids.length) return [];
  const t = now();
  return dialect.all<
    Omit<ExportRow, 'text' | 'subject' | 'attachments'> & {
      subject: string;
      bodyText: string;
      attachments: string | null;
      hidden: number;
      senderIsMe: number;
      firstHidden: number;
    }
  >(
    db,
    sql`
    select mb.delivered_at as "deliveredAt", coalesce(sm.name, sc.name, '') as sender, m.subject as subject,
      m.priority as priority, m.kind as kind,
      coalesce((select string_agg(tg.name, ', ') from mailbox_tags mt join tags tg on tg.id = mt.tag_id
        where mt.owner_id = mb.owner_id and mt.message_id = mb.message_id
          and (tg.owner_id = mb.owner_id or (tg.owner_id is null and mb.owner_kind = 'member'))), '') as tags,
      mb.read_at as "readAt", mb.confirmed_at as "confirmedAt", mb.progress as progress, mb.archived_at as "archivedAt",
        m.expires_at as "expiresAt",
      (select string_agg(a.name, ', ') from attachments a where a.message_id = m.id) as attachments,
      m.body_text as "bodyText",
      (m.recalled_at is not null or (m.expires_at is not null and m.expires_at <= ${t})) as hidden,
      (m.sender_id = mb.owner_id) as "senderIsMe",
      -- A reply's subject repeats its thread's first message ("Re: …"): hidden with it, as in the inbox (view.ts).
      (m.parent_id is not null and exists (select 1 from messages f where f.id = m.thread_id
        and f.sender_id <> mb.owner_id
        and (f.recalled_at is not null or f.deleted_at is not null or (f.expires_at is not null
          and f.expires_at <= ${t})))) as "firstHidden"
    from mailbox mb join messages m on m.id = mb.message_id
    left join members sm on m.sender_kind = 'member' and sm.id = m.sender_id
    left join contacts sc on m.sender_kind = 'contact' and sc.id = m.sender_id
    where mb.owner_id = ${ownerId} and mb.message_id in ${dialect.jsonValues(JSON.stringify(ids))}
    order by mb.delivered_at desc, mb.message_id desc`,
  );
}

// Issue 19: the demo's message templates (a meeting notice, an attendance change, an outage notice, each in Chinese
// and English) and a few notes on the demo contact. Run by seedDemo's `withMessages`.
import { eq } from 'drizzle-orm';
import type { Db } from './db/client.js';
import { now } from './lib/clock.js';
import { newId } from './lib/ids.js';
import { contactNotes } from './modules/contacts/schema.js';
import { plainTextOf } from './modules/messages/content/index.js';
import type { MessageKind, Priority } from './modules/messages/schema.js';
import { members } from './modules/org/schema.js';
import { searchText } from './modules/org/search-text.js';
import { messageTemplates } from './modules/templates/schema.js';

const doc = (...lines: string[]) => ({
  type: 'doc' as const,
  content: lines.map((line) => ({
    type: 'paragraph' as const,
    ...(line ? { content: [{ type: 'text' as const, text: line }] } : {}),
  })),
});

type DemoTemplate = {
  name: string;
  subject: string;
  lines: string[];
  priority: Priority;
  receiptRequired: boolean;
  expiresInMinutes?: number;
  dueInMinutes?: number;
  kind?: MessageKind;
};

export const DEMO_TEMPLATES: DemoTemplate[] = [
  {
    name: '会议通知',
    subject: '会议通知：【会议名称】',
    lines: [
      '{{name}}，您好：',
      '定于【时间】在【地点】召开【会议名称】，请准时参加。',
      '请于 {{due}} 前确认是否出席。',
    ],
    priority: 'normal',
    receiptRequired: true,
    dueInMinutes: 24 * 60,
  },
  {
    name: 'Meeting notice',
    subject: 'Meeting: [title]',
    lines: [
      'Dear {{name}},',
      '[Title] takes place on [day, time] in [room]. Please be on time.',
      'Kindly confirm by {{due}}.',
    ],
    priority: 'normal',
    receiptRequired: true,
    dueInMinutes: 24 * 60,
  },
  {
    name: '考勤变更通知',
    subject: '考勤制度调整通知',
    lines: [
      '{{name}}，您好：',
      '自 {{date}} 起，上班时间调整为【时间】，打卡方式为【方式】。',
      '如有疑问请联系人事部。',
    ],
    priority: 'high',
    receiptRequired: true,
  },
  {
    name: 'Attendance change',
    subject: 'Change to working hours',
    lines: [
      'Dear {{name}},',
      'From {{date}}, working hours are [hours] and clocking in is by [method].',
      'Questions: HR.',
    ],
    priority: 'high',
    receiptRequired: true,
  },
  {
    name: '系统停机通知',
    subject: '【系统名称】停机维护通知',
    lines: ['各位同事：', '【系统名称】将于【时间】停机维护约【时长】，期间无法访问。', '请提前保存工作，谢谢配合。'],
    priority: 'urgent',
    receiptRequired: false,
    expiresInMinutes: 24 * 60,
  },
  {
    name: 'Outage notice',
    subject: 'Planned outage: [system]',
    lines: [
      'Dear colleagues,',
      '[System] will be down for maintenance on [day, time] for about [duration].',
      'Please save your work beforehand.',
    ],
    priority: 'urgent',
    receiptRequired: false,
    expiresInMinutes: 24 * 60,
  },
];

/** The demo organisation's templates, for everyone, made by HR (孙七, E1006). */
export async function seedDemoTemplates(db: Db): Promise<void> {
  const [hr] = await db.select({ id: members.id }).from(members).where(eq(members.employeeNo, 'E1006'));
  if (!hr) return;
  const t = now();
  await db.insert(messageTemplates).values(
    DEMO_TEMPLATES.map((d) => {
      const body = doc(...d.lines);
      return {
        id: newId(),
        scope: 'organisation' as const,
        ownerId: null,
        departmentIds: [],
        name: d.name,
        subject: d.subject,
        body,
        bodyText: plainTextOf(body),
        kind: d.kind ?? 'internal',
        priority: d.priority,
        receiptRequired: d.receiptRequired,
        expiresInMinutes: d.expiresInMinutes ?? null,
        dueInMinutes: d.dueInMinutes ?? null,
        audience: [],
        searchText: `${searchText(d.name)} ${searchText(d.subject)}`,
        createdBy: hr.id,
        createdAt: t,
        updatedAt: t,
      };
    }),
  );
}

/** S5: what the demo contact's owner logged about them. */
export async function seedDemoContactNotes(db: Db, contactId: string, authorId: string): Promise<void> {
  const t = now();
  const day = 24 * 3600_000;
  await db.insert(contactNotes).values(
    [
      { kind: 'meeting', text: '上门拜访，介绍了新一季产品线，客户对 B 系列感兴趣。', at: t - 9 * day },
      { kind: 'call', text: '电话确认报价单已收到，下周给出反馈。', at: t - 3 * day },
      { kind: 'agreement', text: '约定按季度结算，账期 30 天。', at: t - day },
    ].map((n) => ({
      id: newId(),
      contactId,
      authorId,
      kind: n.kind as 'meeting' | 'call' | 'agreement',
      text: n.text,
      occurredAt: n.at,
      createdAt: n.at,
      editedAt: null,
    })),
  );
}

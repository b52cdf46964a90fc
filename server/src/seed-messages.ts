// Demo messages for `npm start` (S2–S8): sent through the real send and reply functions, so mailboxes, search,
// receipts, attachments and the audit trail are what a real organisation would have. Only `seedDemo(db,
// { withMessages: true })` runs this; tests that call `seedDemo(db)` stay fast.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from './db/client.js';
import type { BlobStore } from './blob-store/store.js';
import { now } from './lib/clock.js';
import { randomToken } from './lib/crypto.js';
import { newId } from './lib/ids.js';
import { embedApps } from './modules/apps/schema.js';
import { uploadAttachment } from './modules/attachments/service.js';
import { loadGrants, type Actor } from './modules/auth/actor.js';
import { memberSubject, type RequestInfo } from './modules/auth/service.js';
import { recordAudit } from './modules/audit/service.js';
import { contacts } from './modules/contacts/schema.js';
import { contactSearchText } from './modules/contacts/search.js';
import { confirm, setProgress, setRead } from './modules/mailbox/service.js';
import { mailbox } from './modules/mailbox/schema.js';
import { replyToMessage, sendMessage, type SendInput } from './modules/messages/send.js';
import { members } from './modules/org/schema.js';
import { mailboxTags, tags } from './modules/tags/schema.js';
import { publishKnowledge } from './modules/knowledge/service.js';
import { seedDemoContactNotes, seedDemoTemplates } from './seed-templates.js';

/** The demo contact who signs in to the customer portal (examples/host-app/public/portal.html). */
export const DEMO_CONTACT_EMAIL = 'chen.jingli@huadong-trade.example';
/** The embed app the demo portal mints its tokens with (its secret never leaves the server side). */
export const DEMO_PORTAL_APP = 'Demo customer portal';
export const DEMO_PORTAL_PORT = 4000;
export const demoPortalOrigins = (port: number) => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

const SEED_INFO: RequestInfo = { ip: null, userAgent: 'herald seed', requestId: null };

/** A Herald rich-text document from lines of plain text (an empty line is an empty paragraph). */
const doc = (...lines: string[]) => ({
  type: 'doc' as const,
  content: lines.map((line) => ({
    type: 'paragraph' as const,
    ...(line ? { content: [{ type: 'text' as const, text: line }] } : {}),
  })),
});

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Organisation tags 项目 › 项目A › 需求沟通, 项目 › 项目B, and 公告. */
async function seedTags(db: Db) {
  const t = now();
  const tag = (name: string, parentId: string | null, color: string, position: number) => ({
    id: newId(),
    ownerId: null,
    parentId,
    name,
    color,
    position,
    createdBy: null,
    createdAt: t,
    updatedAt: t,
  });
  const project = tag('项目', null, 'blue', 0);
  const projectA = tag('项目A', project.id, 'teal', 0);
  const requirements = tag('需求沟通', projectA.id, 'green', 0);
  const projectB = tag('项目B', project.id, 'purple', 1);
  const notices = tag('公告', null, 'orange', 1);
  await db.insert(tags).values([project, projectA, requirements, projectB, notices]);
  return { project, projectA, requirements, projectB, notices };
}

/** The demo contacts: 陈经理 may use the customer portal; 刘总 may not (and the portal never shows her thread). */
async function seedContacts(db: Db, ownerMemberId: string) {
  const t = now();
  const contact = (name: string, company: string, title: string, email: string, portalEnabled: boolean) => {
    const row = {
      id: newId(),
      kind: 'customer' as const,
      name,
      company,
      title,
      email,
      phone: null,
      ownerMemberId,
      locale: 'zh-CN',
      tags: ['VIP'],
      portalEnabled,
      disabled: false,
      createdAt: t,
      updatedAt: t,
    };
    return { ...row, searchText: contactSearchText(row) };
  };
  const chen = contact('陈经理', '华东贸易', '采购经理', DEMO_CONTACT_EMAIL, true);
  const liu = contact('刘总', '北方物流', '总经理', 'liu@north-logistics.example', false);
  await db.insert(contacts).values([chen, liu]);
  await recordAudit(
    db,
    { kind: 'system' },
    {
      action: 'contact.create',
      targetType: 'contact',
      targetId: chen.id,
      after: { name: chen.name, portalEnabled: true },
    },
  );
  return { chen, liu };
}

/** The embed app of the demo customer portal (examples/host-app on port 4000). */
async function seedPortalApp(db: Db) {
  const id = newId();
  await db.insert(embedApps).values({
    id,
    name: DEMO_PORTAL_APP,
    origins: demoPortalOrigins(DEMO_PORTAL_PORT),
    audience: 'contacts',
    secret: randomToken(32),
    tokenMaxAgeSeconds: 900,
    createdAt: now(),
    createdBy: null,
  });
  await recordAudit(
    db,
    { kind: 'system' },
    {
      action: 'embed-app.create',
      targetType: 'embed-app',
      targetId: id,
      after: { name: DEMO_PORTAL_APP, audience: 'contacts' },
    },
  );
}

async function memberActor(db: Db, employeeNo: string): Promise<Actor> {
  const [row] = await db.select().from(members).where(eq(members.employeeNo, employeeNo));
  if (!row) throw new Error(`demo member ${employeeNo} is missing`);
  return {
    kind: 'member',
    subject: memberSubject(row),
    grants: await loadGrants(db, row.id, row.isSuperAdmin),
    mustChangePassword: false,
    via: 'embed',
    appId: 'seed',
  };
}

const contactActor = (c: { id: string; name: string; email: string; company: string; locale: string }): Actor => ({
  kind: 'contact',
  subject: { kind: 'contact', id: c.id, name: c.name, email: c.email, company: c.company, locale: c.locale },
  grants: [],
  mustChangePassword: false,
  via: 'embed',
  appId: 'seed',
});

/** A small text file, stored the way an upload is (blob store + attachments row). */
async function upload(db: Db, blobs: BlobStore, actor: Actor, name: string, text: string) {
  const body = new Blob([text]).stream() as ReadableStream<Uint8Array>;
  return uploadAttachment(db, blobs, actor, { name, body, declaredLength: String(Buffer.byteLength(text)) });
}

/**
 * A dozen demo messages across the organisation (see the README's "Quick start"); expects the demo org with
 * roles (seedDemo's `withRoles`). Returns how many messages were sent.
 */
export async function seedDemoMessages(
  db: Db,
  blobs: BlobStore | undefined,
  departmentIds: { hq: string; tech: string; frontEnd: string; market: string; sales: string },
): Promise<number> {
  const [zhang, li, wang, alice, zhao, sun, bob, zhou] = await Promise.all(
    ['E1001', 'E1002', 'E1003', 'E1004', 'E1005', 'E1006', 'E1007', 'E1008'].map((no) => memberActor(db, no)),
  );
  const tagTree = await seedTags(db);
  const { chen, liu } = await seedContacts(db, bob!.kind === 'member' ? bob!.subject.id : '');
  await seedDemoContactNotes(db, chen.id, bob!.kind === 'member' ? bob!.subject.id : ''); // issue 19 item 6
  await seedDemoTemplates(db); // issue 19 item 1
  await seedPortalApp(db);

  const t = now();
  let sent = 0;
  const send = async (actor: Actor, input: SendInput) => {
    sent++;
    return (await sendMessage(db, actor, input, undefined, SEED_INFO)).message;
  };
  const dept = (targetId: string) => ({ kind: 'department' as const, targetId, includeSubdepartments: true });
  const person = (actor: Actor) => ({
    kind: 'member' as const,
    targetId: actor.kind === 'member' ? actor.subject.id : '',
  });

  // S2: an HR notice to everyone, receipt required.
  const holiday = await send(sun!, {
    kind: 'internal',
    priority: 'high',
    subject: '关于 2027 年春节放假安排的通知',
    receiptRequired: true,
    audience: [dept(departmentIds.hq)],
    body: doc(
      '各位同事：',
      '根据国家规定，2027 年春节放假时间为 2 月 5 日至 2 月 11 日，共 7 天。',
      '请各部门提前安排好值班，并于放假前确认已阅读本通知。',
      '',
      '人事部',
    ),
  });
  // S3: a task with a due date.
  const review = await send(zhang!, {
    kind: 'internal',
    subject: '项目A 需求评审：请在周五前完成',
    dueAt: t + 3 * DAY,
    audience: [dept(departmentIds.frontEnd)],
    body: doc('请前端组在本周五前完成项目A需求文档的评审，并在此更新进度。', '重点：登录流程、消息提醒、移动端适配。'),
  });
  // S4: knowledge sharing with an attachment.
  const checklist = blobs
    ? [
        (
          await upload(
            db,
            blobs,
            li!,
            '前端性能优化清单.txt',
            '前端性能优化清单\n1. 图片懒加载\n2. 代码分割\n3. 缓存静态资源\n4. 减少重排\n',
          )
        ).id,
      ]
    : [];
  const sharing = await send(li!, {
    kind: 'internal',
    subject: '分享：前端性能优化实践',
    attachmentIds: checklist,
    audience: [dept(departmentIds.tech)],
    body: doc('上周的技术分享整理成了清单，见附件。', '欢迎补充你们项目里的经验。'),
  });
  // S5: an external conversation with a portal contact, and the contact's reply.
  const contract = await send(bob!, {
    kind: 'external',
    subject: '合同续签事宜',
    audience: [{ kind: 'contact', targetId: chen.id }, person(zhou!)],
    body: doc(
      '陈经理您好：',
      '我们的年度合同将于下月到期，附上续签条款的要点，请您审阅。如有问题可直接在此回复。',
      '',
      '销售部 Bob Li',
    ),
  });
  await replyToMessage(
    db,
    contactActor(chen),
    contract.id,
    { body: doc('Bob 您好，条款已收到。付款周期能否改为 60 天？其余没有问题。') },
    undefined,
    SEED_INFO,
  );
  sent++;
  // An external conversation with a contact who has no portal access.
  await send(zhou!, {
    kind: 'external',
    subject: '北方物流：下季度运力报价',
    audience: [{ kind: 'contact', targetId: liu.id }],
    body: doc('刘总您好，附上下季度的运力报价，请查收。'),
  });
  // Everyday internal mail.
  const weekly = await send(alice!, {
    kind: 'internal',
    subject: '项目B 周报（第 47 周）',
    audience: [person(zhang!), person(li!), person(bob!)],
    body: doc('本周完成：活动页上线、渠道数据对接。', '下周计划：用户访谈 5 场。', '风险：设计资源紧张。'),
  });
  await send(zhao!, {
    kind: 'internal',
    priority: 'high',
    subject: '市场活动物料清单确认',
    audience: [dept(departmentIds.market)],
    body: doc('双十二活动物料清单已更新，请在明天中午前确认数量。'),
  });
  await send(zhou!, {
    kind: 'internal',
    subject: '本周客户拜访安排',
    audience: [dept(departmentIds.sales)],
    body: doc('周二：华东贸易；周四：北方物流。需要技术支持的请提前告诉我。'),
  });
  const codeReview = await send(zhang!, {
    kind: 'internal',
    subject: '代码评审提醒',
    audience: [person(wang!)],
    body: doc('王五，消息提醒模块的合并请求还在等你评审。'),
  });
  // R9: a message that expires one minute after delivery.
  await send(alice!, {
    kind: 'internal',
    subject: '今日下午茶券（1 分钟内有效）',
    expiresInMinutes: 1,
    audience: [dept(departmentIds.market)],
    body: doc('先到先得：前台领取下午茶券。'),
  });
  // S8: an urgent outage notice, receipt required.
  const outage = await send(zhang!, {
    kind: 'urgent',
    subject: '【紧急】主机房网络中断，暂停所有发布',
    receiptRequired: true,
    audience: [dept(departmentIds.tech)],
    body: doc(
      '主机房 A 区核心交换机故障，生产网络中断。',
      '在恢复通知前，请暂停所有发布和数据迁移。',
      '值班电话：8001',
    ),
  });
  // A reply in the task's thread.
  await replyToMessage(db, li!, review.id, { body: doc('收到，已开始评审，周四给出意见。') }, undefined, SEED_INFO);
  sent++;

  // Read and confirmed states, so the sender's views have something to count.
  await confirm(db, zhang!, holiday.id, SEED_INFO);
  await confirm(db, li!, holiday.id, SEED_INFO);
  await confirm(db, alice!, holiday.id, SEED_INFO);
  await setRead(db, wang!, holiday.id, true);
  await setRead(db, bob!, holiday.id, true);
  await setProgress(db, li!, review.id, { progress: 'in-progress', note: '已看完登录流程部分' }, SEED_INFO);
  await setRead(db, wang!, sharing.id, true);
  await setRead(db, li!, weekly.id, true);
  await setRead(db, wang!, codeReview.id, true);
  await confirm(db, li!, outage.id, SEED_INFO);

  // Organisation tags on the members' copies (each person tags their own mailbox; contacts do not see the tree).
  const tagEntries = async (messageId: string, tagId: string) => {
    const owners = await db
      .select({ ownerId: mailbox.ownerId, deliveredAt: mailbox.deliveredAt })
      .from(mailbox)
      .where(and(eq(mailbox.messageId, messageId), eq(mailbox.ownerKind, 'member')));
    if (owners.length)
      await db
        .insert(mailboxTags)
        .values(
          owners.map((o) => ({ ownerId: o.ownerId, messageId, tagId, deliveredAt: o.deliveredAt, createdAt: now() })),
        );
  };
  await tagEntries(holiday.id, tagTree.notices.id);
  await tagEntries(review.id, tagTree.requirements.id);
  await tagEntries(weekly.id, tagTree.projectB.id);
  await tagEntries(contract.id, tagTree.projectB.id);
  // Issue 19 #7: two items in the knowledge space, found by colleagues who join later too.
  await publishKnowledge(db, sun!, { messageId: holiday.id, everyone: true, tagIds: [tagTree.notices.id] }, SEED_INFO);
  await publishKnowledge(db, li!, { messageId: sharing.id, departmentIds: [departmentIds.tech] }, SEED_INFO);
  return sent;
}

/** Ids of the demo portal's app and contact, for start-up (null when the demo data is not there). */
export async function demoPortal(db: Db) {
  const [app] = await db.select().from(embedApps).where(eq(embedApps.name, DEMO_PORTAL_APP));
  const [contact] = await db
    .select({ id: contacts.id, name: contacts.name })
    .from(contacts)
    .where(inArray(contacts.email, [DEMO_CONTACT_EMAIL]));
  return app && contact && !app.disabled ? { app, contact } : null;
}

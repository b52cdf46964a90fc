import { eq, sql } from 'drizzle-orm';
import type { Db } from './db/client.js';
import { now } from './lib/clock.js';
import { randomToken } from './lib/crypto.js';
import { newId } from './lib/ids.js';
import { BUILTIN_ROLES } from './modules/auth/permissions.js';
import { hashPassword } from './modules/auth/passwords.js';
import { roleGrants, roles } from './modules/auth/schema.js';
import { recordAudit } from './modules/audit/service.js';
import { departments, members, positions } from './modules/org/schema.js';
import { searchText } from './modules/org/search-text.js';
import type { BlobStore } from './blob-store/store.js';
import { seedDemoMessages } from './seed-messages.js';

export const SUPER_ADMIN_LOGIN = 'admin';

/** Built-in roles and the super admin (R1). Returns the one-time password when it created the admin. */
export async function ensureBaseline(db: Db, adminPassword?: string): Promise<{ adminPassword?: string }> {
  const t = now();
  await db
    .insert(roles)
    .values(
      BUILTIN_ROLES.map((r) => ({
        id: newId(),
        builtinKey: r.key,
        name: r.name,
        permissions: r.permissions,
        createdAt: t,
      })),
    )
    .onConflictDoUpdate({ target: roles.builtinKey, set: { permissions: sql`excluded.permissions` } });

  const [existing] = await db.select({ id: members.id }).from(members).where(eq(members.isSuperAdmin, true)).limit(1);
  if (existing) return {};
  const password = adminPassword ?? randomToken(12);
  const id = newId();
  const [superRole] = await db.select().from(roles).where(eq(roles.builtinKey, 'super-admin'));
  await db.transaction(async (tx) => {
    await tx.insert(members).values({
      id,
      employeeNo: SUPER_ADMIN_LOGIN,
      name: 'Super Admin',
      passwordHash: await hashPassword(password),
      searchText: searchText('Super Admin', SUPER_ADMIN_LOGIN),
      mustChangePassword: true,
      isSuperAdmin: true,
      createdAt: t,
      updatedAt: t,
    });
    await tx.insert(roleGrants).values({ id: newId(), memberId: id, roleId: superRole!.id, createdAt: t });
    await recordAudit(
      tx,
      { kind: 'system' },
      {
        action: 'member.create',
        targetType: 'member',
        targetId: id,
        after: { employeeNo: SUPER_ADMIN_LOGIN, superAdmin: true },
      },
    );
  });
  return { adminPassword: password };
}

export interface SeedDemoOptions {
  /** Give the demo people roles (everyone sends internal messages; sales also external ones…). */
  withRoles?: boolean;
  /**
   * Also tags, two contacts (one with portal access), the demo portal's embed app and a dozen messages sent through
   * the real send functions (implies `withRoles`). For `npm start`; tests leave it off to stay fast.
   */
  withMessages?: boolean;
  /** Where the demo attachment is stored (without it, the knowledge-sharing post has no file). */
  blobs?: BlobStore;
}

/** A small demo organisation (HQ with four departments, positions, eight people), once, on an empty database. */
export async function seedDemo(db: Db, options: SeedDemoOptions = {}): Promise<boolean> {
  const [any] = await db.select({ id: departments.id }).from(departments).limit(1);
  if (any) return false;
  const t = now();
  const dept = (name: string, parent: { id: string; path: string } | null, sortOrder: number) => {
    const id = newId();
    return {
      id,
      name,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      sortOrder,
      createdAt: t,
      updatedAt: t,
    };
  };
  const hq = dept('总部', null, 0);
  const tech = dept('技术部', hq, 0);
  const frontEnd = dept('前端组', tech, 0);
  const market = dept('市场部', hq, 1);
  const hr = dept('人事部', hq, 2);
  const sales = dept('销售部', hq, 3);
  const pos = (name: string, level: number) => ({ id: newId(), name, level, createdAt: t });
  const staff = pos('员工', 1);
  const manager = pos('经理', 3);
  const director = pos('总监', 5);
  // Phones 1380000100N: SMS notifications (R9) have somewhere to go in the demo.
  const person = (employeeNo: string, name: string, email: string, departmentId: string, positionId: string) => ({
    id: newId(),
    employeeNo,
    name,
    email,
    phone: `1380000${employeeNo.slice(1)}`,
    departmentId,
    positionId,
    locale: null,
    createdAt: t,
    updatedAt: t,
    searchText: searchText(name, employeeNo, email, `1380000${employeeNo.slice(1)}`),
  });
  const people = [
    person('E1001', '张三', 'zhangsan@example.com', tech.id, director.id),
    person('E1002', '李四', 'lisi@example.com', frontEnd.id, manager.id),
    person('E1003', '王五', 'wangwu@example.com', frontEnd.id, staff.id),
    person('E1004', 'Alice Chen', 'alice@example.com', market.id, manager.id),
    person('E1005', '赵六', 'zhaoliu@example.com', market.id, staff.id),
    person('E1006', '孙七', 'sunqi@example.com', hr.id, manager.id),
    person('E1007', 'Bob Li', 'bob@example.com', sales.id, manager.id),
    person('E1008', '周八', 'zhouba@example.com', sales.id, staff.id),
  ];
  const heads = new Map([
    [tech.id, people[0]!.id],
    [frontEnd.id, people[1]!.id],
    [market.id, people[3]!.id],
    [hr.id, people[5]!.id],
    [sales.id, people[6]!.id],
  ]);
  await db.transaction(async (tx) => {
    for (const d of [hq, tech, frontEnd, market, hr, sales]) await tx.insert(departments).values(d);
    await tx.insert(positions).values([staff, manager, director]);
    await tx.insert(members).values(people);
    for (const [departmentId, memberId] of heads)
      await tx.update(departments).set({ headMemberId: memberId }).where(eq(departments.id, departmentId));
    if (options.withRoles || options.withMessages) {
      // So that the demo people can use the composer when a host page embeds them: everyone sends internal
      // messages, sales also external ones, 张三 runs 技术部, 孙七 (HR) may view data.
      const roleRows = await tx.select({ id: roles.id, key: roles.builtinKey }).from(roles);
      const role = (key: string) => roleRows.find((r) => r.key === key)!.id;
      const grant = (memberId: string, key: string, departmentId: string | null = null) => ({
        id: newId(),
        memberId,
        roleId: role(key),
        departmentId,
        createdAt: t,
      });
      const [zhang, , , , , sun, bob, zhou] = people;
      await tx.insert(roleGrants).values([
        ...people.filter((p) => p !== bob && p !== zhou).map((p) => grant(p.id, 'sender')),
        grant(bob!.id, 'external-sender'),
        grant(zhou!.id, 'external-sender'),
        grant(zhang!.id, 'department-admin', tech.id),
        grant(sun!.id, 'auditor'),
        // Issue 19 #7: HR publishes notices for everyone; 李四 shares lessons learned inside 技术部.
        grant(sun!.id, 'knowledge-publisher'),
        grant(people[1]!.id, 'knowledge-publisher', tech.id),
      ]);
    }
    await recordAudit(
      tx,
      { kind: 'system' },
      { action: 'org.seed-demo', targetType: 'organisation', after: { departments: 6, members: people.length } },
    );
  });
  if (options.withMessages) {
    await seedDemoMessages(db, options.blobs, {
      hq: hq.id,
      tech: tech.id,
      frontEnd: frontEnd.id,
      market: market.id,
      sales: sales.id,
    });
  }
  return true;
}

import { eq } from 'drizzle-orm';
import type { createApp } from '../../app.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../lib/ids.js';
import { Browser } from '../../testing/http.js';
import { hashPassword } from '../auth/passwords.js';
import { roleGrants, roles } from '../auth/schema.js';
import { departments, members } from '../org/schema.js';

const PASSWORD = 'role-test-pass-2026';
let hashed: Promise<string> | undefined;

/** Signs in a seeded member holding a built-in role, optionally limited to the department named `scope`. */
export async function browserAs(
  app: ReturnType<typeof createApp>,
  db: Db,
  employeeNo: string,
  roleKey: string | null,
  scope?: string,
): Promise<Browser> {
  hashed ??= hashPassword(PASSWORD);
  const [m] = await db.select().from(members).where(eq(members.employeeNo, employeeNo));
  if (!m) throw new Error(`no member ${employeeNo}`);
  await db
    .update(members)
    .set({ passwordHash: await hashed, mustChangePassword: false })
    .where(eq(members.id, m.id));
  if (roleKey) {
    const [role] = await db.select().from(roles).where(eq(roles.builtinKey, roleKey));
    const [dept] = scope ? await db.select().from(departments).where(eq(departments.name, scope)) : [];
    await db
      .insert(roleGrants)
      .values({ id: newId(), memberId: m.id, roleId: role!.id, departmentId: dept?.id ?? null, createdAt: Date.now() });
  }
  const b = new Browser(app, `198.51.100.${Math.floor(Math.random() * 200) + 1}`);
  const res = await b.signIn(employeeNo, PASSWORD);
  if (!res.ok) throw new Error(`sign-in as ${employeeNo} failed: ${res.status}`);
  return b;
}

import { eq } from 'drizzle-orm';
import type { createApp } from '../app.js';
import type { Db } from '../db/client.js';
import { members } from '../modules/org/schema.js';
import { TEST_ADMIN_PASSWORD } from './deps.js';
import { Browser } from './http.js';

/** A signed-in super admin past the first-login password change. */
export async function adminBrowser(app: ReturnType<typeof createApp>, db: Db): Promise<Browser> {
  await db.update(members).set({ mustChangePassword: false }).where(eq(members.employeeNo, 'admin'));
  const b = new Browser(app);
  const res = await b.signIn('admin', TEST_ADMIN_PASSWORD);
  if (!res.ok) throw new Error(`admin sign-in failed: ${res.status}`);
  return b;
}

// The super admin's random first password, kept so that `pnpm herald admin-password` can show it again while it is
// still the one-time password (issue 23: it scrolled out of the terminal). It lives only in a file readable by the
// server's user alone (mode 0600) in the data folder, and only until the first change: the password route deletes
// it, and every read checks that the admin must still change it and that it still verifies — else deletes it.
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { verifyPassword } from '../modules/auth/passwords.js';
import { members } from '../modules/org/schema.js';

export const firstPasswordFile = (dataDir: string) => join(dataDir, 'admin-password');

export async function keepFirstPassword(dataDir: string, password: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const file = firstPasswordFile(dataDir);
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600); // also when the file existed (writeFile's mode applies only to a new file)
}

export const forgetFirstPassword = (dataDir: string) => rm(firstPasswordFile(dataDir), { force: true });

/** The kept password if it is still the super admin's unchanged one-time password, else null (and the file is gone). */
export async function readFirstPassword(db: Db, dataDir: string): Promise<string | null> {
  const password = (await readFile(firstPasswordFile(dataDir), 'utf8').catch(() => ''))?.trim();
  if (!password) return null;
  const [admin] = await db
    .select({ hash: members.passwordHash, mustChange: members.mustChangePassword })
    .from(members)
    .where(eq(members.isSuperAdmin, true))
    .limit(1);
  if (admin?.mustChange && admin.hash && (await verifyPassword(admin.hash, password))) return password;
  await forgetFirstPassword(dataDir);
  return null;
}

// The set-up most API tests share: an app on a fresh temp-file database with the demo organisation (E1001–E1008),
// the super admin's browser, and member ids by employee number.
import { createApp } from '../app.js';
import { browserAs } from '../modules/imports/testing.js';
import { members } from '../modules/org/schema.js';
import { seedDemo } from '../seed.js';
import { adminBrowser } from './admin.js';
import { testDeps } from './deps.js';

/** A one-paragraph rich-text body. */
export const textDoc = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

/** The demo app; `ids` (when given) is filled with member ids by employee number. */
export async function demoApp(ids: Record<string, string> = {}) {
  const deps = await testDeps();
  const app = createApp(deps);
  await seedDemo(deps.db);
  const admin = await adminBrowser(app, deps.db);
  for (const m of await deps.db.select().from(members)) ids[m.employeeNo] = m.id;
  /** A browser signed in as that demo member, holding that role (key) in an optional department. */
  const as = (employeeNo: string, role: string | null = null, department?: string) =>
    browserAs(app, deps.db, employeeNo, role, department);
  return { deps, app, admin, ids, as };
}

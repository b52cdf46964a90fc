// What one member sees through Herald's app: their inbox, one attachment's bytes (SHA-256) and a search.
// ops/migrate-data.test.ts compares an embedded installation with its PostgreSQL copy this way: in its own process on
// the embedded engine, and as a script (`node --import tsx src/testing/read-as.ts E1002 <attachmentId> <term>`, with
// DATABASE_URL and HERALD_BLOB_URL set) on PostgreSQL, since the engine is chosen once per process.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createApp } from '../app.js';
import type { Db } from '../db/client.js';
import { browserAs } from '../modules/imports/testing.js';
import { testDeps } from './deps.js';
import { body } from './http.js';

export type Seen = {
  inbox: unknown[];
  attachment: { status: number; sha256: string; size: number };
  search: unknown[];
};

export async function readAs(
  app: ReturnType<typeof createApp>,
  db: Db,
  employeeNo: string,
  attachmentId: string,
  term: string,
): Promise<Seen> {
  const member = await browserAs(app, db, employeeNo, null);
  const listing = async (path: string) => {
    const res = await member.request(path);
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await body<{ items: unknown[] }>(res)).items;
  };
  const file = await member.request(`/api/v1/attachments/${attachmentId}`);
  const bytes = Buffer.from(await file.arrayBuffer());
  return {
    inbox: await listing('/api/v1/mailbox?view=all'),
    attachment: { status: file.status, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length },
    search: await listing(`/api/v1/mailbox?view=all&q=${encodeURIComponent(term)}`),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [employeeNo = 'E1002', attachmentId = '', term = ''] = process.argv.slice(2);
  const deps = await testDeps({
    DATABASE_URL: process.env.DATABASE_URL ?? '',
    HERALD_BLOB_URL: process.env.HERALD_BLOB_URL ?? '',
  });
  try {
    const seen = await readAs(createApp(deps), deps.db, employeeNo, attachmentId, term);
    process.stdout.write(`${JSON.stringify(seen)}\n`);
  } finally {
    deps.cleanup();
  }
  process.exit(0);
}

// `pnpm herald migrate-data` (issue 18 item 5): the demo installation (organisation, messages, attachments, tags,
// approvals, Chinese text) copied from its embedded file into a throw-away PostgreSQL cluster, verified by counts and
// checksums, then read on PostgreSQL as on the source; a target with data is refused, and a difference rolls the copy
// back. Starts its own cluster (testing/pg-cluster.ts); skipped where the PostgreSQL binaries are missing.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createApp } from '../app.js';
import { LocalBlobStore } from '../blob-store/local.js';
import { parseBlobLocation } from '../blob-store/location.js';
import { openBlobStore } from '../blob-store/open.js';
import { ENGINE } from '../db/engine.js';
import { migratePostgres } from '../db/migrate.js';
import { browserAs } from '../modules/imports/testing.js';
import { seedDemo } from '../seed.js';
import { adminBrowser } from '../testing/admin.js';
import { textDoc } from '../testing/demo.js';
import { readAs } from '../testing/read-as.js';
import { startFakeS3 } from '../testing/s3.js';
import { testDeps } from '../testing/deps.js';
import { body, type Browser } from '../testing/http.js';
import { pgUnavailable, startPgCluster, type PgCluster } from '../testing/pg-cluster.js';
import { until } from '../testing/until.js';
import { runMigrateData } from './migrate-data-command.js';
import { formatMigrateReport, migrateData, snapshotFile, type MigrateReport } from './migrate-data.js';

const run = promisify(execFile);
const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));
const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

describe(
  'migrate-data: an embedded installation into PostgreSQL (issue 18 item 5)',
  {
    skip:
      ENGINE === 'pg'
        ? 'the source is an embedded database: this file runs on the embedded engine'
        : (pgUnavailable() ?? false),
  },
  () => {
    let cluster: PgCluster;
    let deps: Awaited<ReturnType<typeof testDeps>>;
    let source: string;
    const ids: Record<string, string> = {};
    let fileId = '';
    const fileText = '春节值班表：张三 2 月 5 日，李四 2 月 6 日。\n'.repeat(200);
    const dirs: string[] = [];
    const databases: string[] = [];
    /** A new empty database on the cluster, named for this process (a reused server may run others). */
    const database = (name: string) => {
      databases.push(`${name}_${process.pid}`);
      return cluster.createDatabase(`${name}_${process.pid}`);
    };
    const tempDir = () => {
      const dir = mkdtempSync(join(tmpdir(), 'herald-migrate-'));
      dirs.push(dir);
      return dir;
    };
    const withPg = async <T>(url: string, work: (c: pg.Client) => Promise<T>) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return await work(c);
      } finally {
        await c.end();
      }
    };
    const sourceRows = async <T = Record<string, unknown>>(query: string) => (await deps.db.all(sql.raw(query))) as T[];

    before(async () => {
      [cluster, deps] = await Promise.all([startPgCluster(), testDeps()]);
      source = join(deps.dir, 'herald.db');
      await seedDemo(deps.db, { withMessages: true, blobs: deps.blobs });
      const app = createApp(deps);
      const admin = await adminBrowser(app, deps.db);
      for (const m of await sourceRows<{ id: string; employee_no: string }>('select id, employee_no from members'))
        ids[m.employee_no] = m.id;
      const wang: Browser = await browserAs(app, deps.db, 'E1003', 'sender');
      const li: Browser = await browserAs(app, deps.db, 'E1002', null);
      // A file with Chinese text, sent to 李四 with a Chinese subject and read by him.
      const up = await wang.request(`/api/v1/attachments?name=${encodeURIComponent('值班表.txt')}`, {
        method: 'POST',
        body: fileText,
        headers: { 'content-type': 'application/octet-stream' },
      });
      assert.equal(up.status, 201, await up.clone().text());
      fileId = (await body(up)).id;
      const send = async (subject: string, attachmentIds: string[] = []) => {
        const res = await wang.request('/api/v1/messages', {
          method: 'POST',
          json: {
            kind: 'internal',
            subject,
            body: textDoc(`${subject}：请查收。`),
            audience: [{ kind: 'member', targetId: ids.E1002 }],
            receiptRequired: true,
            attachmentIds,
          },
        });
        assert.equal(res.status, 201, await res.clone().text());
        return (await body(res)) as { id: string; status: string };
      };
      const sent = await send('春节值班安排', [fileId]);
      // Case folding differs between engines and JavaScript (a final sigma, a dotted capital I); an emoji is 4 bytes.
      await send('ΟΔΟΣ İstanbul 🎉 Ärger');
      assert.equal((await li.request(`/api/v1/mailbox/${sent.id}/read`, { method: 'POST' })).status, 200);
      // An approval flow (R5): one message approved by 李四, one still waiting.
      const flow = await admin.request('/api/v1/approval-flows', {
        method: 'POST',
        json: {
          name: '审批',
          conditions: {},
          nodes: [{ name: '组长', approvers: { kind: 'members', memberIds: [ids.E1002] } }],
        },
      });
      assert.equal(flow.status, 201, await flow.clone().text());
      const approved = await send('需要审批的通知');
      const waiting = await send('还在等待审批');
      assert.deepEqual([approved.status, waiting.status], ['pending-approval', 'pending-approval']);
      const mine = await body(await wang.request('/api/v1/approvals?tab=mine'));
      const request = mine.items.find((a: { message: { id: string } }) => a.message.id === approved.id);
      const decided = await li.request(`/api/v1/approvals/${request.id}/decision`, {
        method: 'POST',
        json: { decision: 'approve', comment: '同意' },
      });
      assert.equal(decided.status, 200, await decided.clone().text());
    });

    after(async () => {
      deps?.cleanup();
      // A reused server (HERALD_TEST_PG_URL) keeps none of them; a cluster of our own goes whole.
      if (cluster && !cluster.dataDir) for (const name of databases) await cluster.dropDatabase(name);
      await cluster?.stop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    test('copies every table and blob, verified by counts and checksums; PostgreSQL then answers as the source \
did', async (t) => {
      const url = await database('herald_migrated');
      const targetBlobs = tempDir();
      const lines: string[] = [];
      const started = performance.now();
      const report = await migrateData({
        from: source,
        to: url,
        fromBlobs: deps.blobs,
        toBlobs: new LocalBlobStore(targetBlobs),
        batchRows: 4, // crosses batch boundaries in every table of more than 4 rows, composite keys too
        progress: (line) => lines.push(line),
      });
      const ms = performance.now() - started;
      const printed = formatMigrateReport(report);
      assert.ok(report.ok, printed);
      console.log(`migrate-data of the demo installation: ${Math.round(ms)} ms\n${printed}`);
      assert.ok(
        lines.some((l) => l.startsWith('Copying')),
        'progress is reported',
      );

      // Counts: the report's against the source's own count and PostgreSQL's.
      const byTable = new Map(report.tables.map((t) => [t.table, t]));
      for (const table of [
        'messages',
        'mailbox',
        'attachments',
        'approval_requests',
        'approval_tasks',
        'tags',
        'mailbox_tags',
        'search_docs',
        'audit_log',
        'events',
      ]) {
        const n = (await sourceRows<{ n: number }>(`select count(*) as n from ${table}`))[0]!.n;
        const t = byTable.get(table)!;
        assert.ok(n > 0, `${table} has rows in the demo`);
        assert.deepEqual([t.sourceRows, t.targetRows, t.ok], [n, n, true], table);
        const there = await withPg(url, (c) => c.query(`select count(*)::int as n from ${table}`));
        assert.equal(there.rows[0].n, n, `${table} on PostgreSQL`);
      }
      assert.ok(report.tables.every((t) => t.ok && t.sourceSum === t.targetSum));
      assert.equal(report.derived.length, 2, 'inbox counts and search text were checked');
      assert.ok(
        report.derived.every((d) => d.ok),
        JSON.stringify(report.derived),
      );

      await withPg(url, async (c) => {
        // Types: booleans are booleans, JSON stays text, times are bigints; the Chinese text is intact.
        const { rows: msg } = await c.query(
          "select receipt_required, body, created_at from messages where subject = '春节值班安排'",
        );
        assert.equal(msg[0].receipt_required, true);
        assert.equal(JSON.parse(msg[0].body).type, 'doc');
        assert.ok(Number(msg[0].created_at) > Date.parse('2026-01-01'), 'ms since 1970 in a bigint');
        // 李四's inbox, entry by entry.
        const inbox = (rows: Array<Record<string, unknown>>) => rows.map((r) => `${r.message_id}|${r.read_at ?? ''}`);
        const order = 'order by message_id';
        const { rows: target } = await c.query(`select message_id, read_at from mailbox where owner_id = $1 ${order}`, [
          ids.E1002,
        ]);
        const mine = await sourceRows(
          `select message_id, read_at from mailbox where owner_id = '${ids.E1002}' ${order}`,
        );
        assert.deepEqual(inbox(target), inbox(mine));
        // Search (a 2-character Chinese word): the rebuilt text finds what the source's index finds.
        const { rows: found } = await c.query(
          "select message_id from search_docs where text like '%值班%' order by message_id",
        );
        const expected = await sourceRows<{ message_id: string }>(
          `select d.message_id from search_docs d join message_search s on s.rowid = d.id
         where s.subject || ' ' || s.body || ' ' || s.attachments like '%值班%' order by d.message_id`,
        );
        assert.ok(expected.length >= 2, 'the demo notice and the duty roster');
        assert.deepEqual(
          found.map((r) => r.message_id),
          expected.map((r) => r.message_id),
        );
        // The next event and search document continue after the copied ones.
        const { rows: seq } = await c.query(
          "select nextval(pg_get_serial_sequence('events', 'seq')) > (select max(seq) from events) as past",
        );
        assert.equal(seq[0].past, true);
      });
      // The attachment's bytes in the target store.
      const [file] = await sourceRows<{ blob_key: string }>(`select blob_key from attachments where id = '${fileId}'`);
      const copied = await new LocalBlobStore(targetBlobs).get(file!.blob_key);
      const chunks: Buffer[] = [];
      for await (const chunk of copied!) chunks.push(chunk as Buffer);
      assert.equal(sha(Buffer.concat(chunks)), sha(fileText));

      // Herald itself on each database: the same inbox, file and search answers. PostgreSQL runs in a process of its
      // own (the engine is chosen per process).
      const before = await readAs(createApp(deps), deps.db, 'E1002', fileId, '值班');
      assert.equal(before.attachment.sha256, sha(fileText));
      assert.ok(before.search.length >= 2 && before.inbox.length > before.search.length);
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', 'src/testing/read-as.ts', 'E1002', fileId, '值班'],
        {
          cwd: SERVER_DIR,
          env: { ...process.env, DATABASE_URL: url, HERALD_BLOB_URL: `file:${targetBlobs}`, HERALD_TEST_ENGINE: '' },
        },
      );
      assert.deepEqual(JSON.parse(stdout.trim().split('\n').at(-1)!), before);
      t.diagnostic('the member read the same inbox, file and search through the app on both engines');
    });

    test('refuses a target that already holds data, and says so', async () => {
      const url = await database('herald_busy');
      await migrateData({ from: source, to: url, fromBlobs: deps.blobs, toBlobs: null });
      await assert.rejects(
        migrateData({ from: source, to: url, fromBlobs: deps.blobs, toBlobs: null }),
        /The target already holds data \(approval_flows, .*\): migrate-data copies into a new, empty database only/,
      );
      // Review: a database that is not Herald's (a mistyped --to) is refused before anything is written to it.
      const other = await database('herald_not_herald');
      await withPg(other, (c) =>
        c.query('create table customers (id int primary key); insert into customers values (1)'),
      );
      await assert.rejects(
        migrateData({ from: source, to: other, fromBlobs: deps.blobs, toBlobs: null }),
        /The target already holds tables \(customers\): [^]*left this one as it was/,
      );
      const tables = await withPg(other, (c) =>
        c.query(
          "select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')",
        ),
      );
      assert.equal(tables.rows[0].n, 1, 'still only its own table');
    });

    test('a difference on the target fails the run and rolls the copy back; a missing blob fails it too', async () => {
      const url = await database('herald_tampered');
      // Something on the target rewrites rows as they arrive (a rule is not a trigger: the copy cannot switch it off).
      await withPg(url, async (c) => {
        await migratePostgres(c);
        await c.query(
          `create rule tamper as on insert to tags do also update tags set name = name || '!' where id = new.id`,
        );
      });
      const report: MigrateReport = await migrateData({ from: source, to: url, fromBlobs: deps.blobs, toBlobs: null });
      assert.equal(report.ok, false);
      assert.deepEqual(
        report.tables.filter((t) => !t.ok).map((t) => [t.table, t.sourceRows === t.targetRows]),
        [['tags', true]],
      );
      assert.match(formatMigrateReport(report), /\ntags\s+5\s+5\s+✖ [0-9a-f]{16} ≠ [0-9a-f]{16}\n/);
      assert.match(report.problems.join('\n'), /tags: the rows differ \(checksum\)[\s\S]*rolled back/);
      const left = await withPg(url, (c) =>
        c.query('select (select count(*) from messages)::int as m, (select count(*) from tags)::int as t'),
      );
      assert.deepEqual(left.rows[0], { m: 0, t: 0 }, 'the target is empty again');

      // The source store lost a sent file's bytes: the run stops before any row is written, naming the attachment.
      const emptyBlobs = new LocalBlobStore(tempDir());
      const url2 = await database('herald_no_blobs');
      const missing = await migrateData({
        from: source,
        to: url2,
        fromBlobs: emptyBlobs,
        toBlobs: new LocalBlobStore(tempDir()),
      });
      assert.equal(missing.ok, false);
      assert.deepEqual(missing.tables, [], 'no table was copied');
      assert.match(missing.problems.join('\n'), new RegExp(`${fileId}: no bytes in[\\s\\S]*No row was written`));
      const untouched = await withPg(url2, (c) => c.query('select count(*)::int as m from messages'));
      assert.equal(untouched.rows[0].m, 0, 'the target is still empty');
    });

    test('attachments into an S3-compatible bucket (s3rver); a repeated run finds them there and copies \
none', async () => {
      const s3 = await startFakeS3();
      try {
        const bucket = await openBlobStore(parseBlobLocation(s3.env('migrated/'), deps.dir));
        const into = async (name: string) =>
          migrateData({ from: source, to: await database(name), fromBlobs: deps.blobs, toBlobs: bucket });
        const first = await into('herald_s3');
        assert.ok(first.ok, formatMigrateReport(first));
        assert.ok(first.blobs.count >= 2);
        assert.deepEqual(
          [first.blobs.copied, first.blobs.present, first.blobs.sameStore],
          [first.blobs.count, 0, false],
        );
        const again = await into('herald_s3_again');
        assert.ok(again.ok, formatMigrateReport(again));
        assert.deepEqual([again.blobs.copied, again.blobs.present], [0, again.blobs.count]);
      } finally {
        await s3.close();
      }
    });

    test('pnpm herald migrate-data: the command prints the table and exits 0; a bad target is a clear \
error', async () => {
      const url = await database('herald_cli');
      const targetBlobs = tempDir();
      const cli = (args: string[]) =>
        run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'migrate-data', ...args], {
          cwd: SERVER_DIR,
          env: { ...process.env, HERALD_BLOB_URL: '', DATABASE_URL: '' },
        }).then(
          (r) => ({ code: 0, ...r }),
          (e: { code: number; stdout: string; stderr: string }) => e,
        );
      const ok = await cli(['--from', `file:${source}`, '--to', url, '--to-blobs', `file:${targetBlobs}`]);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /mailbox_tags\s+\d+\s+\d+\s+[0-9a-f]{16} = target/);
      assert.match(ok.stdout, /✔ Copied \d+ rows in \d+ tables and verified them/);
      assert.match(ok.stdout, /1 copied|\d+ copied/);
      // In this process (each start of the command costs seconds here): a refusal and a usage error.
      const said: string[] = [];
      const write = process.stderr.write;
      process.stderr.write = ((chunk: string) => said.push(chunk) > 0) as typeof process.stderr.write;
      try {
        assert.equal(await runMigrateData(['--from', `file:${source}`, '--to', url]), 1);
        assert.equal(await runMigrateData(['--from', `file:${source}`, '--to', 'file:other.db']), 2);
      } finally {
        process.stderr.write = write;
      }
      assert.match(
        said.join(''),
        /✖ The target already holds data[\s\S]*--to must name the target PostgreSQL database/,
      );
    });
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
      ['SIGHUP', 129],
    ] as const) {
      test(`pnpm herald migrate-data stopped by ${signal} mid-copy: rolled back, its snapshot removed`, async () => {
        const url = await database(`herald_${signal.toLowerCase()}`);
        // The target migrated beforehand, and one of its tables held by us: the run's transaction waits on it (it
        // locks every table before it copies), a moment that is surely mid-copy, however fast the machine.
        const holder = new pg.Client({ connectionString: url });
        await holder.connect();
        // pg_stat_activity is read from another session: within the holder's transaction it is one snapshot.
        const watcher = new pg.Client({ connectionString: url });
        await watcher.connect();
        try {
          await migratePostgres(holder);
          await holder.query('begin');
          await holder.query('lock table members in access share mode');
          const child = spawn(
            process.execPath,
            ['--import', 'tsx', 'src/cli.ts', 'migrate-data', '--from', `file:${source}`, '--to', url],
            { cwd: SERVER_DIR, env: { ...process.env, HERALD_BLOB_URL: '', DATABASE_URL: '' } },
          );
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d: Buffer) => (stdout += d));
          child.stderr.on('data', (d: Buffer) => (stderr += d));
          const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
          await until(() => /Copying \d+ tables/.test(stdout), `the command started copying (${stderr})`, 120_000);
          const waiting = async () =>
            (
              await watcher.query(
                `select 1 from pg_stat_activity where application_name = 'herald-migrate-data'
                 and datname = current_database() and wait_event_type = 'Lock'`,
              )
            ).rowCount === 1;
          await until(waiting, "the command's transaction waits for the held table");
          const snap = snapshotFile(source).replace(/\d+$/, String(child.pid));
          assert.ok(existsSync(snap), 'the snapshot is there while it copies');
          child.kill(signal);
          assert.equal(await exited, code, stderr);
          assert.match(stderr, new RegExp(`Interrupted \\(${signal}\\): the copy into the target was rolled back`));
          assert.equal(existsSync(snap), false, 'the snapshot is removed');
          assert.deepEqual(
            readdirSync(deps.dir).filter((f) => f.includes('.migrate-')),
            [],
            'nothing of it beside the source',
          );
          // Its session was ended from a second connection (review: PostgreSQL notices a closed client only when its
          // statement ends), though the table is still held: rolled back, its locks gone.
          await until(
            async () =>
              (
                await watcher.query(
                  `select 1 from pg_stat_activity where application_name = 'herald-migrate-data'
                   and datname = current_database()`,
                )
              ).rowCount === 0,
            'the interrupted session ended while the table is still held',
          );
          await holder.query('commit');
          const { rows: tables } = await holder.query<{ name: string }>(
            `select table_name as name from information_schema.tables
             where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
          );
          const held = [];
          for (const { name } of tables) {
            if (name === 'identity_epoch' || name === 'listing_epoch') continue; // a row each from the migrations
            const { rows } = await holder.query(`select exists (select 1 from "${name}") as "any"`);
            if (rows[0].any) held.push(name);
          }
          assert.ok(tables.length > 20);
          assert.deepEqual(held, [], 'the target holds no row');
          const { rows: disabled } = await holder.query(
            `select count(*)::int as n from pg_trigger where tgenabled = 'D'`,
          );
          assert.equal(disabled[0].n, 0, 'the triggers it disabled before the lock are enabled again (rolled back)');
        } finally {
          await holder.end();
          await watcher.end();
        }
      });
    }
  },
);

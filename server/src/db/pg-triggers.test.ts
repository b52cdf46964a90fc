// Issue 18: the hand-written PostgreSQL triggers (drizzle-pg/0001) move the same counters as SQLite's (0008, 0009,
// 0010, 0013): one seeded random sequence of writes — deliveries, reads, archives, trash, owner moves, tags, files,
// status changes, edits, deletions, identity and name changes — runs on both engines, and after every write the inbox
// counts, listing versions and both epochs must be equal row for row.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type SQL } from 'drizzle-orm';
import { openEngineTwins, type EngineTwins } from '../testing/engine-twins.js';
import { pgUnavailable } from '../testing/pg-cluster.js';
import { sqliteOnly } from '../testing/engine-only.js';
import { seededRandom } from '../testing/random.js';

const BOTH_ENGINES = 'opens both engines itself (a libSQL file beside a PostgreSQL database): part of the embedded run';
const skip = pgUnavailable();
if (skip) console.log(`# skipped: ${skip}`);

const T = 1_800_000_000_000;
const STEPS = 600;
const OWNERS = ['o1', 'o2', 'o3', 'o4'];

describe(
  'PostgreSQL triggers move the counters as SQLite’s do (issue 18)',
  { skip: sqliteOnly(BOTH_ENGINES).skip || (skip ?? false) },
  () => {
    let twins: EngineTwins;
    before(async () => {
      twins = await openEngineTwins('herald_triggers');
    });
    after(() => twins?.close());

    /** The same statement on both engines; a statement one refuses must be refused by the other too. */
    const both = async (q: SQL, step: string) => {
      const lite = await twins.lite.run(q).then(
        () => 'ok',
        (e: Error) => `error ${(e.cause as Error | undefined)?.message ?? e.message}`,
      );
      const pg = await twins.pgDb.execute(q).then(
        () => 'ok',
        (e: Error) => `error ${(e.cause as Error | undefined)?.message ?? e.message}`,
      );
      assert.equal(pg === 'ok', lite === 'ok', `${step}: SQLite ${lite}, PostgreSQL ${pg}`);
    };

    const STATE = `select 'counts' k, owner_id a, inbox || '/' || unread || '/' || unread_urgent b from mailbox_counts
    union all select 'version', owner_id, '' || version from mailbox_versions
    union all select 'identity', '', '' || value from identity_epoch
    union all select 'names', '', '' || names from listing_epoch order by 1, 2`;
    const state = async () => {
      const lite = await twins.lite.all<{ k: string; a: string; b: string }>(sql.raw(STATE));
      const pg = (await twins.pool.query<{ k: string; a: string; b: string }>(STATE)).rows;
      return { lite: lite.map((r) => `${r.k} ${r.a} ${r.b}`), pg: pg.map((r) => `${r.k} ${r.a} ${r.b}`) };
    };

    test('a seeded random sequence of writes leaves equal counts, versions and epochs after every step', async () => {
      const r = seededRandom(18);
      const messages: string[] = [];
      const files: string[] = [];
      let moved = 0;
      await both(
        sql`insert into members (id, employee_no, name, created_at, updated_at) values ('m1', 'E1', 'A', ${T}, ${T})`,
        'member',
      );
      await both(sql`insert into tags (id, name, created_at, updated_at) values ('t1', 'tag', ${T}, ${T})`, 'tag');
      for (let i = 0; i < STEPS; i++) {
        const msg = messages.length ? r.pick(messages) : null;
        const owner = r.pick(OWNERS);
        const time = r.chance(0.6) ? sql`null` : sql`${T + i}`;
        const kind = !msg || r.chance(0.15) ? 'message' : r.pick(WRITES);
        let q: SQL;
        if (kind === 'message') {
          const id = `m${i}`;
          const parent = msg && r.chance(0.3) ? msg : null;
          const status = r.chance(0.7) ? 'sent' : 'pending-approval';
          q = sql`insert into messages (id, thread_id, parent_id, sender_kind, sender_id, kind, subject, body, status,
          created_at, updated_at) values (${id}, ${parent ?? id}, ${parent}, 'member', 'm1', 'internal', 's', '{}',
          ${status}, ${T}, ${T})`;
          messages.push(id);
        } else if (kind === 'entry') {
          const priority = r.pick(['normal', 'urgent']);
          q = sql`insert into mailbox (message_id, owner_kind, owner_id, thread_id, priority, delivered_at, expires_at)
          values (${msg}, 'member', ${owner}, ${msg}, ${priority}, ${T}, ${time}) on conflict do nothing`;
        } else if (kind === 'entries') {
          // Many rows in one statement, as a send delivers (INSERT … SELECT), and a bulk change of them all.
          const owners = sql.join(
            OWNERS.map((o) => sql`(${o})`),
            sql`, `,
          );
          q = r.chance(0.5)
            ? sql`insert into mailbox (message_id, owner_kind, owner_id, thread_id, priority, delivered_at, expires_at)
              select ${msg}, 'member', o.column1, ${msg}, ${r.pick(['normal', 'urgent'])}, ${T}, ${time}
              from (values ${owners}) as o where true on conflict do nothing`
            : sql`update mailbox set read_at = ${time}, archived_at = ${r.chance(0.8) ? sql`null` : time}
              where message_id = ${msg}`;
        } else if (kind === 'entry-update') {
          const column = sql.raw(r.pick(['read_at', 'archived_at', 'deleted_at', 'confirmed_at', 'expires_at']));
          q = sql`update mailbox set ${column} = ${time} where message_id = ${msg} and owner_id = ${owner}`;
        } else if (kind === 'entry-priority') {
          q = sql`update mailbox set priority = ${r.pick(['normal', 'urgent'])} where message_id = ${msg}`;
        } else if (kind === 'entry-move') {
          q = sql`update mailbox set owner_id = ${`moved${moved++}`} where message_id = ${msg} and owner_id = ${owner}`;
        } else if (kind === 'entry-delete') {
          q = sql`delete from mailbox where message_id = ${msg} and owner_id = ${owner}`;
        } else if (kind === 'tag') {
          q = r.chance(0.6)
            ? sql`insert into mailbox_tags (owner_id, message_id, tag_id, delivered_at, created_at)
              values (${owner}, ${msg}, 't1', ${T}, ${T}) on conflict do nothing`
            : sql`delete from mailbox_tags where owner_id = ${owner} and message_id = ${msg}`;
        } else if (kind === 'file') {
          const file = files.length && r.chance(0.6) ? r.pick(files) : null;
          if (!file) files.push(`f${i}`);
          q = !file
            ? sql`insert into attachments (id, uploader_kind, uploader_id, message_id, name, size, content_type, sha256,
              blob_key, created_at)
              values (${`f${i}`}, 'member', 'm1', ${msg}, 'a.txt', 1, 'text/plain', '0', 'k', ${T})`
            : r.chance(0.75)
              ? sql`update attachments set message_id = ${msg} where id = ${file}`
              : sql`delete from attachments where id = ${file}`;
        } else if (kind === 'status') {
          q = sql`update messages set status = ${r.pick(['sent', 'sent', 'withdrawn', 'pending-approval'])}
          where id = ${msg}`;
        } else if (kind === 'message-deleted') {
          q = sql`update messages set deleted_at = ${time} where id = ${msg}`;
        } else if (kind === 'message-edit') {
          const [column, value] = r.pick([
            ['subject', sql`${`v${i}`}`],
            ['body_text', sql`${`v${i}`}`],
            ['sender_id', sql`${r.pick(['m1', 'm2'])}`],
            ['recipient_count', sql`${i}`],
            ['reminded_at', time],
            ['recalled_at', time],
            ['due_at', time],
            ['expires_at', time],
          ] as const);
          q = sql`update messages set ${sql.raw(column)} = ${value} where id = ${msg}`;
        } else if (kind === 'message-remove') {
          q = sql`delete from messages where id = ${msg}`;
        } else if (kind === 'member') {
          const column = sql.raw(r.pick(['name', 'phone', 'locale']));
          q = sql`update members set ${column} = ${`x${i}`} where id = 'm1'`;
        } else {
          q = sql`insert into settings (key, value, updated_at) values (${`k${i % 3}`}, '{}', ${T})
          on conflict (key) do update set updated_at = excluded.updated_at`;
        }
        await both(q, `step ${i} (${kind})`);
        const now = await state();
        assert.deepEqual(now.pg, now.lite, `after step ${i} (${kind}), PostgreSQL's counters differ from SQLite's`);
      }
      const final = await state();
      assert.ok(final.lite.filter((l) => l.startsWith('counts')).length >= OWNERS.length, 'the sequence counted');
      assert.ok(
        final.lite.some((l) => /^counts \S+ [1-9]/.test(l)),
        'some inbox still counts entries',
      );
    });
  },
);

const WRITES = [
  ...Array<'entry'>(4).fill('entry'),
  'entries',
  'entries',
  ...Array<'entry-update'>(4).fill('entry-update'),
  'entry-priority',
  ...Array<'entry-move'>(3).fill('entry-move'),
  'entry-delete',
  'tag',
  'tag',
  'file',
  'file',
  'status',
  'message-deleted',
  'message-edit',
  'message-edit',
  'message-remove',
  'member',
  'settings',
] as const;

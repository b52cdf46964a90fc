// Drizzle's migrator applies a migration only when its journal `when` is later than the last one the database ran:
// one written on a branch earlier than a migration merged before it would be skipped, without a word, on every
// installation that already ran the other. The journal must grow in both order and time, and match the files.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MIGRATIONS_FOLDER } from '../paths.js';

type Entry = { idx: number; when: number; tag: string };
const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
  entries: Entry[];
};

test('migrations: the journal lists every .sql file once, in rising order and rising time', () => {
  const files = readdirSync(MIGRATIONS_FOLDER)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.replace(/\.sql$/, ''))
    .sort();
  assert.deepEqual(
    journal.entries.map((e) => e.tag),
    files,
  );
  for (const [i, entry] of journal.entries.entries()) {
    if (i === 0) continue;
    const before = journal.entries[i - 1]!;
    assert.ok(entry.idx > before.idx, `${entry.tag} comes after ${before.tag}`);
    assert.ok(entry.when > before.when, `${entry.tag} is dated after ${before.tag} (or the migrator skips it)`);
  }
});

test('migrations: each snapshot follows the one before it', () => {
  const ids = journal.entries.map((e) => {
    const snapshot = JSON.parse(
      readFileSync(join(MIGRATIONS_FOLDER, 'meta', `${e.tag.slice(0, 4)}_snapshot.json`), 'utf8'),
    ) as { id: string; prevId: string };
    return { tag: e.tag, ...snapshot };
  });
  for (const [i, s] of ids.entries()) if (i > 0) assert.equal(s.prevId, ids[i - 1]!.id, `${s.tag}'s prevId`);
});

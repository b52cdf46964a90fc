// Issue 18 item 3 (review): the local store writes an upload under `.tmp/` and renames it into place once whole, so
// stat, get and list (backups, verify, the start-up check) never see a partial file, and a crash leaves nothing in the
// blob layout. Temp files no upload writes any more are swept when the store opens.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { until } from '../testing/until.js';
import { LocalBlobStore, TEMP_FOLDER } from './local.js';
import { openBlobStore } from './open.js';
import type { BlobStore } from './store.js';

const root = mkdtempSync(join(tmpdir(), 'herald-local-blobs-'));
after(() => rmSync(root, { recursive: true, force: true }));

async function keys(store: BlobStore): Promise<string[]> {
  const found: string[] = [];
  for await (const blob of store.list()) found.push(blob.key);
  return found;
}
const tempFiles = (dir: string) => (existsSync(join(dir, TEMP_FOLDER)) ? readdirSync(join(dir, TEMP_FOLDER)) : []);

describe('issue 18: the local store writes aside, then renames', () => {
  test('while an upload runs its bytes are not a blob; once whole it is, in the usual layout, and no temp is \
left', async () => {
    const dir = join(root, 'running');
    const store = new LocalBlobStore(dir);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    async function* slow() {
      yield Buffer.from('first half, ');
      await released;
      yield Buffer.from('second half\n');
    }
    const key = '0190aaaaaaaa00ab';
    const putting = store.put(key, slow());
    const written = () =>
      existsSync(dir) &&
      readdirSync(dir, { recursive: true, withFileTypes: true }).some(
        (d) => d.isFile() && statSync(join(d.parentPath, d.name)).size > 0,
      );
    await until(written, 'the first chunk is on disk');

    assert.equal(await store.stat(key), null);
    assert.equal(await store.get(key), null);
    assert.deepEqual(await keys(store), [], 'list skips .tmp/');
    assert.equal(existsSync(join(dir, 'ab', key)), false);

    release();
    await putting;
    assert.deepEqual(await store.stat(key), { size: 'first half, second half\n'.length });
    assert.deepEqual(await keys(store), [key]);
    assert.equal(existsSync(join(dir, 'ab', key)), true, 'blobs/<last two>/<key> as always');
    assert.deepEqual(tempFiles(dir), []);
  });

  test('a failed upload leaves no temp file; a crashed one is swept at open, a live one is kept', async () => {
    const dir = join(root, 'crashed');
    const store = new LocalBlobStore(dir);
    async function* failing() {
      yield Buffer.from('partial');
      throw new Error('the source gave up');
    }
    await assert.rejects(store.put('0190aaaaaaaa0001', failing()), /the source gave up/);
    assert.deepEqual(tempFiles(dir), []);

    mkdirSync(join(dir, TEMP_FOLDER), { recursive: true });
    const crashed = join(dir, TEMP_FOLDER, '0190aaaaaaaa0002.abcdef');
    const live = join(dir, TEMP_FOLDER, '0190aaaaaaaa0003.abcdef');
    writeFileSync(crashed, 'left by a crash');
    writeFileSync(live, 'another node is writing this');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(crashed, twoHoursAgo, twoHoursAgo);
    assert.deepEqual(await keys(store), [], 'neither is a blob');

    await openBlobStore({ kind: 'local', dir, explicit: true });
    assert.deepEqual(tempFiles(dir), ['0190aaaaaaaa0003.abcdef']);
  });
});

// The outbox claim on its own (R9, S8): due rows and expired leases are claimed once; on PostgreSQL two claimers at
// once take disjoint rows through `FOR UPDATE SKIP LOCKED` without waiting for each other (notify/claim.ts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDeps } from '../../testing/deps.js';
import { pgOnly } from '../../testing/engine-only.js';
import { messages } from '../messages/schema.js';
import { claimDue, type ClaimedRow } from './claim.js';
import { notifyDeliveries } from './schema.js';

type Deps = Awaited<ReturnType<typeof testDeps>>;
const AT = 1_800_000_000_000;
const ids = (rows: ClaimedRow[]) => rows.map((r) => r.id).sort();

describe('notify outbox claim (R9, S8)', () => {
  let deps: Deps;
  let n = 0;

  /** A message and `count` rows of `channel` for it, due at `due` (pending) or leased until `lease` (sending). */
  async function rows(
    count: number,
    state: { due: number } | { lease: number },
    channel: 'email' | 'sms' = 'email',
  ): Promise<string[]> {
    const messageId = `m-claim-${++n}`;
    await deps.db.insert(messages).values({
      id: messageId,
      threadId: messageId,
      senderKind: 'api-key',
      senderId: 'k-claim',
      kind: 'urgent',
      subject: 'claim',
      body: { type: 'doc', content: [] },
      status: 'sent',
      createdAt: AT,
      updatedAt: AT,
    });
    const made = Array.from({ length: count }, (_, i) => ({
      id: `${messageId}-d${i}`,
      messageId,
      recipientKind: 'member' as const,
      recipientId: `p${i}`,
      channel,
      idempotencyKey: `${messageId}.p${i}.${channel}.0`,
      status: 'due' in state ? ('pending' as const) : ('sending' as const),
      nextAttemptAt: 'due' in state ? state.due : AT - 60_000,
      lockedUntil: 'lease' in state ? state.lease : null,
      createdAt: AT,
      updatedAt: AT,
    }));
    await deps.db.insert(notifyDeliveries).values(made);
    return made.map((r) => r.id).sort();
  }

  before(async () => {
    deps = await testDeps();
  });
  after(() => deps.cleanup());

  test('R9/S8: due rows and expired leases are claimed once, with a new lease and one more attempt', async () => {
    const due = await rows(2, { due: AT - 1 });
    const expired = await rows(1, { lease: AT - 1 });
    await rows(1, { due: AT + 1 }); // not yet due
    await rows(1, { lease: AT + 1 }); // still leased
    const first = await claimDue(deps.db, { channel: 'email', at: AT, lockedUntil: AT + 60_000, limit: 10 });
    assert.deepEqual(ids(first), [...due, ...expired].sort());
    assert.ok(first.every((r) => r.attempts === 1 && r.channel === 'email'));
    const again = await claimDue(deps.db, { channel: 'email', at: AT, lockedUntil: AT + 60_000, limit: 10 });
    assert.deepEqual(again, [], 'a claimed row is leased: nobody takes it again before the lease ends');
    const other = await claimDue(deps.db, { channel: 'webhook', at: AT, lockedUntil: AT + 60_000, limit: 10 });
    assert.deepEqual(other, [], 'one channel at a time');
  });

  test(
    'R9/S8: two claimers at once on PostgreSQL take disjoint rows, and neither waits for the other (SKIP LOCKED)',
    pgOnly('row locks between concurrent writers are PostgreSQL’s; the embedded engine has one writer at a time'),
    async () => {
      const all = await rows(6, { due: AT + 500_000 }, 'sms'); // the first test's rows are e-mails
      const at = AT + 1_000_000;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let second: ClaimedRow[] | Error = [];
      // Claimer A claims two rows in a transaction it keeps open until claimer B (another pooled connection) has
      // claimed: B must skip A's locked rows and return at once. Without SKIP LOCKED, B would wait on A's locks (and A
      // on B): the statement's lock timeout would fail this test.
      const first = await deps.db.transaction(async (tx) => {
        const mine = await claimDue(tx, { channel: 'sms', at, lockedUntil: at + 60_000, limit: 2 });
        void claimDue(deps.db, { channel: 'sms', at, lockedUntil: at + 60_000, limit: 10 }).then(
          (rows) => {
            second = rows;
            release();
          },
          (err: Error) => {
            second = err;
            release();
          },
        );
        await held;
        return mine;
      });
      assert.equal(first.length, 2);
      if (second instanceof Error) throw second;
      assert.equal(second.length, 4, 'B took every row A had not locked');
      assert.deepEqual([...ids(first), ...ids(second)].sort(), all);
      const after = await claimDue(deps.db, { channel: 'sms', at, lockedUntil: at + 60_000, limit: 10 });
      assert.deepEqual(after, [], 'every row was claimed exactly once');
    },
  );
});

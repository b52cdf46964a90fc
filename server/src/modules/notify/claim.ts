// The outbox claim (R9, S8; docs/api.md "Outbox, retries and dead letters"): one statement that takes due rows and
// expired leases of one channel, stamps a new lease and counts the attempt. Each engine has its own text.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { dialect } from '../../db/dialect.js';
import { ENGINE } from '../../db/engine.js';
import type { Channel } from './schema.js';

export type ClaimedRow = {
  id: string;
  messageId: string;
  recipientKind: 'member' | 'contact';
  recipientId: string;
  channel: Channel;
  round: number;
  idempotencyKey: string;
  attempts: number;
};

type Claim = { channel: Channel; at: number; lockedUntil: number; limit: number };

const RETURNING = sql`returning id, message_id as "messageId", recipient_kind as "recipientKind",
  recipient_id as "recipientId", channel, round, idempotency_key as "idempotencyKey", attempts`;

/**
 * The embedded engine has one writer at a time, so a conditional `UPDATE … WHERE id IN (…)` is atomic. The two
 * branches of the union each use their partial index (`notify_deliveries_due_idx` on next_attempt_at where pending,
 * `…_claimed_idx` on locked_until where sending) to find the due rows, which are then sorted whole (a temporary
 * B-tree: no index gives the union's order; docs/postgresql-plan.md "Follow-up"); the outer condition repeats them.
 */
const sqliteClaim = ({ channel, at, lockedUntil, limit }: Claim): SQL => sql`
  update notify_deliveries set status = 'sending', locked_until = ${lockedUntil}, attempts = attempts + 1,
    updated_at = ${at}
  where id in (
    select id from (
      select id, next_attempt_at as due from notify_deliveries where status = 'pending'
        and next_attempt_at <= ${at} and channel = ${channel}
      union all
      select id, locked_until as due from notify_deliveries where status = 'sending' and locked_until < ${at}
        and channel = ${channel}
    ) u order by due limit ${limit}
  ) and ((status = 'pending' and next_attempt_at <= ${at}) or (status = 'sending' and locked_until < ${at}))
  ${RETURNING}`;

/**
 * PostgreSQL has concurrent writers: the candidate rows are locked `FOR UPDATE SKIP LOCKED`, so two workers (two
 * processes, or two nodes) claiming at once take disjoint rows without waiting for each other (a row another claim
 * holds is skipped, not waited for and then found taken). It runs on its own, at READ COMMITTED (the pool's level
 * outside transactions): a row another worker claimed and committed since this statement began is re-read by the
 * lock, whose `due` condition PostgreSQL checks again on that newest version (READ COMMITTED's recheck of a locking
 * read), so it is dropped there, never claimed twice; the UPDATE needs no condition of its own (it changes only rows
 * this statement holds locked). Under SERIALIZABLE that case would be an error. The due rows are found through the two
 * partial indexes (a bitmap OR) and sorted whole: no index gives the CASE's order (docs/postgresql-plan.md).
 */
const pgClaim = ({ channel, at, lockedUntil, limit }: Claim): SQL => sql`
  with due as (
    select id as due_id from notify_deliveries
    where channel = ${channel}
      and ((status = 'pending' and next_attempt_at <= ${at}) or (status = 'sending' and locked_until < ${at}))
    order by case when status = 'pending' then next_attempt_at else locked_until end
    limit ${limit}
    for update skip locked
  )
  update notify_deliveries d set status = 'sending', locked_until = ${lockedUntil}, attempts = d.attempts + 1,
    updated_at = ${at}
  from due where d.id = due.due_id
  ${RETURNING}`;

/** Claims up to `limit` rows of `channel` due at `at`, leased until `lockedUntil`. */
export const claimDue = (db: DbOrTx, claim: Claim): Promise<ClaimedRow[]> =>
  dialect.all<ClaimedRow>(db, ENGINE === 'pg' ? pgClaim(claim) : sqliteClaim(claim));

import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { clientOf, execute } from '../../db/prepared.js';
import { approvalFlows } from '../approvals/schema.js';
import { notifySettings, type NotifySettings } from '../notify/settings.js';
import { messagingSettings, type MessagingSettings } from '../settings/service.js';

export type FlowRow = typeof approvalFlows.$inferSelect;

/** What every send reads besides its own input. Shared between sends: read-only. */
export type SendConfig = {
  messaging: MessagingSettings;
  notify: NotifySettings;
  /** The enabled approval flows, in the order they are matched. */
  flows: FlowRow[];
};

const kept = new WeakMap<object, { epoch: number; config: SendConfig }>();

/**
 * The settings and approval flows a send needs, kept per process (issue 15): three reads per send become one tiny
 * one. They are kept while the identity epoch stays: triggers (migration 0010) move it in the same transaction as any
 * change to `settings` or `approval_flows`, as they do for who is calling (migration 0008), so every process reads
 * them again after a change. Read inside the send's write transaction, the epoch is exact: nothing can change them
 * before the send commits. (Not for a transaction that itself changes settings or flows: it would keep what it then
 * rolled back.)
 */
export async function sendConfig(
  tx: DbOrTx,
  senderMemberId: string | null,
): Promise<{ config: SendConfig; senderDepartmentId: string | null }> {
  // The sender's primary department (what scoped permissions over the message are checked against) in the same read.
  // One row whether or not the epoch's row exists: without it (a hand-edited database) nothing moves the epoch, so
  // nothing is kept (-1, as `readIdentityEpoch` answers; review of issue 15: 0 kept the first settings for good).
  const { rows } = await execute(
    tx,
    `select (select value from identity_epoch where id = 1), (select department_id from members where id = ?)`,
    [senderMemberId],
  );
  const epoch = rows[0]?.[0] == null ? -1 : Number(rows[0][0]);
  const senderDepartmentId = (rows[0]?.[1] as string | null | undefined) ?? null;
  const client = clientOf(tx);
  const hit = kept.get(client);
  if (epoch >= 0 && hit?.epoch === epoch) return { config: hit.config, senderDepartmentId };
  const config: SendConfig = {
    messaging: await messagingSettings(tx),
    notify: await notifySettings(tx),
    flows: await tx
      .select()
      .from(approvalFlows)
      .where(eq(approvalFlows.enabled, true))
      .orderBy(asc(approvalFlows.position), asc(approvalFlows.createdAt)),
  };
  if (epoch >= 0) kept.set(client, { epoch, config });
  return { config, senderDepartmentId };
}

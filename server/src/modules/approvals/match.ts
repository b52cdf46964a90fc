import { asc, eq, inArray, and } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { groupEntries } from '../groups/schema.js';
import type { CheckedAudience } from '../messages/recipients.js';
import type { MessageKind, Priority } from '../messages/schema.js';
import { departments } from '../org/schema.js';
import { approvalFlows, type FlowSnapshot, type MatchReason } from './schema.js';

/** What the conditions of a flow are checked against, known once the message's audience is resolved. */
export type SendFacts = {
  kind: MessageKind;
  priority: Priority;
  senderDepartmentId: string | null;
  audience: CheckedAudience[];
  recipientTotal: number;
  attachmentCount: number;
};

/**
 * Whether the audience includes a contact: picked directly, or through a group (only external messages reach contacts).
 */
async function reachesContacts(db: DbOrTx, facts: SendFacts): Promise<boolean> {
  if (facts.kind !== 'external') return false;
  if (facts.audience.some((a) => a.kind === 'contact')) return true;
  const groupIds = facts.audience.filter((a) => a.kind === 'group').map((a) => a.targetId);
  if (!groupIds.length) return false;
  const [one] = await db
    .select({ id: groupEntries.groupId })
    .from(groupEntries)
    .where(and(inArray(groupEntries.groupId, groupIds), eq(groupEntries.kind, 'contact')))
    .limit(1);
  return !!one;
}

/**
 * The first enabled flow (by position) whose every condition holds, as a snapshot with the reasons it matched;
 * null when none does (the message is delivered at once). `enabled`: the enabled flows in that order, when the
 * caller keeps them (messages/send-config.ts).
 */
export async function matchFlow(
  db: DbOrTx,
  facts: SendFacts,
  enabled?: Array<typeof approvalFlows.$inferSelect>,
): Promise<FlowSnapshot | null> {
  const flows =
    enabled ??
    (await db
      .select()
      .from(approvalFlows)
      .where(eq(approvalFlows.enabled, true))
      .orderBy(asc(approvalFlows.position), asc(approvalFlows.createdAt)));
  if (!flows.length) return null;
  let senderPath: string | null | undefined;
  let contacts: boolean | undefined;
  for (const flow of flows) {
    const c = flow.conditions;
    const reasons: MatchReason[] = [];
    if (c.kinds?.length) {
      if (!c.kinds.includes(facts.kind)) continue;
      reasons.push({ code: 'kind', params: { kind: facts.kind } });
    }
    if (c.priorities?.length) {
      if (!c.priorities.includes(facts.priority)) continue;
      reasons.push({ code: 'priority', params: { priority: facts.priority } });
    }
    if (c.senderDepartmentId) {
      if (senderPath === undefined) {
        const [d] = facts.senderDepartmentId
          ? await db
              .select({ path: departments.path })
              .from(departments)
              .where(eq(departments.id, facts.senderDepartmentId))
          : [];
        senderPath = d?.path ?? null;
      }
      const [target] = await db
        .select({ path: departments.path, name: departments.name })
        .from(departments)
        .where(eq(departments.id, c.senderDepartmentId));
      if (!target || !senderPath || !senderPath.startsWith(target.path)) continue;
      reasons.push({
        code: 'sender-department',
        params: { departmentId: c.senderDepartmentId, department: target.name },
      });
    }
    if (c.hasExternalRecipients) {
      contacts ??= await reachesContacts(db, facts);
      if (!contacts) continue;
      reasons.push({ code: 'external-recipients', params: {} });
    }
    if (c.minRecipients != null) {
      if (!(facts.recipientTotal > c.minRecipients)) continue;
      reasons.push({ code: 'min-recipients', params: { recipients: facts.recipientTotal, min: c.minRecipients } });
    }
    if (c.hasAttachments) {
      if (facts.attachmentCount === 0) continue;
      reasons.push({ code: 'attachments', params: {} });
    }
    if (!reasons.length) reasons.push({ code: 'every-message', params: {} });
    return { id: flow.id, name: flow.name, reasons, conditions: c, nodes: flow.nodes, selfApproval: flow.selfApproval };
  }
  return null;
}

// Issue 19: a template into the composer's state ("Use a template") and the state into a template ("Save as
// template"). Pure functions, loaded with the picker; the composer's own rules come as `rules` (state.ts: `stateRules`,
// which this chunk does not import).
import type { MessageKind } from '../api/types.js';
import type { ComposerState, ExpiryChoice, Recipient, StateRules } from '../composer/state.js';
import type { MessageTemplate, NewTemplate, TemplateScope } from '../api/types.js';

const MINUTE = 60_000;

/** Epoch ms as a `datetime-local` value (local time, to the minute). */
export function toLocalInput(t: number): string {
  const d = new Date(t);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

function expiryOf(
  { EXPIRY_MINUTES }: StateRules,
  minutes: number | null,
  at: number,
): Pick<ComposerState, 'expiry' | 'expiresAt'> {
  if (minutes === null) return { expiry: 'never', expiresAt: '' };
  const choice = (Object.keys(EXPIRY_MINUTES) as Array<keyof typeof EXPIRY_MINUTES>).find(
    (k) => EXPIRY_MINUTES[k] === minutes,
  );
  return choice
    ? { expiry: choice as ExpiryChoice, expiresAt: '' }
    : { expiry: 'at', expiresAt: toLocalInput(at + minutes * MINUTE) };
}

/**
 * The state with the template's content and options; its default recipients join those already picked (contacts
 * only for an external message). A kind the member may not send leaves the kind as it was.
 */
export function stateFromTemplate(
  s: ComposerState,
  t: MessageTemplate,
  kinds: readonly MessageKind[],
  rules: StateRules,
  at = Date.now(),
): ComposerState {
  const wanted: MessageKind = t.kind === 'urgent' ? 'internal' : t.kind;
  const kind = kinds.includes(wanted) ? wanted : s.kind;
  const seen = new Set(s.recipients.map((r) => `${r.kind}:${r.id}`));
  const added: Recipient[] = t.audience
    .filter((a) => (a.kind !== 'contact' || kind === 'external') && !seen.has(`${a.kind}:${a.targetId}`))
    .map((a) => ({
      kind: a.kind,
      id: a.targetId,
      name: a.label,
      detail: null,
      memberCount: null,
      memberCountWithSubdepartments: null,
      includeSubdepartments: a.includeSubdepartments,
    }));
  return {
    ...s,
    kind,
    recipients: [...s.recipients, ...added],
    subject: t.subject,
    body: t.body as ComposerState['body'],
    priority: t.kind === 'urgent' ? 'urgent' : t.priority,
    receiptRequired: t.receiptRequired,
    ...expiryOf(rules, t.expiresInMinutes, at),
    dueAt: t.dueInMinutes === null ? '' : toLocalInput(at + t.dueInMinutes * MINUTE),
  };
}

/** Minutes from `at` to a `datetime-local` value (at least one), or null when there is none or it has passed. */
function minutesUntil({ localToEpoch }: StateRules, value: string, at: number): number | null {
  const t = localToEpoch(value);
  return t === null || t <= at ? null : Math.max(1, Math.round((t - at) / MINUTE));
}

/** What "Save as template" sends: the message as written; fixed dates become offsets from when it is used. */
export function templateFrom(
  s: ComposerState,
  name: string,
  scope: TemplateScope,
  rules: StateRules,
  at = Date.now(),
): NewTemplate {
  const { EXPIRY_MINUTES, audienceOf, sentKind } = rules;
  return {
    scope,
    name: name.trim(),
    subject: s.subject.trim() || name.trim(),
    body: s.body,
    kind: sentKind(s),
    priority: s.priority,
    receiptRequired: s.receiptRequired,
    expiresInMinutes:
      s.expiry === 'never' ? null : s.expiry === 'at' ? minutesUntil(rules, s.expiresAt, at) : EXPIRY_MINUTES[s.expiry],
    dueInMinutes: minutesUntil(rules, s.dueAt, at),
    audience: audienceOf(s),
  };
}

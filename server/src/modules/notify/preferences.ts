// A member's own notification preferences and quiet hours (issue 20 item 6; docs/api.md "My settings"). What a member
// may choose is the admin's `memberChoice`; the outbox (`outbox.ts`) and the worker (`worker.ts`) apply the choices,
// reading them set-based for a send's recipients.
import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { Problem, type FieldError } from '../../http/problem.js';
import { now } from '../../lib/clock.js';
import type { Actor } from '../auth/actor.js';
import type { RequestInfo } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import { CHANNELS, notifyPreferences, type Channel } from './schema.js';
import { isTimeZone } from './quiet-hours.js';
import { channelsFor, notifySettings, type NotifySettings } from './settings.js';

export const CHOOSABLE_PRIORITIES = ['high', 'normal'] as const;
export type ChoosablePriority = (typeof CHOOSABLE_PRIORITIES)[number];

/** Quiet hours as the API speaks them: local `HH:MM` times and an IANA time zone. */
export type QuietHoursView = { start: string; end: string; timeZone: string; includeUrgent: boolean };

export type MyNotificationPreferences = {
  /** What the admin allows: per priority the channels a member may turn on or off, and the rest as they are. */
  allowed: {
    channels: Record<ChoosablePriority, Channel[]>;
    quietHours: boolean;
    quietUrgent: boolean;
  };
  /** The admin's routing of each priority (enabled channels only): what a member gets without a choice. */
  defaults: Record<ChoosablePriority | 'urgent', Channel[]>;
  /** The member's choices; a priority's `null`: the default. */
  channels: Record<ChoosablePriority, Channel[] | null>;
  quietHours: QuietHoursView | null;
  /** What reaches the member now, per priority. */
  effective: Record<ChoosablePriority | 'urgent', Channel[]>;
};

export type PreferencesPatch = {
  channels?: Partial<Record<ChoosablePriority, Channel[] | null>> | undefined;
  quietHours?: QuietHoursView | null | undefined;
};

type Row = typeof notifyPreferences.$inferSelect;

const parseList = (list: string | null): Channel[] | null =>
  list === null ? null : CHANNELS.filter((c) => list.split(',').includes(c));
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
export const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The channels the admin lets members choose for a priority, among those that are on. */
export const choosable = (s: NotifySettings, priority: ChoosablePriority): Channel[] =>
  CHANNELS.filter((c) => s[c].enabled && s.memberChoice.channels[priority].includes(c));

/** What reaches a member for a priority: forced channels, plus their choice (or the default) among the choosable. */
export function effectiveChannels(s: NotifySettings, priority: ChoosablePriority, chosen: Channel[] | null): Channel[] {
  const open = choosable(s, priority);
  const routed = channelsFor(s, priority);
  return CHANNELS.filter((c) =>
    open.includes(c) ? (chosen === null ? routed.includes(c) : chosen.includes(c)) : routed.includes(c),
  );
}

function view(s: NotifySettings, row: Row | undefined): MyNotificationPreferences {
  const channels = {
    high: parseList(row?.highChannels ?? null),
    normal: parseList(row?.normalChannels ?? null),
  };
  const quietHours =
    row?.quietStart != null && row.quietEnd != null && row.timeZone
      ? {
          start: hhmm(row.quietStart),
          end: hhmm(row.quietEnd),
          timeZone: row.timeZone,
          includeUrgent: row.quietUrgent,
        }
      : null;
  return {
    allowed: {
      channels: { high: choosable(s, 'high'), normal: choosable(s, 'normal') },
      quietHours: s.memberChoice.quietHours,
      quietUrgent: s.memberChoice.quietUrgent,
    },
    defaults: { high: channelsFor(s, 'high'), normal: channelsFor(s, 'normal'), urgent: channelsFor(s, 'urgent') },
    channels,
    quietHours,
    effective: {
      high: effectiveChannels(s, 'high', channels.high),
      normal: effectiveChannels(s, 'normal', channels.normal),
      urgent: channelsFor(s, 'urgent'),
    },
  };
}

/** Members only: an external contact's notifications follow the admin's routing (docs/api.md "My settings"). */
function memberId(actor: Actor): string {
  if (actor.kind !== 'member')
    throw new Problem('forbidden', 'Only members choose their notifications; contacts get the default.');
  return actor.subject.id;
}

export async function myNotificationPreferences(db: DbOrTx, actor: Actor): Promise<MyNotificationPreferences> {
  const id = memberId(actor);
  const [row] = await db.select().from(notifyPreferences).where(eq(notifyPreferences.memberId, id));
  return view(await notifySettings(db), row);
}

/** Checks a change against what the admin allows now; a choice outside it is refused, not silently dropped. */
function check(s: NotifySettings, patch: PreferencesPatch): FieldError[] {
  const errors: FieldError[] = [];
  for (const priority of CHOOSABLE_PRIORITIES) {
    const open = choosable(s, priority);
    (patch.channels?.[priority] ?? []).forEach((c, i) => {
      if (!open.includes(c))
        errors.push({
          path: `channels.${priority}.${i}`,
          code: 'invalid-value',
          message: `Members may not choose ${c} for ${priority} messages`,
        });
    });
  }
  const q = patch.quietHours;
  if (q) {
    if (!s.memberChoice.quietHours)
      errors.push({
        path: 'quietHours',
        code: 'invalid-value',
        message: 'The administrator has not allowed quiet hours',
      });
    if (q.includeUrgent && !s.memberChoice.quietUrgent)
      errors.push({
        path: 'quietHours.includeUrgent',
        code: 'invalid-value',
        message: 'Urgent messages always come through',
      });
    if (!isTimeZone(q.timeZone))
      errors.push({ path: 'quietHours.timeZone', code: 'invalid-value', message: 'Not a known time zone' });
  }
  return errors;
}

export async function updateMyNotificationPreferences(
  db: Db,
  actor: Actor,
  patch: PreferencesPatch,
  info: RequestInfo,
): Promise<MyNotificationPreferences> {
  const id = memberId(actor);
  return db.transaction(async (tx) => {
    const s = await notifySettings(tx);
    const errors = check(s, patch);
    if (errors.length) throw new Problem('validation', 'Some properties are not valid.', { errors });
    const [before] = await tx.select().from(notifyPreferences).where(eq(notifyPreferences.memberId, id));
    const list = (p: ChoosablePriority, old: string | null) => {
      const chosen = patch.channels?.[p];
      return chosen === undefined ? old : chosen === null ? null : CHANNELS.filter((c) => chosen.includes(c)).join(',');
    };
    const q = patch.quietHours;
    const quiet =
      q === undefined
        ? {}
        : q === null
          ? { quietStart: null, quietEnd: null, quietUrgent: false, timeZone: null }
          : {
              quietStart: minutesOf(q.start),
              quietEnd: minutesOf(q.end),
              quietUrgent: q.includeUrgent,
              timeZone: q.timeZone,
            };
    const values = {
      memberId: id,
      highChannels: list('high', before?.highChannels ?? null),
      normalChannels: list('normal', before?.normalChannels ?? null),
      quietStart: before?.quietStart ?? null,
      quietEnd: before?.quietEnd ?? null,
      quietUrgent: before?.quietUrgent ?? false,
      timeZone: before?.timeZone ?? null,
      ...quiet,
      updatedAt: now(),
    };
    await tx.insert(notifyPreferences).values(values).onConflictDoUpdate({
      target: notifyPreferences.memberId,
      set: values,
    });
    const after = view(s, values);
    const audited = (v: MyNotificationPreferences) => ({ channels: v.channels, quietHours: v.quietHours });
    await recordAudit(tx, actor, {
      action: 'notifications.preferences.update',
      targetType: 'member',
      targetId: id,
      before: audited(view(s, before)),
      after: audited(after),
      ...info,
    });
    return after;
  });
}

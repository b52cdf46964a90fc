// Scheduled send (issue 20 #1): which times a sender may pick. One place, used by the send and the reschedule.
import type { FieldError } from '../../http/problem.js';

/** How far ahead a message may be scheduled: a year and a day (as far as a snooze may reach). */
export const SCHEDULE_MAX_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;

/**
 * Problems with `scheduledAt` (epoch ms) at time `t`: in the past, or too far ahead; and a fixed expiry or due date
 * that would come before delivery.
 */
export function scheduleErrors(
  scheduledAt: number,
  t: number,
  times: { expiresAt?: number | null | undefined; dueAt?: number | null | undefined } = {},
): FieldError[] {
  const errors: FieldError[] = [];
  if (scheduledAt <= t) errors.push({ path: 'scheduledAt', code: 'too-small', message: 'Must be in the future' });
  else if (scheduledAt > t + SCHEDULE_MAX_AHEAD_MS)
    errors.push({ path: 'scheduledAt', code: 'too-big', message: 'At most 366 days ahead' });
  if (times.expiresAt != null && times.expiresAt <= scheduledAt)
    errors.push({ path: 'expiresAt', code: 'too-small', message: 'Must be after the scheduled time' });
  if (times.dueAt != null && times.dueAt <= scheduledAt)
    errors.push({ path: 'dueAt', code: 'too-small', message: 'Must be after the scheduled time' });
  return errors;
}

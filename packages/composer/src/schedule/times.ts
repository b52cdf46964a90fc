// Issue 20 #1: the times the schedule picker offers, in the viewer's own time zone (the browser's), as the
// `datetime-local` values the picker's input takes. The server speaks epoch ms only.

/** How far ahead a message may be scheduled (the server's SCHEDULE_MAX_AHEAD_MS: 366 days). */
export const MAX_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

/** Epoch ms → a `datetime-local` value in the viewer's time zone (minutes). */
export const toLocalInput = (at: number): string => {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** The time zone times are picked and shown in. */
export const viewerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** A day at 09:00 local, `days` after the day of `now`. */
const morning = (now: number, days: number): number => {
  const d = new Date(now);
  d.setDate(d.getDate() + days);
  d.setHours(9, 0, 0, 0);
  return d.getTime();
};

/** The suggestions: in an hour (on the next 5 minutes), tomorrow at 9, next Monday at 9. */
export function quickTimes(now: number): Array<{ key: 'inHour' | 'tomorrow' | 'monday'; at: number }> {
  const step = 5 * 60_000;
  const inHour = Math.ceil((now + 60 * 60_000) / step) * step;
  const day = new Date(now).getDay(); // 0 Sunday … 6 Saturday
  const toMonday = (8 - day) % 7 || 7;
  return [
    { key: 'inHour', at: inHour },
    { key: 'tomorrow', at: morning(now, 1) },
    { key: 'monday', at: morning(now, toMonday) },
  ];
}

/** Why a picked time cannot be used (a strings key), or null. */
export function scheduleProblem(at: number | null, now: number): 'past' | 'far' | null {
  if (at === null || at <= now) return 'past';
  if (at > now + MAX_AHEAD_MS) return 'far';
  return null;
}

// Quiet hours (issue 20 item 6): a daily window in the member's own time zone during which notifications wait. The
// worker asks, for a claimed notification, until when it must wait; the answer follows the local clock across
// daylight-saving changes.

/** A daily window `[start, end)` in minutes after local midnight; `end <= start` runs past midnight. */
export type QuietHours = { start: number; end: number; timeZone: string };

const DAY_MINUTES = 1440;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per time zone (building one costs far more than using it). */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** An IANA time zone this server knows (`Asia/Shanghai`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local wall-clock time of `at` in `timeZone`, in seconds after midnight. */
function localSeconds(at: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return (part('hour') % 24) * 3600 + part('minute') * 60 + part('second');
}

const inside = (minute: number, q: QuietHours) =>
  q.start < q.end ? minute >= q.start && minute < q.end : minute >= q.start || minute < q.end;

/**
 * When the quiet hours around `at` end (epoch ms), or null when `at` is outside them (or the window is empty). A
 * notice due at 23:10 with quiet hours 22:00–07:00 waits until 07:00 local time the next morning.
 */
export function quietUntil(at: number, q: QuietHours): number | null {
  if (q.start === q.end) return null;
  const seconds = localSeconds(at, q.timeZone);
  if (!inside(Math.floor(seconds / 60), q)) return null;
  const wait = (((q.end * 60 - seconds) % (DAY_MINUTES * 60)) + DAY_MINUTES * 60) % (DAY_MINUTES * 60);
  const naive = at - (at % 1000) + wait * 1000;
  // A daylight-saving change in between moves the local clock: correct by what the clock says at the candidate.
  let drift = localSeconds(naive, q.timeZone) - q.end * 60;
  if (drift > 12 * 3600) drift -= DAY_MINUTES * 60;
  if (drift < -12 * 3600) drift += DAY_MINUTES * 60;
  const corrected = naive - drift * 1000;
  // The end time may not exist that day (the clock jumps over it): then the first moment after the jump.
  return corrected > at && !inside(Math.floor(localSeconds(corrected, q.timeZone) / 60), q) ? corrected : naive;
}

// Issue 20 #3: the reading pane's snooze choices, as local times (the person's own clock and calendar).

export type SnoozeChoice = 'later' | 'tomorrow' | 'nextWeek';

/** When each choice brings the message back: in 3 hours, tomorrow 09:00, next Monday 09:00 (local time). */
export function snoozeTimes(now: number): Record<SnoozeChoice, number> {
  const at9 = (days: number) => {
    const d = new Date(now);
    d.setDate(d.getDate() + days);
    d.setHours(9, 0, 0, 0);
    return d.getTime();
  };
  const day = new Date(now).getDay(); // 0 Sunday … 6 Saturday
  return { later: now + 3 * 60 * 60 * 1000, tomorrow: at9(1), nextWeek: at9((8 - day) % 7 || 7) };
}

/** A `datetime-local` input's value as epoch ms (local time), or undefined when empty or invalid. */
export function localInputTime(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? undefined : t;
}

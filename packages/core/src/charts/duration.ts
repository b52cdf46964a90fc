/** How a number is put into words in the caller's locale (`LocalizeController.number`). */
type FormatNumber = (value: number, options?: Intl.NumberFormatOptions) => string;

/**
 * A short duration for charts and their sentences, through `Intl` units (no strings to translate): `45 min`,
 * `3 hr`, `2 days`; `45分钟`, `3小时`, `2天`. Rounded to the unit; under two hours in minutes, under two days in hours.
 */
export function shortDuration(ms: number, number: FormatNumber): string {
  const unit = (value: number, name: 'minute' | 'hour' | 'day') =>
    number(value, { style: 'unit', unit: name, unitDisplay: 'short' });
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return unit(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  return hours < 48 ? unit(hours, 'hour') : unit(Math.round(hours / 24), 'day');
}

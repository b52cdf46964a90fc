import type { LocalizeController } from '@herald/core';

/** A short duration for a chart's axis and sentences: `45 min`, `3 h`, `2 d` (rounded to the unit). */
export function shortDuration(ms: number, i18n: LocalizeController): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return i18n.t('reach.minutes', { count: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return i18n.t('reach.hours', { count: hours });
  return i18n.t('reach.days', { count: Math.round(hours / 24) });
}

/**
 * The tab a tablist's arrow keys move to (WAI-ARIA tabs pattern): ArrowRight/ArrowLeft wrap around, Home and End go
 * to the ends; any other key → undefined (the caller lets it through).
 */
export function tabKeyTarget<T>(key: string, tabs: readonly T[], index: number): T | undefined {
  if (!tabs.length) return undefined;
  if (key === 'ArrowRight') return tabs[(index + 1) % tabs.length];
  if (key === 'ArrowLeft') return tabs[(index - 1 + tabs.length) % tabs.length];
  if (key === 'Home') return tabs[0];
  if (key === 'End') return tabs[tabs.length - 1];
  return undefined;
}

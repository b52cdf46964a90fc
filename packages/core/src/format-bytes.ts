const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/**
 * Bytes for people, in binary multiples as the server counts them: "225 bytes" / "225字节", "1.5 MB", "50 MB" (issue 21:
 * not "225 byte" — below a kilobyte the unit is written out, so it takes its plural; larger ones use the short symbol).
 */
export function formatBytes(bytes: number, locale: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const unitDisplay = unit === 0 ? 'long' : 'short';
  const maximumFractionDigits = unit ? 1 : 0;
  return new Intl.NumberFormat(locale, { style: 'unit', unit: UNITS[unit], unitDisplay, maximumFractionDigits }).format(
    value,
  );
}

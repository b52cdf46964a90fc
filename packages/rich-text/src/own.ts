// Reading an untrusted rich-text document: own properties only, bounded depth (plain-text.ts, core's renderer).
type Obj = Record<string, unknown>;

/** Deeper than any valid document (lists nest ≤ 8); hostile input stops here instead of exhausting the stack. */
export const MAX_DEPTH = 24;

/** Own properties only, so `__proto__`/`constructor` keys or a polluted prototype never feed the renderer. */
export function own(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, key)
    ? (value as Obj)[key]
    : undefined;
}
export const ownString = (value: unknown, key: string): string | undefined => {
  const v = own(value, key);
  return typeof v === 'string' ? v : undefined;
};
export const ownArray = (value: unknown, key: string): unknown[] => {
  const v = own(value, key);
  return Array.isArray(v) ? v : [];
};

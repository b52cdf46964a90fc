import type { RichDoc } from './index.js';

/**
 * Issue 19: the placeholders a template (or any message) may hold, filled for each recipient: their name, the day
 * the message reached them and its due day. A message is stored once with its placeholders (its sender sees them);
 * each recipient's copy is filled as it is read, from values fixed at delivery (the mailbox entry's `deliveredAt`),
 * so a send costs nothing more for 10,000 recipients than for one (docs/architecture.md "Template placeholders").
 */
export const PLACEHOLDERS = ['name', 'date', 'due'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = { name: string; deliveredAt: number | null; dueAt: number | null };

const PATTERN = /\{\{\s*(name|date|due)\s*\}\}/g;
// Days as the server's clock reads them (the organisation's time zone on its own servers): 2026-12-05, in any locale.
const day = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });

/** Whether a text holds a placeholder: a cheap test, so bodies without any are never walked. */
export const hasPlaceholders = (text: string): boolean => text.includes('{{') && new RegExp(PATTERN).test(text);

export function fillText(text: string, values: PlaceholderValues): string {
  if (!text.includes('{{')) return text;
  return text.replace(PATTERN, (whole, key: Placeholder) => {
    if (key === 'name') return values.name;
    const at = key === 'date' ? values.deliveredAt : values.dueAt;
    return at === null ? whole : day.format(at);
  });
}

/** The document with every text node filled; the same object when nothing needs filling. */
export function fillDoc(doc: RichDoc, values: PlaceholderValues): RichDoc {
  if (!JSON.stringify(doc).includes('{{')) return doc;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node))
      out[k] = k === 'text' && typeof v === 'string' ? fillText(v, values) : walk(v);
    return out;
  };
  return walk(doc) as RichDoc;
}

/** Whether any text of a document holds a placeholder (the texts `fillDoc` fills), without copying it. */
export function docHasPlaceholders(doc: RichDoc): boolean {
  if (!JSON.stringify(doc).includes('{{')) return false;
  const walk = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(walk);
    if (node === null || typeof node !== 'object') return false;
    return Object.entries(node).some(([k, v]) =>
      k === 'text' && typeof v === 'string' ? hasPlaceholders(v) : walk(v),
    );
  };
  return walk(doc);
}

/** A recipient's values: their name, their copy's delivery day, the message's due day. */
export const recipientValues = (
  name: string,
  entry: { deliveredAt: number },
  message: { dueAt: number | null },
): PlaceholderValues => ({ name, deliveredAt: entry.deliveredAt, dueAt: message.dueAt });

// Issue 20 #8: the search box's operators (`from:张三 has:attachment before:2026-12-01 "weekly report"`). One parser,
// pure TypeScript: the server reads `q` with it (GET /mailbox, GET /sent, batch filters), so every client agrees, and
// the inbox's lazily loaded suggestions use it to know which operator is under the caret and to explain a bad value.

export const SEARCH_OPERATORS = ['from', 'to', 'has', 'is', 'before', 'after', 'tag'] as const;
export type SearchOperator = (typeof SEARCH_OPERATORS)[number];
export const IS_VALUES = ['unread', 'read', 'starred', 'archived'] as const;
export type IsValue = (typeof IS_VALUES)[number];
export const HAS_VALUES = ['attachment'] as const;

/** One word of the box: `op:value`, `op:"a value"`, `"a phrase"` or a plain word; `start`/`end` index `q`. */
export interface SearchToken {
  /** A known operator, lower-cased; null for text (an unknown `x:y` is text, kept whole). */
  op: SearchOperator | null;
  /** Unquoted; empty while only `from:` is typed. */
  value: string;
  start: number;
  end: number;
}

const TOKEN = /(?:([a-z]+):)?(?:"([^"]*)"?|(\S+))?/iy;

/** The words of `q`, split on white space outside double quotes. */
export function searchTokens(q: string): SearchToken[] {
  const tokens: SearchToken[] = [];
  for (let i = 0; i < q.length;) {
    if (/\s/.test(q[i]!)) {
      i++;
      continue;
    }
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(q)!; // always matches at least the non-space character at i
    const name = m[1]?.toLowerCase();
    const op = (SEARCH_OPERATORS as readonly string[]).includes(name ?? '') ? (name as SearchOperator) : null;
    const value = op ? (m[2] ?? m[3] ?? '') : m[1] ? `${m[1]}:${m[2] ?? m[3] ?? ''}` : (m[2] ?? m[3] ?? '');
    tokens.push({ op, value: value.trim(), start: i, end: TOKEN.lastIndex });
    i = TOKEN.lastIndex;
  }
  return tokens;
}

/** A calendar day: `2026-12-01`, `2026/12/1` or `2026.12.1`; null when it is not a real date. */
export function parseDay(value: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day
    ? { year, month, day }
    : null;
}

/** A known operator with a value it cannot take (`before:2026-13-01`, `is:maybe`); the widget translates `op`. */
export interface SearchSyntaxError {
  op: 'before' | 'after' | 'is' | 'has';
  value: string;
}

/** What a value of `before:`/`after:`/`is:`/`has:` must look like, in English (the API's problem text). */
export const SYNTAX_HINTS: Record<SearchSyntaxError['op'], string> = {
  before: 'a date such as 2026-12-31',
  after: 'a date such as 2026-12-31',
  is: IS_VALUES.join(', '),
  has: HAS_VALUES.join(', '),
};

/** The values of `before:`, `after:`, `is:` and `has:` that cannot be read. Operators still empty are not errors. */
export function searchSyntaxErrors(tokens: readonly SearchToken[]): SearchSyntaxError[] {
  return tokens.flatMap(({ op, value }): SearchSyntaxError[] => {
    if (!value || !op) return [];
    if ((op === 'before' || op === 'after') && !parseDay(value)) return [{ op, value }];
    if (op === 'is' && !(IS_VALUES as readonly string[]).includes(value.toLowerCase())) return [{ op, value }];
    if (op === 'has' && !(HAS_VALUES as readonly string[]).includes(value.toLowerCase())) return [{ op, value }];
    return [];
  });
}

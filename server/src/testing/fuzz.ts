// Issue 22: the hostile requests the fuzz test sends, derived from the OpenAPI document.
import fc from 'fast-check';

type Schema = Record<string, any>;
export type Operation = { method: string; path: string; op: Schema };
export type FuzzRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  label: string;
};

/**
 * Text that has bent rules before: NUL, controls, unpaired surrogates, bidi overrides, combining marks, a 300 KB run.
 */
export const HOSTILE_TEXT = [
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[2J',
  '\ud800',
  '\udfff\ud800',
  '\u202etxt.exe',
  'e\u0301\u0301\u0301',
  '\r\n\r\n',
  '%00',
  '../../etc/passwd',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  "'; DROP TABLE members; --",
  '\\',
  '😀'.repeat(1000),
  'x'.repeat(300_000),
  '',
  ' ',
  '-1',
  '1e309',
  'null',
];

const resolve = (schema: Schema, doc: Schema): Schema => {
  if (schema?.$ref) return resolve(doc.components.schemas[String(schema.$ref).split('/').pop()!] ?? {}, doc);
  return schema ?? {};
};

/** A value that fits the schema's shape (types and enums, not every bound), as a start for mutations. */
export function plausible(schema: Schema, doc: Schema, depth = 0): unknown {
  const s = resolve(schema, doc);
  if (depth > 6) return null;
  const union = s.anyOf ?? s.oneOf;
  if (union?.length) return plausible(union[0], doc, depth + 1);
  if (s.enum?.length) return s.enum[0];
  if (s.const !== undefined) return s.const;
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries<Schema>(s.properties ?? {}).map(([k, v]) => [k, plausible(v, doc, depth + 1)]),
      );
    case 'array':
      return [plausible(s.items ?? {}, doc, depth + 1)];
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      return s.format === 'email' ? 'fuzz@example.com' : 'fuzz';
    default:
      return 'fuzz';
  }
}

/** Every string leaf of a JSON value replaced by `text`. */
const withText = (value: unknown, text: string): unknown => {
  if (typeof value === 'string') return text;
  if (Array.isArray(value)) return value.map((v) => withText(v, text));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withText(v, text)]));
  return value;
};

/** Percent-encoded; an unpaired surrogate becomes the bytes of one (invalid UTF-8), which is hostile too. */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
};

const nested = (depth: number) => `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;

/** How one request is bent; each is picked by fast-check from the seed, so a run is repeatable. */
const MUTATIONS = [
  'hostile-text',
  'malformed',
  'wrong-type',
  'unknown-field',
  'deep',
  'wrong-content-type',
  'huge',
  'no-body',
  'array',
] as const;

export function fuzzRequests(doc: Schema, ops: Operation[], perOperation: number, seed: number): FuzzRequest[] {
  const pick = fc.sample(
    fc.tuple(fc.constantFrom(...MUTATIONS), fc.constantFrom(...HOSTILE_TEXT), fc.integer({ min: 0, max: 1e9 })),
    { seed, numRuns: ops.length * perOperation },
  );
  return pick.map(([mutation, text, n], i) => {
    const { method, path, op } = ops[i % ops.length]!;
    const id = n % 3 === 0 ? enc(text.slice(0, 80)) || 'x' : `fuzz-${n}`;
    const params = (op.parameters ?? []) as Array<{ name: string; in: string; schema: Schema }>;
    const query = params
      .filter((p) => p.in === 'query')
      .map((p) => `${p.name}=${enc(n % 2 ? text.slice(0, 2000) : String(plausible(p.schema, doc)))}`)
      .join('&');
    const url = `${path.replace(/\{[^}]+\}/g, id)}${query ? `?${query}` : ''}`;
    const content = Object.keys(op.requestBody?.content ?? {});
    const headers: Record<string, string> = { 'content-type': content[0] ?? 'application/json' };
    const start = plausible(op.requestBody?.content?.['application/json']?.schema ?? {}, doc);
    let body: string | Uint8Array | undefined;
    switch (mutation) {
      case 'hostile-text':
        body = JSON.stringify(withText(start, text));
        break;
      case 'malformed':
        body = `{"${text.slice(0, 100)}":`;
        break;
      case 'wrong-type':
        body = JSON.stringify(
          typeof start === 'object' && start
            ? Object.fromEntries(Object.keys(start).map((k) => [k, n % 2 ? 12345 : { x: [] }]))
            : 42,
        );
        break;
      case 'unknown-field':
        body = JSON.stringify({ ...(start as object), ['__proto__x' + (n % 7)]: text.slice(0, 100) });
        break;
      case 'deep':
        body = nested(200 + (n % 50_000));
        break;
      case 'wrong-content-type':
        body = text.slice(0, 5000);
        headers['content-type'] = [
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
        ][n % 4]!;
        break;
      case 'huge':
        body = JSON.stringify(withText(start, 'y'.repeat(900_000)));
        break;
      case 'no-body':
        delete headers['content-type'];
        break;
      case 'array':
        body = JSON.stringify([start, start]);
        break;
    }
    if (method === 'GET' || method === 'DELETE') {
      body = undefined;
      delete headers['content-type'];
    }
    if (content[0] && !content.includes('application/json') && body !== undefined)
      body = new TextEncoder().encode(typeof body === 'string' ? body : '');
    return {
      method,
      url: `/api/v1${url.replace(/^\/api\/v1/, '')}`,
      headers,
      body,
      label: `${method} ${path} ${mutation}`,
    };
  });
}

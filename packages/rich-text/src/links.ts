// The server's check of a link when sent (R8): scheme, the organisation's block and allow lists, look-alike hosts,
// user names before `@`. Apart from hrefs.ts (what an editor and a renderer allow), so a browser bundle that only
// renders or edits carries none of it.
import { LINK_SCHEMES } from './hrefs.js';
import { toAscii, toUnicode } from './idna.js';
import type { LinkFlag } from './types.js';

/**
 * The organisation's link rules (settings): hosts refused outright, and, when non-empty, the only hosts not flagged.
 */
export type LinkPolicy = { blocklist: readonly string[]; allowlist: readonly string[] };

export type LinkErrorCode = 'link-scheme' | 'link-invalid' | 'link-blocked';
export type LinkCheck =
  | { ok: true; href: string; host: string | null; flag: LinkFlag | null }
  | { ok: false; code: LinkErrorCode; message: string };

const isIpHost = (host: string) => host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);

/** A policy entry as a comparable ASCII host: `*.example.com`, `.example.com`, `Example.COM.` → `example.com`. */
function policyHost(entry: string): string {
  const bare = entry
    .trim()
    .toLowerCase()
    .replace(/^\*?\./, '')
    .replace(/\.$/, '');
  return (isIpHost(bare) ? bare : toAscii(bare)) || bare;
}

/** Equal to an entry or a subdomain of one (IP addresses only match exactly). */
function matches(host: string, entries: readonly string[]): boolean {
  return entries.some((entry) => {
    const e = policyHost(entry);
    return e !== '' && (host === e || (!isIpHost(host) && host.endsWith(`.${e}`)));
  });
}

// Scripts a label's letters are sorted into; anything else (digits, `-`, Common, Inherited) is ignored.
const SCRIPTS: [string, RegExp][] = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Georgian',
  'Cherokee',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Bopomofo',
  'Arabic',
  'Hebrew',
  'Thai',
  'Devanagari',
].map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'u')]);
const OTHER_LETTER = /\p{L}/u;

/**
 * Mixes a CJK user may legitimately write (UTS #39 "Highly Restrictive"): Latin with Han and Japanese kana, Bopomofo or
 * Hangul.
 */
const ALLOWED_MIXES: ReadonlySet<string>[] = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];

// Cyrillic and Greek letters that look like Latin ones (а→a, с→c, ԁ→d, е→e, һ→h, і→i, ј→j, ӏ→l, о→o, р→p, ԛ→q, ѕ→s,
// ԝ→w, х→x, у→y; α→a, ϲ→c, ι→i, ϳ→j, κ→k, ν→v, ο→o, ρ→p, τ→t, υ→u, χ→x).
const CYRILLIC_LOOKALIKES = /^[асԁеһіјӏорԛѕԝху]+$/u;
const GREEK_LOOKALIKES = /^[αϲιϳκνορτυχ]+$/u;

function scriptsOf(label: string): Set<string> {
  const found = new Set<string>();
  for (const ch of label) {
    const script = SCRIPTS.find(([, re]) => re.test(ch));
    if (script) found.add(script[0]);
    else if (OTHER_LETTER.test(ch) && !/\p{Script=Common}|\p{Script=Inherited}/u.test(ch)) found.add('Other');
  }
  return found;
}

/**
 * The look-alike rule (R8). A host is flagged `lookalike` when one of its labels, decoded from punycode,
 * - mixes scripts (Latin+Cyrillic `pаypal`, Latin+Greek, Cyrillic+Greek, …; digits and `-` do not count), except the
 *   mixes CJK writing uses (Latin/Han/kana, Latin/Han/Bopomofo, Latin/Han/Hangul), or
 * - is wholly Cyrillic or wholly Greek and made only of letters that look like Latin ones (`аррӏе`), unless the
 *   top-level label is of that same script (`.рф`): there the letters are read as Cyrillic, as browsers do.
 * A purely Han label (`中文.com`, `例子.中国`) or a Latin one with accents (`café.fr`) is not flagged. ASCII-only
 * hosts are never look-alikes by this rule.
 */
export function isLookalikeHost(asciiHost: string): boolean {
  if (!/(^|\.)xn--/i.test(asciiHost)) return false;
  const labels = toUnicode(asciiHost).split('.').filter(Boolean);
  const tld = labels.at(-1) ?? '';
  const tldScripts = scriptsOf(tld);
  return labels.some((label, i) => {
    const scripts = scriptsOf(label);
    if (scripts.size > 1 && !ALLOWED_MIXES.some((mix) => [...scripts].every((s) => mix.has(s)))) return true;
    if (i === labels.length - 1) return false;
    const letters = label.replace(/[\d-]/g, '');
    if (scripts.has('Cyrillic') && CYRILLIC_LOOKALIKES.test(letters)) return !tldScripts.has('Cyrillic');
    if (scripts.has('Greek') && GREEK_LOOKALIKES.test(letters)) return !tldScripts.has('Greek');
    return false;
  });
}

/**
 * The hosts a link points at: the URL's host, or for `mailto:` the part after `@` of each address — in the path
 * and in the `to`, `cc` and `bcc` fields (`mailto:a@ok.com?cc=b@blocked.com` must not slip past the block list).
 */
function hostsOf(url: URL): string[] | null {
  if (url.protocol !== 'mailto:') return [url.hostname];
  const hosts: string[] = [];
  const fields = [...url.searchParams]
    .filter(([k]) => ['to', 'cc', 'bcc'].includes(k.toLowerCase()))
    .map(([, v]) => encodeURIComponent(v));
  for (const address of [url.pathname, ...fields].flatMap((part) => part.split(/,|%2C/i))) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(address).trim();
    } catch {
      return null;
    }
    if (decoded === '') continue;
    const at = decoded.lastIndexOf('@');
    if (at <= 0 || at === decoded.length - 1) return null;
    const host = toAscii(decoded.slice(at + 1).toLowerCase());
    if (!host) return null;
    hosts.push(host);
  }
  return hosts;
}

/**
 * Issue 22: `https://example.com@evil.example/` goes to evil.example — what stands before `@` is a user name that
 * reads like a host. Such a link is flagged `lookalike`; its host (checked and shown) is the real one.
 */
function hasUserinfo(url: URL, href: string): boolean {
  if (url.protocol === 'mailto:') return false;
  return url.username !== '' || url.password !== '' || /^[a-z][a-z\d+.-]*:\/*[^/?#]*@/i.test(href.trim());
}

/**
 * Checks one link against the rules of R8: only http, https and mailto (`link-scheme`), parsable with a host
 * (`link-invalid`; relative links too), not on the block list (`link-blocked`); then flags it `unlisted` (off a
 * non-empty allow list) or `lookalike` (see `isLookalikeHost`, and `hasUserinfo`). Hosts come out of WHATWG `URL`, so
 * already punycoded.
 */
export function checkLink(href: string, policy: LinkPolicy): LinkCheck {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return { ok: false, code: 'link-invalid', message: 'Not a valid absolute link' };
  }
  if (!LINK_SCHEMES.includes(url.protocol)) {
    return { ok: false, code: 'link-scheme', message: 'Only http, https and mailto links are allowed' };
  }
  const hosts = hostsOf(url);
  if (hosts === null || (url.protocol !== 'mailto:' && !hosts[0])) {
    return { ok: false, code: 'link-invalid', message: 'The link has no valid host' };
  }
  const normalised = hosts.map((h) => h.replace(/\.$/, ''));
  const blocked = normalised.find((h) => matches(h, policy.blocklist));
  if (blocked !== undefined) return { ok: false, code: 'link-blocked', message: `Links to ${blocked} are not allowed` };
  let flag: LinkFlag | null = null;
  if (hasUserinfo(url, href) || normalised.some((h) => !isIpHost(h) && isLookalikeHost(h))) flag = 'lookalike';
  else if (policy.allowlist.length > 0 && normalised.some((h) => !matches(h, policy.allowlist))) flag = 'unlisted';
  return { ok: true, href, host: normalised[0] ?? null, flag };
}

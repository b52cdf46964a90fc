// Where Herald's own outbound connections may go (webhook, SMS gateway, SMTP): public addresses only, unless the
// operator allows more with HERALD_OUTBOUND_ALLOW. Checked on the address actually connected to, after DNS, so a name
// that resolves to an internal address (or starts to, DNS rebinding) is refused too (docs/api.md, "Outbound requests").
import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { Agent } from 'undici';
import { undici } from './heavy-modules.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * What the operator allows besides public addresses: hosts (by the name typed in the settings) or address ranges,
 * each on any port or on one port only (`127.0.0.1:4000`).
 */
type AllowEntry = { host: string; port?: number } | { range: [Address, number]; port?: number };
export type OutboundAllowList = { entries: readonly AllowEntry[] };

const NOTHING: OutboundAllowList = { entries: [] };
let allowed: OutboundAllowList = NOTHING;
const dispatchers = new Map<number, Agent>();

/** A connection Herald refuses to open: the target is loopback, private, link-local, metadata … */
export class OutboundRefused extends Error {
  readonly code = 'EOUTBOUNDREFUSED';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} is at ${address}, which is not a public address (HERALD_OUTBOUND_ALLOW can allow it)`);
  }
}

/** `[::1]` → `::1`: URLs and the allow list write IPv6 addresses in brackets. */
const unbracket = (host: string) => host.replace(/^\[(.*)\]$/, '$1');

const HOST_NAME = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i;

/**
 * `127.0.0.1`, `127.0.0.1:4000`, `[::1]:8080`, `10.0.0.0/8`, `hooks.internal.example`, `smtp.corp.example:25` → the
 * allow list; throws on an entry that is none of these.
 */
export function parseOutboundAllowList(items: readonly string[]): OutboundAllowList {
  const entries: AllowEntry[] = [];
  for (const raw of items.map((e) => e.trim()).filter(Boolean)) {
    const withPort = /^\[(.+)\]:(\d{1,5})$/.exec(raw) ?? /^([^:/]+):(\d{1,5})$/.exec(raw);
    const entry = unbracket(withPort ? withPort[1]! : raw);
    const port = withPort ? Number(withPort[2]) : undefined;
    if (port !== undefined && (port < 1 || port > 65535)) throw new Error(`"${raw}" has no valid port`);
    const on = port === undefined ? {} : { port };
    if (entry.includes('/')) {
      if (!ipaddr.isValidCIDR(entry) || port !== undefined)
        throw new Error(`"${raw}" is not an address range such as 10.0.0.0/8`);
      entries.push({ range: ipaddr.parseCIDR(entry) });
    } else if (isIP(entry)) {
      const address = ipaddr.parse(entry);
      entries.push({ range: [address, address.kind() === 'ipv4' ? 32 : 128], ...on });
    } else if (HOST_NAME.test(entry)) {
      entries.push({ host: entry.toLowerCase().replace(/\.$/, ''), ...on });
    } else {
      throw new Error(`"${raw}" is not a host name, an address or an address range`);
    }
  }
  return { entries };
}

/** Sets the process-wide allow list (main.ts from the configuration; tests with loopback receivers). */
export function allowOutbound(list: OutboundAllowList): void {
  allowed = list;
  // Kept-alive connections were checked against the old list: none may outlive it.
  for (const d of dispatchers.values()) d.destroy().catch(() => {});
  dispatchers.clear();
}

/** The address as IPv4 when it is an IPv4-mapped IPv6 address (`::ffff:127.0.0.1` is loopback too). */
function plain(address: string): Address {
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
    ? (parsed as ipaddr.IPv6).toIPv4Address()
    : parsed;
}

// Ranges ipaddr.js still calls unicast: IPv4-compatible IPv6 (`::7f00:1` is 127.0.0.1 to some stacks) and the
// deprecated site-local fec0::/10.
const NOT_PUBLIC_V6 = ['::/96', 'fec0::/10'].map((c) => ipaddr.parseCIDR(c));

const isPublic = (ip: Address): boolean =>
  ip.range() === 'unicast' && !(ip.kind() === 'ipv6' && NOT_PUBLIC_V6.some(([range, bits]) => ip.match(range, bits)));

/**
 * Whether Herald may connect to `address` (on `port`) for `host`: a public unicast address, or one the operator allows.
 */
export function mayConnect(host: string, address: string, port?: number): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = plain(address);
  if (isPublic(ip)) return true;
  const name = host.toLowerCase().replace(/\.$/, '');
  return allowed.entries.some(
    (e) =>
      (e.port === undefined || e.port === port) &&
      ('host' in e ? e.host === name : e.range[0].kind() === ip.kind() && ip.match(e.range[0], e.range[1])),
  );
}

/** Refuses a host whose literal address may not be connected to on `port` (no DNS happens for those). */
export function assertLiteralAllowed(host: string, port?: number): void {
  const bare = unbracket(host);
  if (isIP(bare) && !mayConnect(bare, bare, port)) throw new OutboundRefused(bare, bare);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for net/tls.connect to `port` that answers only addresses Herald may connect to. */
export const guardedLookup =
  (port?: number) =>
  (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const usable = addresses.filter((a) => mayConnect(hostname, a.address, port));
      if (usable.length === 0)
        return callback(new OutboundRefused(hostname, addresses[0]?.address ?? 'no address'), []);
      if (options.all) return callback(null, usable);
      return callback(null, usable[0]!.address, usable[0]!.family);
    });
  };

/**
 * One address Herald may connect to for `host` on `port` (an address is checked as it is), for clients that resolve
 * first.
 */
export function resolveAllowed(host: string, port: number): Promise<string> {
  const bare = unbracket(host);
  if (isIP(bare)) {
    assertLiteralAllowed(bare, port);
    return Promise.resolve(bare);
  }
  return new Promise((resolve, reject) => {
    guardedLookup(port)(bare, { all: false }, (err, address) => (err ? reject(err) : resolve(address as string)));
  });
}

/** The HTTP dispatcher for webhook and SMS requests to `port`: every connection goes through `guardedLookup`. */
export function outboundDispatcher(port: number): Agent {
  let d = dispatchers.get(port);
  if (!d) dispatchers.set(port, (d = new (undici().Agent)({ connect: { lookup: guardedLookup(port) } })));
  return d;
}

/** The OutboundRefused somewhere in an error's `cause` chain (fetch wraps connection errors). */
export function refusedIn(err: unknown): OutboundRefused | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof OutboundRefused) return e;
  }
  return undefined;
}

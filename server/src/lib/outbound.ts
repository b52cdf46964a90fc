// Where Herald's own outbound connections may go (webhook, SMS gateway, SMTP): public addresses only, unless the
// operator allows more with HERALD_OUTBOUND_ALLOW. Checked on the address actually connected to, after DNS, so a name
// that resolves to an internal address (or starts to, DNS rebinding) is refused too (docs/api.md, "Outbound requests").
import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Hosts (by name, as typed in the settings) and address ranges the operator allows besides public addresses. */
export type OutboundAllowList = { hosts: ReadonlySet<string>; ranges: ReadonlyArray<[Address, number]> };

const NOTHING: OutboundAllowList = { hosts: new Set(), ranges: [] };
let allowed: OutboundAllowList = NOTHING;
let dispatcher: Agent | undefined;

/** A connection Herald refuses to open: the target is loopback, private, link-local, metadata … */
export class OutboundRefused extends Error {
  readonly code = 'EOUTBOUNDREFUSED';
  constructor(readonly host: string, readonly address: string) {
    super(`${host} is at ${address}, which is not a public address (HERALD_OUTBOUND_ALLOW can allow it)`);
  }
}

/**
 * `127.0.0.1`, `10.0.0.0/8`, `::1`, `hooks.internal.example` → the allow list; throws on an entry that is neither an
 * address, a range nor a host name.
 */
export function parseOutboundAllowList(entries: readonly string[]): OutboundAllowList {
  const hosts = new Set<string>();
  const ranges: Array<[Address, number]> = [];
  for (const raw of entries.map((e) => e.trim()).filter(Boolean)) {
    const entry = raw.replace(/^\[(.*)\]$/, '$1');
    if (entry.includes('/')) {
      if (!ipaddr.isValidCIDR(entry)) throw new Error(`"${raw}" is not an address range such as 10.0.0.0/8`);
      ranges.push(ipaddr.parseCIDR(entry));
    } else if (ipaddr.isValid(entry) && isIP(entry)) {
      const address = ipaddr.parse(entry);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(entry)) {
      hosts.add(entry.toLowerCase());
    } else {
      throw new Error(`"${raw}" is not a host name, an address or an address range`);
    }
  }
  return { hosts, ranges };
}

/** Sets the process-wide allow list (main.ts from the configuration; tests with loopback receivers). */
export function allowOutbound(list: OutboundAllowList): void {
  allowed = list;
  // Kept-alive connections were checked against the old list: none may outlive it.
  dispatcher?.destroy().catch(() => {});
  dispatcher = undefined;
}

/** The address as IPv4 when it is an IPv4-mapped IPv6 address (`::ffff:127.0.0.1` is loopback too). */
function plain(address: string): Address {
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
}

/** Whether Herald may connect to `address` for `host`: a public unicast address, or one the operator allows. */
export function mayConnect(host: string, address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = plain(address);
  if (ip.range() === 'unicast') return true;
  if (allowed.hosts.has(host.toLowerCase().replace(/\.$/, ''))) return true;
  return allowed.ranges.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits));
}

const unbracket = (host: string) => host.replace(/^\[(.*)\]$/, '$1');

/** Refuses a URL or host whose literal address may not be connected to (no DNS happens for those). */
export function assertLiteralAllowed(host: string): void {
  const bare = unbracket(host);
  if (isIP(bare) && !mayConnect(bare, bare)) throw new OutboundRefused(bare, bare);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for net/tls.connect that answers only addresses Herald may connect to. */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const usable = addresses.filter((a) => mayConnect(hostname, a.address));
    if (usable.length === 0) return callback(new OutboundRefused(hostname, addresses[0]?.address ?? 'no address'), []);
    if (options.all) return callback(null, usable);
    return callback(null, usable[0]!.address, usable[0]!.family);
  });
}

/** One address Herald may connect to for `host` (an address is checked as it is), for clients that resolve first. */
export function resolveAllowed(host: string): Promise<string> {
  const bare = unbracket(host);
  if (isIP(bare)) {
    assertLiteralAllowed(bare);
    return Promise.resolve(bare);
  }
  return new Promise((resolve, reject) => {
    guardedLookup(bare, { all: false }, (err, address) => (err ? reject(err) : resolve(address as string)));
  });
}

/** The HTTP dispatcher for webhook and SMS requests: every connection goes through `guardedLookup`. */
export const outboundDispatcher = (): Agent => (dispatcher ??= new Agent({ connect: { lookup: guardedLookup } }));

/** The OutboundRefused somewhere in an error's `cause` chain (fetch wraps connection errors). */
export function refusedIn(err: unknown): OutboundRefused | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof OutboundRefused) return e;
  }
  return undefined;
}

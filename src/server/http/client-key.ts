/**
 * Whom the rate limit counts. Behind proxies the connection comes from the last proxy, which tells who it serves
 * in X-Forwarded-For (or RFC 7239 Forwarded). A client can write any entries there itself, so the chain is read
 * from the right: past the proxies the operator trusts (so many hops, or those in given address ranges), the
 * first address is the client's. What a client prepends lies further left, never read.
 */
import type { Context } from 'hono';

/** Trusted proxies in front: none, so many hops (true: one), or addresses and CIDR ranges (`10.0.0.0/8`, `::1`). */
export type TrustProxy = boolean | number | readonly string[];

export interface ClientKeyOptions {
  readonly trustProxy?: TrustProxy;
  /** Which header the proxies write: `x-forwarded-for` (default, nginx's `$proxy_add_x_forwarded_for`) or `forwarded`. */
  readonly proxyHeader?: 'x-forwarded-for' | 'forwarded';
  /** The peer's address where the runtime gives it another way (the edge's `CF-Connecting-IP`); default Node's socket. */
  readonly remoteAddress?: (c: Context) => string | null | undefined;
}

/**
 * An address as the limit counts it: IPv4 as it is (IPv4-mapped IPv6 too), IPv6 by its /64, the block one
 * subscriber gets, so rotating addresses inside it does not escape the limit.
 */
export function addressKey(address: string): string {
  const ip = bareAddress(address);
  if (!ip.includes(':')) return ip;
  return `${expandV6(ip)
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** `[v6]:port`, `v4:port` (some proxies forward the port), a zone id, IPv4-mapped IPv6: the address alone. */
function bareAddress(address: string): string {
  let ip = address.trim().toLowerCase().replace(/^"|"$/g, '');
  ip = (/^\[([^\]]+)\]/.exec(ip)?.[1] ?? ip).split('%')[0];
  return /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(ip)?.[1] ?? ip;
}

/** The eight groups of an IPv6 address. */
function expandV6(ip: string): string[] {
  const [head, tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  return tail === undefined
    ? left
    : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
}

/** An address as bits (32 for IPv4, 128 for IPv6), or null for what is no address. */
function bits(address: string): { value: bigint; width: number } | null {
  const ip = bareAddress(address);
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(ip)) {
    const parts = ip.split('.').map(Number);
    return parts.every((p) => p <= 255)
      ? { value: parts.reduce((n, p) => (n << 8n) | BigInt(p), 0n), width: 32 }
      : null;
  }
  const groups = expandV6(ip);
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return { value: groups.reduce((n, g) => (n << 16n) | BigInt(`0x${g}`), 0n), width: 128 };
}

/** A range's test: `10.0.0.0/8`, `2001:db8::/32`, or one address. Throws for what is neither, naming it. */
export function addressRange(range: string): (address: string) => boolean {
  const [base, prefix] = range.split('/');
  const net = bits(base);
  const length = prefix === undefined ? net?.width : Number(prefix);
  if (!net || length === undefined || !Number.isInteger(length) || length < 0 || length > net.width) {
    throw new RangeError(`"${range}" is not an address or a CIDR range (such as 10.0.0.0/8 or 2001:db8::/32).`);
  }
  const shift = BigInt(net.width - length);
  return (address) => {
    const a = bits(address);
    return a !== null && a.width === net.width && a.value >> shift === net.value >> shift;
  };
}

/** The addresses of a Forwarded header's `for=` elements, in order (RFC 7239). */
function forwardedFor(header: string): string[] {
  return header.split(',').map((element) => /(?:^|;)\s*for=("[^"]*"|[^;,\s]*)/i.exec(element)?.[1] ?? 'unknown');
}

/** The connection's own address on Node, or null where the runtime does not say. */
function socketAddress(c: Context): string | null {
  return (
    (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress ??
    null
  );
}

/** The rate limit's key of a request, given which proxies are trusted. */
export function clientKeyOf(options: ClientKeyOptions = {}): (c: Context) => string {
  const trust = options.trustProxy === true ? 1 : (options.trustProxy ?? false);
  const header = options.proxyHeader ?? 'x-forwarded-for';
  const ranges = Array.isArray(trust) ? trust.map(addressRange) : [];
  const trusted = (address: string, hop: number) =>
    typeof trust === 'number' ? hop < trust : ranges.some((inRange) => inRange(address));
  const peer = options.remoteAddress ?? socketAddress;
  return (c) => {
    const remote = peer(c) ?? 'unknown';
    if (trust === false || (typeof trust === 'number' && trust < 1)) return addressKey(remote);
    const written = c.req.header(header);
    const listed = !written
      ? []
      : header === 'forwarded'
        ? forwardedFor(written)
        : written.split(',').map((a) => a.trim());
    const chain = [...listed, remote];
    // From the right: the connection's peer is hop 0; each trusted one passes to the address before it.
    let i = chain.length - 1;
    for (let hop = 0; i > 0 && trusted(chain[i], hop); hop++) i--;
    return addressKey(chain[i]);
  };
}

/**
 * IPv4 address and CIDR arithmetic. Addresses are unsigned 32-bit numbers.
 */

export interface Cidr {
  /** Network address (host bits zeroed), as an unsigned 32-bit number. */
  readonly base: number;
  /** Prefix length, 0..32. */
  readonly prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses a dotted-quad address; undefined when it is not one. */
export function parseIp(text: string): number | undefined {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255 || (m[i]!.length > 1 && m[i]!.startsWith('0'))) return undefined;
    n = n * 256 + octet;
  }
  return n;
}

export function formatIp(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/**
 * Parses `a.b.c.d/n`. Host bits are zeroed, as EC2 does silently (`100.68.0.18/18` becomes
 * `100.68.0.0/18`, ec2-route53-acm.md §1.4). Undefined when the text is not a CIDR block.
 */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (ip === undefined || !/^\d{1,2}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > 32) return undefined;
  return { base: (ip & maskOf(prefix)) >>> 0, prefix };
}

export function formatCidr(c: Cidr): string {
  return `${formatIp(c.base)}/${c.prefix}`;
}

export function cidrSize(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

/** Last address of the block (the broadcast address). */
export function cidrLast(c: Cidr): number {
  return c.base + cidrSize(c) - 1;
}

export function cidrContainsIp(c: Cidr, ip: number): boolean {
  return ((ip & maskOf(c.prefix)) >>> 0) === c.base;
}

/** True when `inner` lies wholly inside `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && cidrContainsIp(outer, inner.base);
}

export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** Parses a CIDR text the caller already validated; throws on bad input (a programming error). */
export function cidr(text: string): Cidr {
  const c = parseCidr(text);
  if (!c) throw new Error(`not a CIDR block: ${text}`);
  return c;
}

/** Canonical text of a CIDR block (host bits zeroed). */
export function canonicalCidr(text: string): string | undefined {
  const c = parseCidr(text);
  return c && formatCidr(c);
}

/**
 * Address ranges for the IpAddress/NotIpAddress condition operators. IAM compares "a key to an
 * IPv4 or IPv6 address or range of IP addresses ... in the standard CIDR format (for example,
 * 203.0.113.0/24 or 2001:DB8:1234:5678::/64). If you specify an IP address without the
 * associated routing prefix, IAM uses the default prefix value of /32" (IAM User Guide, "IAM
 * JSON policy elements: Condition operators", IP address condition operators); for IPv6 the
 * full-length default is /128.
 *
 * IPv4 goes through kernel/cidr.ts. localvpc's networks are IPv4 only, but IPv6 ranges are
 * common in real resource policies next to IPv4 ones, so they are parsed and compared too
 * (an IPv4 address never falls in an IPv6 range and vice versa).
 */
import { isIPv6 } from 'node:net';
import { cidrContainsIp, parseCidr, parseIp, type Cidr } from '../kernel/cidr.js';

export type IpRange =
  | { readonly family: 4; readonly cidr: Cidr }
  | { readonly family: 6; readonly base: bigint; readonly prefix: number };

export type IpAddress = { readonly family: 4; readonly value: number } | { readonly family: 6; readonly value: bigint };

const V6_BITS = 128n;
const V6_ALL = (1n << V6_BITS) - 1n;

function v6Mask(prefix: number): bigint {
  return prefix === 0 ? 0n : (V6_ALL << (V6_BITS - BigInt(prefix))) & V6_ALL;
}

/** Parses an IPv6 address (no zone index) into a 128-bit number. */
function parseIpv6(text: string): bigint | undefined {
  if (!isIPv6(text) || text.includes('%')) return undefined;
  let s = text;
  // A trailing dotted quad stands for the last two groups (`::ffff:10.0.0.1`).
  const lastColon = s.lastIndexOf(':');
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIp(tail);
    if (v4 === undefined) return undefined;
    s = `${s.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const fill = halves.length === 2 ? 8 - head.length - rest.length : 0;
  if (fill < 0 || (halves.length === 1 && head.length !== 8)) return undefined;
  const groups = [...head, ...Array<string>(fill).fill('0'), ...rest];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return n;
}

/** Parses a request-side address; IPv4-mapped IPv6 (`::ffff:a.b.c.d`, as dual-stack sockets report) counts as IPv4. */
export function parseAddress(text: string): IpAddress | undefined {
  const v4 = parseIp(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = parseIpv6(text);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return { family: 4, value: Number(v6 & 0xffffffffn) };
  return { family: 6, value: v6 };
}

/** Parses a policy-side address or CIDR block; a bare address is /32 (IPv4) or /128 (IPv6). */
export function parseRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1);
  if (parseIp(addressText) !== undefined) {
    const cidr = parseCidr(prefixText === undefined ? `${addressText}/32` : text);
    return cidr && { family: 4, cidr };
  }
  const v6 = parseIpv6(addressText);
  if (v6 === undefined) return undefined;
  let prefix = 128;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > 128) return undefined;
    prefix = Number(prefixText);
  }
  return { family: 6, base: v6 & v6Mask(prefix), prefix };
}

export function rangeContains(range: IpRange, address: IpAddress): boolean {
  if (range.family === 4) return address.family === 4 && cidrContainsIp(range.cidr, address.value);
  return address.family === 6 && (address.value & v6Mask(range.prefix)) === range.base;
}

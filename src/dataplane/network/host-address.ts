/**
 * Host addresses: where an AWS-style address lives on this machine (DESIGN.md, network model).
 *
 * Every network (a VPC CIDR block, a VPN customer network) is a wire, the loopback /16
 * `127.W.0.0/16`. A VPC CIDR block is at most /16, so an address inside it maps onto its wire by
 * its low 16 bits: `10.0.1.23` in a block on wire 5 is `127.5.1.23`. The internet is `127.0.0.1`.
 *
 * Customer networks behind a VPN may be larger than /16 or made of several ranges; their
 * addresses map the same way, so two of their addresses that share the low 16 bits share a host
 * address (the reverse mapping then picks the first range).
 *
 * Not Linux (no 127/8 aliases): every wire collapses onto 127.0.0.1 with recorded ports
 * (DESIGN.md). That mode swaps this module's mapping, which is why nothing else computes host
 * addresses by hand.
 */
import { cidrContainsIp, formatIp, parseIp, type Cidr } from '../../kernel/cidr.js';

/** The internet's host address: connections from it carry this source address. */
export const INTERNET_HOST_ADDRESS = '127.0.0.1';

/** A network carried by a wire. */
export interface WireBlock {
  readonly network: Cidr;
  readonly wire: number;
}

/** `hostAddressOnWire` maps an address onto a wire by its low 16 bits. */
export function hostAddressOnWire(ip: number | string, wire: number): string {
  const n = typeof ip === 'number' ? ip : parseIp(ip);
  if (n === undefined) throw new Error(`not an IPv4 address: ${String(ip)}`);
  if (!Number.isInteger(wire) || wire < 1 || wire > 254) throw new Error(`not a wire: ${wire}`);
  return `127.${wire}.${(n >>> 8) & 255}.${n & 255}`;
}

/** `hostAddressFor` maps an address onto the wire of the first block that contains it. */
export function hostAddressFor(blocks: readonly WireBlock[], ip: number | string): string | undefined {
  const n = typeof ip === 'number' ? ip : parseIp(ip);
  if (n === undefined) return undefined;
  const block = blocks.find((b) => cidrContainsIp(b.network, n));
  return block && hostAddressOnWire(n, block.wire);
}

/** `parseHostAddress` splits `127.W.x.y` into its wire and low 16 bits; undefined off the wires. */
export function parseHostAddress(hostAddress: string): { wire: number; low16: number } | undefined {
  const n = parseIp(hostAddress);
  if (n === undefined || n >>> 24 !== 127) return undefined;
  const wire = (n >>> 16) & 255;
  if (wire < 1 || wire > 254) return undefined;
  return { wire, low16: n & 0xffff };
}

/**
 * `awsIpFor` maps a host address back to the AWS-style address it stands for, given the blocks
 * that could own it. Undefined for `127.0.0.1` (the internet) and for addresses on no known wire.
 */
export function awsIpFor(blocks: readonly WireBlock[], hostAddress: string): string | undefined {
  const parsed = parseHostAddress(hostAddress);
  if (!parsed) return undefined;
  for (const block of blocks) {
    if (block.wire !== parsed.wire) continue;
    const ip = ((block.network.base & 0xffff0000) | parsed.low16) >>> 0;
    if (cidrContainsIp(block.network, ip)) return formatIp(ip);
  }
  return undefined;
}

/**
 * `isHostServiceAddress`: an address of this machine's own services, off the wires
 * (127.0.0.0/16: the internet's host, where loopback host services registered as `ip` targets
 * with zone `all` listen, DESIGN.md). No route or security group stands in front of them.
 */
export function isHostServiceAddress(ip: string): boolean {
  return ip.startsWith('127.') && parseHostAddress(ip) === undefined;
}

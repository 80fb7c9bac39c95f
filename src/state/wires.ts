import { AwsError } from '../kernel/errors.js';
import type { RecordReader } from './store.js';
import { KIND, type Vpc, type VpnConnection } from './records/ec2.js';

/**
 * Wires are the loopback /16 networks `127.W.0.0/16` that carry one VPC CIDR block or one VPN
 * customer network each (DESIGN.md, network model). W runs from 1 to 254; the internet is
 * `127.0.0.1` and is not a wire.
 */
export const FIRST_WIRE = 1;
export const LAST_WIRE = 254;

/** Wires in use by VPC CIDR blocks and VPN customer networks. */
export function wiresInUse(reader: RecordReader): Set<number> {
  const used = new Set<number>();
  for (const vpc of reader.list<Vpc>(KIND.vpc)) for (const b of vpc.cidrBlocks) used.add(b.wire);
  for (const vpn of reader.list<VpnConnection>(KIND.vpnConnection)) if (vpn.state !== 'deleted') used.add(vpn.wire);
  return used;
}

/**
 * The lowest free wire. `alsoTaken` holds wires allocated earlier in the same transaction.
 * Out of wires answers as AWS answers a VPC limit (VpcLimitExceeded), with the real reason.
 */
export function allocateWire(reader: RecordReader, alsoTaken: Iterable<number> = []): number {
  const used = wiresInUse(reader);
  for (const w of alsoTaken) used.add(w);
  for (let w = FIRST_WIRE; w <= LAST_WIRE; w++) if (!used.has(w)) return w;
  throw new AwsError('VpcLimitExceeded', `localvpc has no free loopback wire: at most ${LAST_WIRE - FIRST_WIRE + 1} VPC CIDR blocks and VPN customer networks can exist at once.`);
}

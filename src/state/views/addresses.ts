/**
 * Private IPv4 addresses inside a subnet: which are reserved, which are held by network
 * interfaces, and which one a new interface gets. Pure functions over a RecordReader (the store
 * or a transaction), shared by every service that places an ENI in a subnet (EC2 instances and
 * CreateNetworkInterface, load balancer nodes, interface VPC endpoints).
 *
 * AWS reserves five addresses of every subnet: the network address, +1 (VPC router), +2 (Amazon
 * DNS), +3 (future use) and the broadcast address (ec2-route53-acm.md §1.5, subnet-sizing.html).
 * Every other address is usable once; an ENI's primary address holds it.
 */
import { AwsError } from '../../kernel/errors.js';
import { cidr, cidrContainsIp, cidrLast, cidrSize, formatIp, parseIp } from '../../kernel/cidr.js';
import type { RecordReader } from '../store.js';
import { KIND, type NetworkInterface, type Subnet } from '../records/ec2.js';

/** Addresses reserved at the start of every subnet: network, router, DNS, future use. */
export const RESERVED_AT_START = 4;
/** Reserved addresses per subnet in all: the four at the start plus the broadcast address. */
export const RESERVED_PER_SUBNET = RESERVED_AT_START + 1;

/** What the allocator needs to know of a subnet. */
export type SubnetRange = Pick<Subnet, 'id' | 'cidrBlock'>;

/** True when `ip` is one of the five addresses AWS reserves in `subnetCidr`. */
export function isReservedAddress(subnetCidr: string, ip: number): boolean {
  const c = cidr(subnetCidr);
  return ip < c.base + RESERVED_AT_START || ip === cidrLast(c);
}

/** Primary addresses of the network interfaces in the subnet, as numbers. */
export function addressesInUse(reader: RecordReader, subnetId: string): Set<number> {
  const used = new Set<number>();
  for (const eni of reader.list<NetworkInterface>(KIND.networkInterface, (n) => n.subnetId === subnetId)) {
    const n = parseIp(eni.privateIpAddress);
    if (n !== undefined) used.add(n);
  }
  return used;
}

/**
 * `AvailableIpAddressCount` of a subnet: its size less the five reserved addresses and every
 * address an ENI holds (ec2-route53-acm.md §1.5: /24 → 251, /28 → 11).
 */
export function availableAddressCount(reader: RecordReader, subnet: SubnetRange): number {
  const c = cidr(subnet.cidrBlock);
  let used = 0;
  for (const ip of addressesInUse(reader, subnet.id)) if (cidrContainsIp(c, ip) && !isReservedAddress(subnet.cidrBlock, ip)) used++;
  return Math.max(0, cidrSize(c) - RESERVED_PER_SUBNET - used);
}

/**
 * A private address for a new interface in `subnet`: `requested` when it is usable, otherwise
 * the lowest free address. `alsoTaken` holds addresses the caller has handed out in its own
 * transaction but not yet written as ENI records (several load balancer nodes, several
 * instances of one RunInstances call, ...).
 *
 * Errors, as EC2 words them:
 * - not an IPv4 address, outside the subnet, or reserved → `InvalidParameterValue`
 *   (`Address 172.31.32.2 does not fall within the subnet's address range`, observed on AWS);
 * - held by another interface → `InvalidIPAddress.InUse` `Address 10.0.1.5 is in use.`
 *   (observed: aws/aws-cli#7178, kelseyhightower/kubernetes-the-hard-way#129);
 * - nothing free → `InsufficientFreeAddressesInSubnet` `The specified subnet does not have
 *   enough free addresses to satisfy the request.` (observed: aws/amazon-vpc-cni-k8s#1773).
 */
export function allocatePrivateIp(reader: RecordReader, subnet: SubnetRange, requested?: string, alsoTaken: Iterable<string> = []): string {
  const c = cidr(subnet.cidrBlock);
  const used = addressesInUse(reader, subnet.id);
  for (const text of alsoTaken) {
    const n = parseIp(text);
    if (n !== undefined) used.add(n);
  }
  if (requested !== undefined) {
    const ip = parseIp(requested);
    if (ip === undefined) throw new AwsError('InvalidParameterValue', `Value (${requested}) for parameter privateIpAddress is invalid. This is not a valid IPv4 address.`);
    if (!cidrContainsIp(c, ip)) throw new AwsError('InvalidParameterValue', `Address ${requested} does not fall within the subnet's address range`);
    // The wording of the reserved-address refusal is inferred; the code is AWS's.
    if (isReservedAddress(subnet.cidrBlock, ip)) throw new AwsError('InvalidParameterValue', `Address ${requested} is in subnet's reserved address range`);
    if (used.has(ip)) throw new AwsError('InvalidIPAddress.InUse', `Address ${requested} is in use.`);
    return formatIp(ip);
  }
  const last = cidrLast(c);
  for (let ip = c.base + RESERVED_AT_START; ip < last; ip++) {
    if (!used.has(ip)) return formatIp(ip);
  }
  throw new AwsError('InsufficientFreeAddressesInSubnet', 'The specified subnet does not have enough free addresses to satisfy the request.');
}

/**
 * The private DNS name of an address: `ip-10-0-1-5.ec2.internal` in us-east-1,
 * `ip-10-0-1-5.<region>.compute.internal` elsewhere (ec2-route53-acm.md §1.9,
 * ec2-instance-naming.html).
 */
export function privateDnsName(ip: string, region: string): string {
  const host = `ip-${ip.replace(/\./g, '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}

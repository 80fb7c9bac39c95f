/**
 * Vantages: where `localvpc exec --from <vantage>` and `localvpc proxy --from <vantage>` stand
 * (DESIGN.md, external contract). A vantage is `internet` (the default), a VPC id, a subnet id,
 * an instance id or a VPN connection id, and resolves to an Endpoint of reachability.ts.
 *
 * - `vpc-…`: a host in the VPC's first subnet (by creation time), see `subnet-…`.
 * - `subnet-…`: a host at the subnet's last usable address (broadcast − 1; the broadcast
 *   address itself is reserved, ec2-route53-acm.md §1.5). It is not an ENI: no security groups,
 *   so no egress rules, and no group reference can match it.
 * - `i-…`: the instance's primary ENI, with its address and security groups; the instance must
 *   be `running`.
 * - `vpn-…`: a host in the customer network: base + 10 of the connection's first static route.
 */
import { cidrLast, cidrSize, formatIp, parseCidr } from '../../kernel/cidr.js';
import type { Endpoint } from './reachability.js';
import type { NetworkSnapshot, SubnetEntry } from './snapshot.js';

export const INTERNET_VANTAGE = 'internet';

export type VantageErrorCode = 'unknown-vantage' | 'vantage-unavailable';

/**
 * A vantage that cannot be used: `unknown-vantage` when the text names nothing that exists,
 * `vantage-unavailable` when it exists but cannot host a connection now (stopped instance,
 * VPC without subnets, VPN without routes).
 */
export class VantageError extends Error {
  constructor(
    readonly code: VantageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'VantageError';
  }
}

/** `resolveVantage` turns a vantage string into an Endpoint, or throws VantageError. */
export function resolveVantage(snapshot: NetworkSnapshot, vantage: string | undefined): Endpoint {
  const v = (vantage ?? '').trim();
  if (v === '' || v === INTERNET_VANTAGE) return { kind: 'internet' };
  if (v.startsWith('vpc-')) {
    const vpc = snapshot.vpcs.get(v);
    if (!vpc) throw unknown(`${v} does not exist`);
    const subnet = vpc.subnetIds.map((id) => snapshot.subnets.get(id)).find((s) => s !== undefined);
    if (!subnet) throw new VantageError('vantage-unavailable', `${v} has no subnets; a host in it needs one`);
    return subnetHost(subnet);
  }
  if (v.startsWith('subnet-')) {
    const subnet = snapshot.subnets.get(v);
    if (!subnet) throw unknown(`${v} does not exist`);
    return subnetHost(subnet);
  }
  if (v.startsWith('i-')) {
    const instance = snapshot.instances.get(v);
    if (!instance) throw unknown(`${v} does not exist`);
    if (instance.state !== 'running') throw new VantageError('vantage-unavailable', `instance ${v} is ${instance.state}; a vantage needs a running instance`);
    const eni = instance.primaryNetworkInterfaceId ? snapshot.networkInterfaces.get(instance.primaryNetworkInterfaceId) : undefined;
    return {
      kind: 'vpc',
      vpcId: instance.vpcId,
      subnetId: eni?.subnetId ?? instance.subnetId,
      ip: eni?.privateIpAddress ?? instance.privateIpAddress,
      securityGroupIds: eni?.securityGroupIds ?? [],
      networkInterfaceId: eni?.id,
      instanceId: instance.id,
    };
  }
  if (v.startsWith('vpn-')) {
    const vpn = snapshot.vpnConnections.get(v);
    if (!vpn) throw unknown(`${v} does not exist`);
    const first = vpn.customerCidrs[0] && parseCidr(vpn.customerCidrs[0]);
    if (!first) throw new VantageError('vantage-unavailable', `${v} has no static routes; a host in its customer network needs one (CreateVpnConnectionRoute)`);
    const offset = cidrSize(first) > 12 ? 10 : Math.min(1, cidrSize(first) - 1);
    return { kind: 'customer-network', vpnConnectionId: vpn.id, ip: formatIp(first.base + offset) };
  }
  throw unknown(`unknown vantage '${v}'`);
}

function subnetHost(subnet: SubnetEntry): Endpoint {
  const last = cidrLast(subnet.network);
  const ip = cidrSize(subnet.network) > 2 ? last - 1 : last;
  return { kind: 'vpc', vpcId: subnet.vpcId, subnetId: subnet.id, ip: formatIp(ip), securityGroupIds: undefined, networkInterfaceId: undefined, instanceId: undefined };
}

function unknown(what: string): VantageError {
  return new VantageError('unknown-vantage', `${what}: a vantage is 'internet', a VPC id (vpc-…), a subnet id (subnet-…), an instance id (i-…) or a VPN connection id (vpn-…)`);
}

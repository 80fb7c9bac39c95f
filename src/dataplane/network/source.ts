/**
 * `endpointOfHostAddress`: who is calling, from the source address of a connection a localvpc
 * listener accepted (DESIGN.md, network model: "A connection's source address tells where it
 * comes from; 127.0.0.1 is the internet").
 *
 * - `127.0.0.1` (and any address off the wires) is the internet;
 * - an address on a VPC's wire is the ENI holding the AWS-style address it maps back to (with
 *   its security groups and instance), or else a bare host in the subnet containing it (what
 *   `--from vpc-…`/`--from subnet-…` vantages bind);
 * - an address on a VPN wire is a host in that customer network.
 */
import { cidrContainsIp, parseIp } from '../../kernel/cidr.js';
import { addressKey } from './compile.js';
import { awsIpFor, parseHostAddress } from './host-address.js';
import type { Endpoint } from './reachability.js';
import type { NetworkSnapshot } from './snapshot.js';

export function endpointOfHostAddress(snapshot: NetworkSnapshot, hostAddress: string | undefined): Endpoint {
  const address = hostAddress?.startsWith('::ffff:') ? hostAddress.slice(7) : hostAddress;
  const parsed = address ? parseHostAddress(address) : undefined;
  if (!address || !parsed) return { kind: 'internet' };
  for (const vpc of snapshot.vpcs.values()) {
    const ip = awsIpFor(vpc.blocks, address);
    if (ip === undefined) continue;
    const eni = snapshot.interfacesByAddress.get(addressKey(vpc.id, ip));
    if (eni) return { kind: 'vpc', vpcId: vpc.id, subnetId: eni.subnetId, ip, securityGroupIds: eni.securityGroupIds, networkInterfaceId: eni.id, instanceId: eni.instanceId };
    const n = parseIp(ip)!;
    const subnetId = vpc.subnetIds.find((id) => {
      const s = snapshot.subnets.get(id);
      return s !== undefined && cidrContainsIp(s.network, n);
    });
    if (subnetId) return { kind: 'vpc', vpcId: vpc.id, subnetId, ip, securityGroupIds: undefined, networkInterfaceId: undefined, instanceId: undefined };
  }
  for (const vpn of snapshot.vpnConnections.values()) {
    if (vpn.wire !== parsed.wire) continue;
    const ip = awsIpFor(vpn.customerNetworks.map((network) => ({ network, wire: vpn.wire })), address);
    if (ip !== undefined) return { kind: 'customer-network', vpnConnectionId: vpn.id, ip };
  }
  return { kind: 'internet' };
}

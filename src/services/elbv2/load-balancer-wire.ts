/**
 * The `LoadBalancer` output structure (elbv2-vpc-endpoints.md §1.3), by model member names.
 */
import type { LoadBalancer } from '../../state/records/elbv2.js';

export function loadBalancerToWire(lb: LoadBalancer, state: LoadBalancer['state'] = lb.state): Record<string, unknown> {
  return {
    LoadBalancerArn: lb.id,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: lb.canonicalHostedZoneId,
    CreatedTime: lb.createdAt,
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: lb.vpcId,
    State: { Code: state },
    Type: lb.type,
    AvailabilityZones: lb.zones.map((z) => ({
      ZoneName: z.zoneName,
      SubnetId: z.subnetId,
      // NLBs list their node address per zone; ALBs list none (§1.3).
      LoadBalancerAddresses: lb.type === 'network' ? [{ PrivateIPv4Address: z.privateIpAddress }] : [],
    })),
    // An NLB created without security groups has none (§1.3).
    SecurityGroups: [...lb.securityGroups],
    IpAddressType: lb.ipAddressType,
  };
}

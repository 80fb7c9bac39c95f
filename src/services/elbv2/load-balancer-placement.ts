/**
 * Where a new load balancer lives: its subnets (one per Availability Zone, all in one VPC) and
 * its security groups (elbv2-vpc-endpoints.md §1.3).
 */
import type { RecordReader } from '../../state/store.js';
import { KIND, type SecurityGroup, type Subnet } from '../../state/records/ec2.js';
import type { LoadBalancerScheme, LoadBalancerType } from '../../state/records/elbv2.js';
import { AwsError } from '../../kernel/errors.js';
import { invalidConfiguration, rejectUnsupportedMember, validationError } from './common/errors.js';
import type { NodePlacement } from './load-balancer-nodes.js';

export interface SubnetMappingInput {
  SubnetId?: string;
  PrivateIPv4Address?: string;
  AllocationId?: string;
  IPv6Address?: string;
}

/**
 * Resolves `Subnets` or `SubnetMappings` (exactly one of them) into node placements. Errors:
 * unknown subnet → `SubnetNotFound` (wording [infer]); two subnets in one zone or in different
 * VPCs → `InvalidConfigurationRequest` ([infer] wording); an ALB needs two zones, an NLB one (§1.3).
 */
export function resolveSubnets(reader: RecordReader, region: string, type: LoadBalancerType, scheme: LoadBalancerScheme, subnets: readonly string[] | undefined, mappings: readonly SubnetMappingInput[] | undefined): NodePlacement[] {
  const hasSubnets = (subnets?.length ?? 0) > 0;
  const hasMappings = (mappings?.length ?? 0) > 0;
  if (hasSubnets && hasMappings) throw validationError('You can specify subnets or subnet mappings, not both');
  if (!hasSubnets && !hasMappings) throw validationError('At least one subnet must be specified');
  const wanted: SubnetMappingInput[] = hasSubnets ? subnets!.map((SubnetId) => ({ SubnetId })) : [...mappings!];
  const placements: NodePlacement[] = [];
  for (const m of wanted) {
    rejectUnsupportedMember('CreateLoadBalancer', 'SubnetMappings', m as Record<string, unknown>, ['SubnetId', 'PrivateIPv4Address']);
    const subnet = m.SubnetId ? reader.get<Subnet>(KIND.subnet, m.SubnetId) : undefined;
    if (!subnet || subnet.region !== region) throw new AwsError('SubnetNotFound', `The subnet ID '${m.SubnetId ?? ''}' is not valid`);
    // A pinned private address is for internal NLBs only (§1.3).
    if (m.PrivateIPv4Address !== undefined && (type !== 'network' || scheme !== 'internal')) {
      throw invalidConfiguration('Private IPv4 addresses can only be specified for internal Network Load Balancers');
    }
    placements.push({ subnet, privateIp: m.PrivateIPv4Address });
  }
  const vpcs = new Set(placements.map((p) => p.subnet.vpcId));
  if (vpcs.size > 1) throw invalidConfiguration('All subnets must belong to the same VPC');
  const zones = new Set<string>();
  for (const p of placements) {
    if (zones.has(p.subnet.availabilityZone)) throw invalidConfiguration('A load balancer cannot be attached to multiple subnets in the same Availability Zone');
    zones.add(p.subnet.availabilityZone);
  }
  // An ALB needs subnets in at least two Availability Zones (§1.3; checklist 5).
  if (type === 'application' && zones.size < 2) throw validationError('At least two subnets in two different Availability Zones must be specified');
  return placements;
}

/**
 * Security groups: each must exist in the load balancer's VPC (`InvalidSecurityGroup`, wording
 * [infer]). An ALB without any gets its VPC's default group ([infer] in §1.3); an NLB without
 * any has none.
 */
export function resolveSecurityGroups(reader: RecordReader, region: string, type: LoadBalancerType, vpcId: string, groups: readonly string[] | undefined): string[] {
  if (!groups || groups.length === 0) {
    if (type === 'network') return [];
    const def = reader.list<SecurityGroup>(KIND.securityGroup, (g) => g.region === region && g.vpcId === vpcId && g.groupName === 'default')[0];
    return def ? [def.id] : [];
  }
  for (const id of groups) {
    const g = reader.get<SecurityGroup>(KIND.securityGroup, id);
    if (!g || g.region !== region || g.vpcId !== vpcId) throw new AwsError('InvalidSecurityGroup', `Security group '${id}' does not exist in VPC '${vpcId}'`);
  }
  return [...new Set(groups)];
}

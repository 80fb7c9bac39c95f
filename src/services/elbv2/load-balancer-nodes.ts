/**
 * Load balancer nodes: one requester-managed ENI per enabled subnet, written in the load
 * balancer's own transaction and deleted with it (elbv2-vpc-endpoints.md §1.2, §8.5).
 * NLB nodes have InterfaceType `network_load_balancer`, ALB nodes `interface`; both carry
 * the description `ELB net/NAME/ID16` / `ELB app/NAME/ID16` and requester `amazon-elb`.
 */
import { randomBytes } from 'node:crypto';
import type { OperationContext } from '../context.js';
import type { Tx } from '../../state/store.js';
import { KIND, type NetworkInterface, type Subnet } from '../../state/records/ec2.js';
import type { LoadBalancerType, LoadBalancerZone } from '../../state/records/elbv2.js';
import { allocatePrivateIp } from '../../state/views/addresses.js';
import { ec2Id } from '../../kernel/ids.js';
import { loadBalancerResourceSuffix } from './common/arns.js';

export interface NodePlacement {
  readonly subnet: Subnet;
  /** A pinned private address (NLB SubnetMapping.PrivateIPv4Address, internal only). */
  readonly privateIp?: string;
}

function macAddress(): string {
  return ['02', ...[...randomBytes(5)].map((b) => b.toString(16).padStart(2, '0'))].join(':');
}

/** Writes one node ENI per placement and returns the zones the load balancer records. */
export function createNodes(tx: Tx, ctx: OperationContext, lb: { arn: string; type: LoadBalancerType; securityGroups: readonly string[] }, placements: readonly NodePlacement[]): LoadBalancerZone[] {
  const now = ctx.clock.now().toISOString();
  const zones: LoadBalancerZone[] = [];
  for (const { subnet, privateIp } of placements) {
    const eni: NetworkInterface = {
      id: ec2Id('eni'),
      region: ctx.region,
      ownerId: ctx.accountId,
      tags: [],
      createdAt: now,
      subnetId: subnet.id,
      vpcId: subnet.vpcId,
      availabilityZone: subnet.availabilityZone,
      privateIpAddress: allocatePrivateIp(tx, subnet, privateIp),
      macAddress: macAddress(),
      description: `ELB ${loadBalancerResourceSuffix(lb.arn)}`,
      interfaceType: lb.type === 'network' ? 'network_load_balancer' : 'interface',
      requesterManaged: true,
      requesterId: 'amazon-elb',
      groups: [...lb.securityGroups],
      status: 'in-use',
      sourceDestCheck: true,
      attachment: { attachmentId: ec2Id('ela-attach'), instanceOwnerId: 'amazon-elb', deviceIndex: 1, status: 'attached', deleteOnTermination: false, attachTime: now },
    };
    tx.put(KIND.networkInterface, eni);
    zones.push({ zoneName: subnet.availabilityZone, subnetId: subnet.id, networkInterfaceId: eni.id, privateIpAddress: eni.privateIpAddress });
  }
  return zones;
}

export function deleteNodes(tx: Tx, zones: readonly LoadBalancerZone[]): void {
  for (const z of zones) tx.delete(KIND.networkInterface, z.networkInterfaceId);
}

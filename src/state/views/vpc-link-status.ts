/**
 * A v1 VPC link's status, computed at read time from the ELBv2 records (apigateway-rest.md §1.9):
 * PENDING while the target NLB is provisioning, AVAILABLE once it is active, FAILED with a
 * `statusMessage` when the target is not an NLB of this region. AWS's FAILED messages for these
 * cases are not recorded; the wording below is inferred. [inf]
 */
import type { RecordReader } from '../store.js';
import { ELBV2_KIND, type LoadBalancer } from '../records/elbv2.js';
import type { VpcLink } from '../records/apigateway.js';

export interface VpcLinkStatus {
  readonly status: 'PENDING' | 'AVAILABLE' | 'FAILED';
  readonly statusMessage?: string;
}

export function vpcLinkStatus(reader: RecordReader, link: VpcLink): VpcLinkStatus {
  const arn = link.targetArns[0]!;
  const lb = reader.get<LoadBalancer>(ELBV2_KIND.loadBalancer, arn);
  if (!lb || lb.region !== link.region) return { status: 'FAILED', statusMessage: `Load balancer ${arn} was not found.` };
  if (lb.type !== 'network') return { status: 'FAILED', statusMessage: `Load balancer ${arn} is not a Network Load Balancer.` };
  switch (lb.state) {
    case 'provisioning':
      return { status: 'PENDING', statusMessage: 'VPC link is provisioning ENIs' };
    case 'active':
    case 'active_impaired':
      return { status: 'AVAILABLE', statusMessage: 'Your vpc link is ready for use' };
    default:
      return { status: 'FAILED', statusMessage: `Load balancer ${arn} is in state ${lb.state}.` };
  }
}

/**
 * VPC endpoints as API Gateway sees them: EC2's records, read through the store (DESIGN.md,
 * "cross-service reads go through state"). Private APIs list them in
 * `endpointConfiguration.vpcEndpointIds` (§1.3) and access associations name them (§1.10).
 */
import type { RecordReader } from '../../../state/store.js';
import { KIND as EC2_KIND, type VpcEndpoint } from '../../../state/records/ec2.js';

/** The VPC endpoint `id` of `region`, unless it is being deleted or gone. */
export function liveVpcEndpoint(reader: RecordReader, region: string, id: string): VpcEndpoint | undefined {
  const e = reader.get<VpcEndpoint>(EC2_KIND.vpcEndpoint, id);
  return e && e.region === region && e.state !== 'deleting' && e.state !== 'deleted' ? e : undefined;
}

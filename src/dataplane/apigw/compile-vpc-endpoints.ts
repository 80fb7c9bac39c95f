/**
 * The `execute-api` interface VPC endpoints as the execute-api data plane sees them
 * (elbv2-vpc-endpoints.md §4.2, apigateway-rest.md §3): where they listen (their ENIs), what
 * they admit (their endpoint policy) and the names they answer to. Endpoints of other services
 * are left out: localvpc carries only API Gateway traffic through endpoints.
 */
import { parsePolicy } from '../../policy/evaluate.js';
import { KIND as EC2_KIND, type VpcEndpoint } from '../../state/records/ec2.js';
import type { RecordReader } from '../../state/store.js';
import { serviceLabel, vpcEndpointDnsEntries } from '../../state/views/vpc-endpoint-names.js';
import type { ParsedPolicy, VpcEndpointEntry } from './snapshot.js';

export function compileVpcEndpoints(store: RecordReader): Map<string, VpcEndpointEntry> {
  const out = new Map<string, VpcEndpointEntry>();
  for (const vpce of store.list<VpcEndpoint>(EC2_KIND.vpcEndpoint)) {
    if (vpce.vpcEndpointType !== 'Interface' || serviceLabel(vpce.serviceName, vpce.region) !== 'execute-api') continue;
    out.set(vpce.id, {
      id: vpce.id,
      region: vpce.region,
      vpcId: vpce.vpcId,
      state: vpce.state,
      networkInterfaceIds: vpce.subnets.map((s) => s.networkInterfaceId),
      policy: parseOrError(vpce.policyDocument),
      privateDnsEnabled: vpce.privateDnsEnabled,
      dnsNames: vpcEndpointDnsEntries(vpce).map((e) => e.dnsName.toLowerCase()),
    });
  }
  return out;
}

/** A policy parsed once per compile; a document localvpc cannot read becomes the Error saying why. */
export function parseOrError(document: string): ParsedPolicy {
  try {
    return parsePolicy(document);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

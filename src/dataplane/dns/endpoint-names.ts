/**
 * Public names AWS publishes for interface VPC endpoints and API Gateway, answered the same in
 * every view (they are public DNS: an on-premises network or a peered VPC resolves them too;
 * elbv2-vpc-endpoints.md §4.2 "reachable from on-premises … by endpoint IP or vpce DNS names"):
 *
 * - `vpcEndpointNames`: `vpce-{id}-{suffix}.{svc}.{region}.vpce.amazonaws.com` → the private
 *   addresses of all the endpoint's ENIs; `vpce-{id}-{suffix}-{az}.…` → that zone's ENI.
 *   Other names under `vpce.amazonaws.com` are NXDOMAIN (AWS owns the zone).
 * - `apiEndpointNames`: `{apiId}-{vpceId}.execute-api.{region}.amazonaws.com` → the endpoint's
 *   ENI addresses when the API lists that endpoint in `vpcEndpointIds` (apigateway-rest.md §2.1,
 *   §3: "associating the endpoint with an API adds" the name); NXDOMAIN otherwise.
 * - `customDomainTargetNames`: a Regional custom domain's `d-{10}.execute-api.{region}.amazonaws.com`
 *   and an edge-optimized one's `{id}.cloudfront.net` (apigateway-rest.md §1.10) → the execute-api
 *   front door's public address (network/public-services.ts), where localvpc serves custom
 *   domains by Host. Other `d-…` names are NXDOMAIN; other CloudFront names are not known here.
 *
 * Inside a VPC whose execute-api endpoint has private DNS, the endpoint's hidden zone answers
 * `*.execute-api.{region}.amazonaws.com` first (hosted-zone-names.ts), as in AWS.
 */
import { EXECUTE_API_PUBLIC_IP } from '../network/public-services.js';
import type { NameSource } from './name-source.js';
import type { NamesSnapshot } from './names-snapshot.js';

/** [infer] TTL of the custom domain target answers, as for the other AWS-managed names (60 s). */
const DOMAIN_TARGET_TTL = 60;
const API_ENDPOINT_NAME = /^[a-z0-9]{10}-vpce-[0-9a-f]{8,17}\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/;
const REGIONAL_DOMAIN_TARGET = /^d-[a-z0-9]{10}\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/;

export function vpcEndpointNames(names: () => NamesSnapshot): NameSource {
  return {
    name: 'vpce',
    lookup(name) {
      if (!name.endsWith('.vpce.amazonaws.com')) return undefined;
      const records = names().endpointNames.get(name);
      return records ? { kind: 'found', records, source: this.name } : { kind: 'nxdomain', source: this.name };
    },
  };
}

export function apiEndpointNames(names: () => NamesSnapshot): NameSource {
  return {
    name: 'execute-api-vpce',
    lookup(name) {
      if (!API_ENDPOINT_NAME.test(name)) return undefined;
      const records = names().apiEndpointNames.get(name);
      return records ? { kind: 'found', records, source: this.name } : { kind: 'nxdomain', source: this.name };
    },
  };
}

export function customDomainTargetNames(names: () => NamesSnapshot): NameSource {
  return {
    name: 'apigateway-domain',
    lookup(name) {
      const regional = REGIONAL_DOMAIN_TARGET.test(name);
      if (!regional && !name.endsWith('.cloudfront.net')) return undefined;
      if (names().domainTargets.has(name)) return { kind: 'found', records: [{ type: 'A', address: EXECUTE_API_PUBLIC_IP, ttl: DOMAIN_TARGET_TTL }], source: this.name };
      return regional ? { kind: 'nxdomain', source: this.name } : undefined;
    },
  };
}

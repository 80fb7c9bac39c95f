/**
 * Which API or custom domain a request names, from where it came in and its Host (or
 * `x-apigw-api-id`) header (apigateway-rest.md §2.1, §3, §5 step 1; elbv2-vpc-endpoints.md §4.3).
 *
 * At the public front door (a name that resolves to API Gateway's public addresses):
 * - `{api}.execute-api.{region}.amazonaws.com` → that API;
 * - a REGIONAL or EDGE custom domain name → that domain;
 * - anything else → 403 Forbidden. `{api}-{vpce}.execute-api…` names are Route 53 aliases of an
 *   endpoint and never reach the public door; PRIVATE custom domains resolve only inside VPCs.
 *
 * Through an `execute-api` interface VPC endpoint, in this order:
 * 1. `x-apigw-api-id: {api}` → that API (PRIVINV: the header form against the endpoint's names);
 * 2. Host `{api}.execute-api.{region}.amazonaws.com` → that API (private DNS, or a Host override);
 * 3. Host `{api}-{vpceId}.execute-api.{region}.amazonaws.com` → that API, only when vpceId is this
 *    endpoint and is among the API's `vpcEndpointIds` (§2.1 [doc], checklist 37);
 * 4. Host = a custom domain name of the endpoint's region: a PRIVATE one this endpoint has an
 *    access association with (its policy is checked by the caller), else a REGIONAL/EDGE one
 *    (the ALB "trick" of DESIGN.md architecture 1: §3 [doc][obs]);
 * 5. anything else, the endpoint's own `vpce-…` names and bare IPs included → 403 Forbidden
 *    (§2.2 [doc][inf], checklist 36): what an ALB health check without a Host match sees.
 *
 * Execute-api names name a region; an endpoint serves only its own region (interface endpoints
 * are same-region only, §4.2), so another region's name is Forbidden there.
 */
import type { ApiGwSnapshot, DomainNameEntry, VpcEndpointEntry } from './snapshot.js';

/** Where a request came in. */
export type Arrival = { readonly kind: 'front-door' } | { readonly kind: 'vpc-endpoint'; readonly vpce: VpcEndpointEntry };

/** How a request named its API directly (all of them are the API's default execute-api endpoint). */
export type ApiForm = 'default-host' | 'api-id-header' | 'vpce-alias';

export type HostResolution =
  | { readonly kind: 'api'; readonly apiId: string; readonly region: string; readonly form: ApiForm }
  | { readonly kind: 'custom-domain'; readonly domain: DomainNameEntry }
  | { readonly kind: 'forbidden'; readonly reason: string };

export const EXECUTE_API_HOST = /^([a-z0-9]{10})\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/;
const VPCE_ALIAS_HOST = /^([a-z0-9]{10})-(vpce-[0-9a-f]+)\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/;
const API_ID = /^[a-z0-9]{10}$/;

/** The Host header as a name: lowercase, without port or trailing dot (`[v6]:port` keeps its brackets). */
export function hostName(raw: string | undefined): string {
  let host = (raw ?? '').trim().toLowerCase();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    host = end < 0 ? host : host.slice(0, end + 1);
  } else {
    const colon = host.indexOf(':');
    if (colon >= 0) host = host.slice(0, colon);
  }
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

/**
 * Custom domains that serve: AVAILABLE or being updated. One still being created
 * (PENDING…) or FAILED does not route (BOTO DomainNameStatus) [infer].
 */
export function domainRoutes(domain: DomainNameEntry): boolean {
  return domain.status === 'AVAILABLE' || domain.status === 'UPDATING';
}

export function resolveHost(snapshot: ApiGwSnapshot, arrival: Arrival, host: string, apiIdHeader: string | undefined): HostResolution {
  return arrival.kind === 'front-door' ? atFrontDoor(snapshot, host) : throughEndpoint(snapshot, arrival.vpce, host, apiIdHeader);
}

function atFrontDoor(snapshot: ApiGwSnapshot, host: string): HostResolution {
  const m = EXECUTE_API_HOST.exec(host);
  if (m) return { kind: 'api', apiId: m[1]!, region: m[2]!, form: 'default-host' };
  if (VPCE_ALIAS_HOST.test(host)) return forbidden(`${host} is an alias of a VPC endpoint, not a public name`);
  const domains = (snapshot.domainNames.get(host) ?? []).filter(domainRoutes);
  const domain = domains.find((d) => d.endpointType !== 'PRIVATE');
  if (domain) return { kind: 'custom-domain', domain };
  if (domains.length > 0) return forbidden(`${host} is a PRIVATE custom domain, reachable only through VPC endpoints`);
  return forbidden(`no API or custom domain is named ${JSON.stringify(host)}`);
}

function throughEndpoint(snapshot: ApiGwSnapshot, vpce: VpcEndpointEntry, host: string, apiIdHeader: string | undefined): HostResolution {
  const headerId = apiIdHeader?.trim().toLowerCase();
  if (headerId) {
    if (!API_ID.test(headerId)) return forbidden(`x-apigw-api-id ${JSON.stringify(headerId)} is not an API id`);
    return { kind: 'api', apiId: headerId, region: vpce.region, form: 'api-id-header' };
  }
  const m = EXECUTE_API_HOST.exec(host);
  if (m) {
    if (m[2] !== vpce.region) return forbidden(`${host} names region ${m[2]}; ${vpce.id} is in ${vpce.region}`);
    return { kind: 'api', apiId: m[1]!, region: m[2]!, form: 'default-host' };
  }
  const alias = VPCE_ALIAS_HOST.exec(host);
  if (alias) {
    const [, apiId, vpceId, region] = alias as unknown as [string, string, string, string];
    if (vpceId !== vpce.id || region !== vpce.region) return forbidden(`${host} is the alias of ${vpceId} in ${region}, not of ${vpce.id}`);
    const api = snapshot.apis.get(apiId);
    if (!api?.vpcEndpointIds.includes(vpce.id)) return forbidden(`${vpce.id} is not associated with API ${apiId} (endpointConfiguration.vpcEndpointIds)`);
    return { kind: 'api', apiId, region, form: 'vpce-alias' };
  }
  const domains = (snapshot.domainNames.get(host) ?? []).filter((d) => d.region === vpce.region && domainRoutes(d));
  const privateDomain = domains.find((d) => d.endpointType === 'PRIVATE' && d.accessAssociations.has(vpce.id));
  if (privateDomain) return { kind: 'custom-domain', domain: privateDomain };
  const publicDomain = domains.find((d) => d.endpointType !== 'PRIVATE');
  if (publicDomain) return { kind: 'custom-domain', domain: publicDomain };
  if (domains.length > 0) return forbidden(`${vpce.id} has no access association with the private custom domain ${host}`);
  if (vpce.dnsNames.includes(host)) return forbidden(`${host} is the endpoint's own name; no x-apigw-api-id or Host names an API`);
  return forbidden(`no API or custom domain is named ${JSON.stringify(host)}`);
}

function forbidden(reason: string): HostResolution {
  return { kind: 'forbidden', reason };
}

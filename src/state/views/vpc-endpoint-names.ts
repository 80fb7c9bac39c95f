/**
 * The DNS names of an interface VPC endpoint, computed the same way for the EC2 API's
 * `DnsEntries` and for the resolver (elbv2-vpc-endpoints.md §4.2, apigateway-rest.md §3):
 *
 * - regional: `{vpceId}-{suffix}.{svc}.{region}.vpce.amazonaws.com`;
 * - one per zone: `{vpceId}-{suffix}-{az}.{svc}.{region}.vpce.amazonaws.com`;
 * - with private DNS: the service's default names, for execute-api
 *   `execute-api.{region}.amazonaws.com` and `*.execute-api.{region}.amazonaws.com`, answered
 *   only inside the endpoint's VPC (a hidden private zone).
 *
 * `{svc}` is the service name after `com.amazonaws.{region}.` with its dot-components reversed
 * (`ecr.api` → `api.ecr`; `execute-api` stays `execute-api`).
 */
import type { VpcEndpoint } from '../records/ec2.js';

/** HostedZoneIds of `*.vpce.amazonaws.com` names; us-east-1 and us-east-2 are documented (§4.2). */
const VPCE_ZONE_IDS: Readonly<Record<string, string>> = {
  'us-east-1': 'Z7HUB22UULQXV',
  'us-east-2': 'ZC8PG0KIFKBRI',
};
/** The documented example id of a service's private-DNS zone (§4.2); the real ids are hidden zones. */
const PRIVATE_DNS_ZONE_ID = 'Z1K56Z6FNPJRR';

export interface VpcEndpointDnsEntry {
  readonly dnsName: string;
  readonly hostedZoneId: string;
  /** `regional`, a zone name, or `private` (a private-DNS name, answered only inside the VPC). */
  readonly scope: string;
}

/** `execute-api` for `com.amazonaws.eu-west-1.execute-api`; undefined for a foreign shape. */
export function serviceLabel(serviceName: string, region: string): string | undefined {
  const prefix = `com.amazonaws.${region}.`;
  if (!serviceName.startsWith(prefix)) return undefined;
  return serviceName.slice(prefix.length).split('.').reverse().join('.');
}

/** The endpoint's DnsEntries, in AWS's order: regional, zonal, then private names. */
export function vpcEndpointDnsEntries(vpce: Pick<VpcEndpoint, 'id' | 'region' | 'serviceName' | 'dnsSuffix' | 'subnets' | 'privateDnsEnabled'>): VpcEndpointDnsEntry[] {
  const zoneId = VPCE_ZONE_IDS[vpce.region] ?? VPCE_ZONE_IDS['us-east-1']!;
  const base = baseEndpointDnsName(vpce.serviceName, vpce.region);
  const out: VpcEndpointDnsEntry[] = [{ dnsName: `${vpce.id}-${vpce.dnsSuffix}.${base}`, hostedZoneId: zoneId, scope: 'regional' }];
  for (const s of vpce.subnets) out.push({ dnsName: `${vpce.id}-${vpce.dnsSuffix}-${s.availabilityZone}.${base}`, hostedZoneId: zoneId, scope: s.availabilityZone });
  if (vpce.privateDnsEnabled) {
    for (const name of privateDnsNames(vpce.serviceName, vpce.region)) out.push({ dnsName: name, hostedZoneId: PRIVATE_DNS_ZONE_ID, scope: 'private' });
  }
  return out;
}

/** The private DNS names a service offers: `execute-api.{region}.amazonaws.com` and its wildcard. */
export function privateDnsNames(serviceName: string, region: string): string[] {
  const svc = serviceLabel(serviceName, region);
  if (svc === undefined) return [];
  return [`${svc}.${region}.amazonaws.com`, `*.${svc}.${region}.amazonaws.com`];
}

/**
 * The service's name under `vpce.amazonaws.com`, which every endpoint's names extend
 * (DescribeVpcEndpointServices `BaseEndpointDnsNames`: `ec2.us-east-1.vpce.amazonaws.com`, §4.2).
 */
export function baseEndpointDnsName(serviceName: string, region: string): string {
  return `${serviceLabel(serviceName, region) ?? serviceName}.${region}.vpce.amazonaws.com`;
}

/**
 * The private DNS name DescribeVpcEndpointServices shows for the service (`PrivateDnsName`), and
 * the domain AWS names when a second endpoint in a VPC asks for it
 * (`*.execute-api.{region}.amazonaws.com`; the wildcard form, as AWS shows ECR's `*.dkr.ecr…`).
 */
export function servicePrivateDnsName(serviceName: string, region: string): string | undefined {
  const names = privateDnsNames(serviceName, region);
  return names[names.length - 1];
}

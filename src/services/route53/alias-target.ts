/**
 * Alias targets (ec2-route53-acm.md §2.5, §2.6). How strictly localvpc checks them: an alias must
 * name something localvpc can answer for, so every target is looked up in state and must exist
 * when the batch applies.
 *
 * - Same zone (`HostedZoneId` is the zone's own id): the name must lie within the zone and a
 *   record set of that name and type must exist after the batch's earlier changes (not the alias
 *   itself). Records of other hosted zones cannot be targets (the docs allow only "another record
 *   in the same hosted zone").
 * - Load balancers (`*.elb.amazonaws.com`): an ELBv2 load balancer with that DNS name (a
 *   `dualstack.` prefix names the same load balancer); `HostedZoneId` must be its
 *   CanonicalHostedZoneId (per Region and type, §2.6).
 * - API Gateway custom domain names: a Regional one by its regionalDomainName
 *   (`d-….execute-api.{region}.amazonaws.com`) with its regionalHostedZoneId, an edge-optimized one
 *   by its distributionDomainName (`….cloudfront.net`) with its distributionHostedZoneId
 *   (`Z2FDTNDATAQYW2`). Other CloudFront distributions are not run by localvpc (NotImplemented);
 *   private zones cannot alias CloudFront at all (AliasTarget docs).
 * - Interface VPC endpoints (`*.vpce.amazonaws.com`): one of an endpoint's regional or zonal
 *   DnsEntries, with that entry's HostedZoneId.
 * - Anything else (S3 websites, Elastic Beanstalk, Global Accelerator, foreign names) is not
 *   implemented by localvpc.
 *
 * Service targets take types A and AAAA. A target in the wrong zone answers AWS's
 * `Tried to create an alias that targets X., type A in zone Z…, but the alias target name does not
 * lie within the target zone`; a missing one `…, but that target was not found` ([obs]
 * devopsacademyau capture).
 */
import type { RecordReader } from '../../state/store.js';
import { ELBV2_KIND, type LoadBalancer } from '../../state/records/elbv2.js';
import { KIND as APIGW_KIND, type DomainName } from '../../state/records/apigateway.js';
import { KIND as EC2_KIND, type VpcEndpoint } from '../../state/records/ec2.js';
import { ROUTE53_KIND, type AliasTarget, type HostedZone, type RecordType, type ResourceRecordSet } from '../../state/records/route53.js';
import { vpcEndpointDnsEntries } from '../../state/views/vpc-endpoint-names.js';
import { notImplemented } from './common/errors.js';
import { isWithin } from './common/names.js';

export interface AliasCheck {
  readonly reader: RecordReader;
  readonly zone: HostedZone;
  /** The zone's record sets as the batch has left them so far, by key. */
  readonly sets: ReadonlyMap<string, ResourceRecordSet>;
}

/** Lowercase with one trailing dot, for comparing names other services store. */
const fqdn = (name: string): string => `${name.toLowerCase().replace(/\.$/, '')}.`;

const SERVICE_TYPES: readonly RecordType[] = ['A', 'AAAA'];

/** The alias problem of a record set named `name` of `type`, as an InvalidChangeBatch message, or undefined. */
export function aliasProblem(check: AliasCheck, name: string, type: RecordType, alias: AliasTarget): string | undefined {
  const target = alias.dnsName;
  const head = `Tried to create an alias that targets ${target}, type ${type} in zone ${alias.hostedZoneId}`;
  const notWithin = `${head}, but the alias target name does not lie within the target zone`;
  const notFound = `${head}, but that target was not found`;

  if (alias.hostedZoneId === check.zone.id) {
    if (!isWithin(target, check.zone.name)) return notWithin;
    if (target === name) return notFound;
    for (const s of check.sets.values()) if (s.name === target && s.type === type) return undefined;
    return notFound;
  }
  if (check.reader.get<HostedZone>(ROUTE53_KIND.hostedZone, alias.hostedZoneId)) return notFound;

  const service = serviceTarget(check, target);
  if (service === undefined) {
    throw notImplemented(`Alias targets other than records of the same hosted zone, ELB load balancers, API Gateway custom domain names and interface VPC endpoints (${target} in zone ${alias.hostedZoneId})`);
  }
  if (service === 'cloudfront-private') {
    return `${head}, but CloudFront distributions cannot be alias targets in a private hosted zone`; // [infer] wording; rule from the AliasTarget docs
  }
  if (service.zoneIds.length === 0 || !SERVICE_TYPES.includes(type)) return notFound;
  return service.zoneIds.includes(alias.hostedZoneId) ? undefined : notWithin;
}

interface ServiceTarget {
  /** The hosted zone ids under which the name exists; empty when nothing of that name exists. */
  readonly zoneIds: readonly string[];
}

function serviceTarget(check: AliasCheck, target: string): ServiceTarget | 'cloudfront-private' | undefined {
  const { reader } = check;
  if (target.endsWith('.elb.amazonaws.com.')) {
    const bare = target.replace(/^dualstack\./, '');
    return { zoneIds: reader.list<LoadBalancer>(ELBV2_KIND.loadBalancer, (lb) => fqdn(lb.dnsName) === bare).map((lb) => lb.canonicalHostedZoneId) };
  }
  if (/\.execute-api\.[a-z0-9-]+\.amazonaws\.com\.$/.test(target)) {
    return {
      zoneIds: reader
        .list<DomainName>(APIGW_KIND.domainName, (d) => d.regionalDomainName !== undefined && fqdn(d.regionalDomainName) === target)
        .map((d) => d.regionalHostedZoneId ?? ''),
    };
  }
  if (target.endsWith('.cloudfront.net.')) {
    if (check.zone.privateZone) return 'cloudfront-private';
    const domains = reader.list<DomainName>(APIGW_KIND.domainName, (d) => d.distributionDomainName !== undefined && fqdn(d.distributionDomainName) === target);
    if (domains.length === 0) return undefined;
    return { zoneIds: domains.map((d) => d.distributionHostedZoneId ?? '') };
  }
  if (target.endsWith('.vpce.amazonaws.com.')) {
    const zoneIds: string[] = [];
    for (const vpce of reader.list<VpcEndpoint>(EC2_KIND.vpcEndpoint, (v) => v.state !== 'deleting' && v.state !== 'deleted')) {
      for (const e of vpcEndpointDnsEntries(vpce)) if (e.scope !== 'private' && fqdn(e.dnsName) === target) zoneIds.push(e.hostedZoneId);
    }
    return { zoneIds };
  }
  return undefined;
}

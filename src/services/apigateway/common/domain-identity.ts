/**
 * How custom domain names and their access associations are named and found
 * (apigateway-rest.md §1.2, §1.10):
 * - a public (EDGE, REGIONAL) domain is its name: ARN `arn:aws:apigateway:{region}::/domainnames/{name}`
 *   (management ARNs have an empty account field, §1.2);
 * - a private domain is its name plus a `domainNameId`: ARN
 *   `arn:aws:apigateway:{region}:{account}:/domainnames/{name}+{domainNameId}` [doc]; every operation
 *   on it passes `?domainNameId=`, and without it the name alone is unknown: 404
 *   `Invalid domain name identifier specified` [obs] (terraform-provider-aws#41659; jets);
 * - an access association: `arn:aws:apigateway:{region}:{account}:/domainnameaccessassociations/domainname/{name}+{domainNameId}/vpcesource/{vpceId}`.
 *   The CLI example shows `.../domainname/{name}/vpcesource/...` without the id; the id is kept
 *   here so that the ARN names exactly one domain [infer].
 * Names are case-insensitive and stored lowercase (state/records/apigateway.ts).
 */
import type { OperationContext } from '../../context.js';
import type { RecordReader } from '../../../state/store.js';
import { KIND, domainNameKey, type DomainName } from '../../../state/records/apigateway.js';
import { notFound } from './errors.js';

export function publicDomainNameArn(region: string, domainName: string): string {
  return `arn:aws:apigateway:${region}::/domainnames/${domainName}`;
}

export function privateDomainNameArn(region: string, accountId: string, domainName: string, domainNameId: string): string {
  return `arn:aws:apigateway:${region}:${accountId}:/domainnames/${domainName}+${domainNameId}`;
}

export function accessAssociationArn(region: string, accountId: string, domain: DomainName, vpceId: string): string {
  return `arn:aws:apigateway:${region}:${accountId}:/domainnameaccessassociations/domainname/${domain.domainName}+${domain.domainNameId}/vpcesource/${vpceId}`;
}

export const DOMAIN_NOT_FOUND = 'Invalid domain name identifier specified';

/** The domain `domainName` (+ `domainNameId` for private ones) of the request's region. */
export function mustGetDomainName(ctx: OperationContext, domainName: string, domainNameId: string | undefined, reader: RecordReader = ctx.store): DomainName {
  const d = reader.get<DomainName>(KIND.domainName, domainNameKey((domainName ?? '').toLowerCase(), domainNameId || undefined));
  if (!d || d.region !== ctx.region) throw notFound(DOMAIN_NOT_FOUND);
  return d;
}

/** The domain an ARN names (public or private), or undefined. */
export function findDomainNameByArn(ctx: OperationContext, arn: string, reader: RecordReader = ctx.store): DomainName | undefined {
  const d = reader.list<DomainName>(KIND.domainName, (x) => x.domainNameArn === arn)[0];
  return d && d.region === ctx.region ? d : undefined;
}

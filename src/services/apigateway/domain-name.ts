/**
 * Custom domain names: CreateDomainName, GetDomainName, GetDomainNames, DeleteDomainName
 * (apigateway-rest.md §1.10; UpdateDomainName is in domain-name-update.ts).
 *
 * - EDGE: `certificateArn` (ACM, us-east-1) → `distributionDomainName` `d{13 lowercase alnum}.cloudfront.net`
 *   and `distributionHostedZoneId` `Z2FDTNDATAQYW2`.
 * - REGIONAL: `regionalCertificateArn` (ACM, this region) → `regionalDomainName`
 *   `d-{10 lowercase alnum}.execute-api.{region}.amazonaws.com` and the region's hosted zone id.
 * - PRIVATE (Nov 2024): `certificateArn` (ACM, this region), `policy`; gets a 10-character
 *   `domainNameId` [infer: the docs only show the placeholder `abcd1234`] and an ARN with it.
 * Every domain answers AVAILABLE at once (AWS passes through PENDING/UPDATING for minutes).
 *
 * Errors: a public name that exists → 400 BadRequestException `The domain name you provided already
 * exists.` [obs] (Zappa docs and clients catching apigateway's BadRequestException; apigatewayv2
 * answers the same text as a 409 ConflictException). The store keys public domains by name
 * alone (state contract), so a public name exists in at most one region here, whereas AWS lets
 * each region hold its own regional domain of the same name. Missing certificates:
 * `A certificate was not provided for the endpoint type EDGE.` [obs] (terraform-provider-aws#3276);
 * a certificate of the other kind: `Cannot import certificates for EDGE while REGIONAL is active.`
 * [obs] (sst#4131), mirrored for the other pairs [infer].
 */
import type { OperationContext, OperationHandler } from '../context.js';
import type { RecordReader, Tx } from '../../state/store.js';
import { KIND, domainNameKey, type BasePathMapping, type DomainName, type DomainNameAccessAssociation, type EndpointType } from '../../state/records/apigateway.js';
import { alnumId } from '../../kernel/ids.js';
import { AwsError } from '../../kernel/errors.js';
import { badRequest, notImplemented, rejectUnsupported, validationError } from './common/errors.js';
import { EDGE_HOSTED_ZONE_ID, regionalHostedZoneId } from './common/hosted-zones.js';
import { freshId } from './common/ids.js';
import { mustGetDomainName, privateDomainNameArn, publicDomainNameArn } from './common/domain-identity.js';
import { page } from './common/paging.js';
import { validTags } from './common/tags.js';
import { mustUseCertificate } from './domain-name-certificate.js';
import { domainExecuteApiArn, normaliseDomainPolicy } from './domain-name-policy.js';
import { checkDomainName, checkRoutingMode, checkSecurityPolicy, domainEndpointType, ipAddressTypeOf, type DomainEndpointInput } from './domain-name-rules.js';

/** Quotas per account and region (§1.10): 120 public custom domain names, 50 private. */
export const PUBLIC_DOMAIN_QUOTA = 120;
export const PRIVATE_DOMAIN_QUOTA = 50;

export const DOMAIN_EXISTS = 'The domain name you provided already exists.';

const nonEmpty = <T extends object>(m: T): T | undefined => (Object.keys(m).length ? m : undefined);

export function domainNameToWire(d: DomainName): Record<string, unknown> {
  return {
    domainName: d.domainName,
    domainNameId: d.domainNameId,
    domainNameArn: d.domainNameArn,
    certificateArn: d.certificateArn,
    regionalDomainName: d.regionalDomainName,
    regionalHostedZoneId: d.regionalHostedZoneId,
    regionalCertificateArn: d.regionalCertificateArn,
    distributionDomainName: d.distributionDomainName,
    distributionHostedZoneId: d.distributionHostedZoneId,
    endpointConfiguration: { types: [d.endpointType], ipAddressType: ipAddressTypeOf(d.endpointType) },
    domainNameStatus: d.domainNameStatus,
    domainNameStatusMessage: d.domainNameStatusMessage,
    securityPolicy: d.securityPolicy,
    tags: nonEmpty(d.tags),
    // Plain JSON text for domain names (domain-name-policy.ts).
    policy: d.policy,
    managementPolicy: d.managementPolicy,
    routingMode: d.routingMode,
  };
}

/** Which certificate member each endpoint type uses, and the refusals for the other one. */
function certificateFor(type: EndpointType, input: { certificateArn?: string; regionalCertificateArn?: string }): string {
  if (type === 'REGIONAL') {
    if (input.certificateArn) throw badRequest('Cannot import certificates for EDGE while REGIONAL is active.');
    if (!input.regionalCertificateArn) throw badRequest('A certificate was not provided for the endpoint type REGIONAL.');
    return input.regionalCertificateArn;
  }
  if (input.regionalCertificateArn) throw badRequest(`Cannot import certificates for REGIONAL while ${type} is active.`);
  if (!input.certificateArn) throw badRequest(`A certificate was not provided for the endpoint type ${type}.`);
  return input.certificateArn;
}

function checkQuota(tx: RecordReader, region: string, type: EndpointType): void {
  const priv = type === 'PRIVATE';
  const count = tx.list<DomainName>(KIND.domainName, (d) => d.region === region && (d.endpointType === 'PRIVATE') === priv).length;
  const quota = priv ? PRIVATE_DOMAIN_QUOTA : PUBLIC_DOMAIN_QUOTA;
  if (count >= quota) {
    throw new AwsError('LimitExceededException', `The maximum number of ${priv ? 'private' : 'public'} custom domain names (${quota}) has been reached`, 429); // [infer]
  }
}

interface CreateDomainNameInput {
  domainName: string;
  certificateArn?: string;
  regionalCertificateArn?: string;
  endpointConfiguration?: DomainEndpointInput;
  tags?: Record<string, string>;
  securityPolicy?: string;
  policy?: string;
  routingMode?: string;
}

const createDomainName: OperationHandler = (ctx, input: CreateDomainNameInput) => {
  // certificateName/Body/PrivateKey/Chain (uploaded certificates), regionalCertificateName,
  // endpointAccessMode, mutualTlsAuthentication and ownershipVerificationCertificateArn are refused.
  rejectUnsupported('CreateDomainName', input as unknown as Record<string, unknown>, [
    'domainName', 'certificateArn', 'regionalCertificateArn', 'endpointConfiguration', 'tags', 'securityPolicy', 'policy', 'routingMode',
  ]);
  const name = checkDomainName(input.domainName);
  const type = domainEndpointType(input.endpointConfiguration);
  const securityPolicy = checkSecurityPolicy(input.securityPolicy, type, 'createDomainNameInput.securityPolicy');
  const routingMode = checkRoutingMode(input.routingMode, 'createDomainNameInput.routingMode');
  const certificateArn = certificateFor(type, input);
  // `policy` applies to the execute-api service of private domain names only (BOTO DomainName.policy). Wording [infer].
  if (input.policy !== undefined && type !== 'PRIVATE') throw badRequest('A policy can only be specified for PRIVATE custom domain names.');
  const tags = validTags(input.tags);
  return ctx.store.transact((tx) => {
    mustUseCertificate(tx, certificateArn, { region: ctx.region, accountId: ctx.accountId, endpointType: type, domainName: name });
    checkQuota(tx, ctx.region, type);
    const common = {
      region: ctx.region,
      domainName: name,
      endpointType: type,
      securityPolicy,
      domainNameStatus: 'AVAILABLE' as const,
      routingMode,
      tags,
      createdDate: ctx.clock.now().toISOString(),
    };
    let record: DomainName;
    if (type === 'PRIVATE') {
      // Private names need not be unique across accounts (§1.10); within one region of this
      // account a second private domain of the same name is refused [infer].
      if (tx.list<DomainName>(KIND.domainName, (d) => d.region === ctx.region && d.endpointType === 'PRIVATE' && d.domainName === name).length) {
        throw badRequest(DOMAIN_EXISTS);
      }
      const domainNameId = freshId(10, (id) => tx.get(KIND.domainName, domainNameKey(name, id)) !== undefined);
      const policy = input.policy === undefined ? undefined : normaliseDomainPolicy(input.policy, domainExecuteApiArn(ctx.region, ctx.accountId, name, domainNameId));
      record = {
        ...common,
        id: domainNameKey(name, domainNameId),
        domainNameId,
        domainNameArn: privateDomainNameArn(ctx.region, ctx.accountId, name, domainNameId),
        certificateArn,
        policy,
      };
    } else {
      if (tx.get(KIND.domainName, domainNameKey(name))) throw badRequest(DOMAIN_EXISTS);
      const base = { ...common, id: domainNameKey(name), domainNameArn: publicDomainNameArn(ctx.region, name) };
      if (type === 'EDGE') {
        record = { ...base, certificateArn, distributionDomainName: `d${alnumId(13)}.cloudfront.net`, distributionHostedZoneId: EDGE_HOSTED_ZONE_ID };
      } else {
        const zone = regionalHostedZoneId(ctx.region);
        if (!zone) throw notImplemented(`Regional custom domain names in ${ctx.region} (its API Gateway hosted zone id is not known)`);
        record = { ...base, regionalCertificateArn: certificateArn, regionalDomainName: `d-${alnumId(10)}.execute-api.${ctx.region}.amazonaws.com`, regionalHostedZoneId: zone };
      }
    }
    tx.put(KIND.domainName, record);
    return domainNameToWire(record);
  });
};

const getDomainName: OperationHandler = (ctx, input: { domainName: string; domainNameId?: string }) =>
  domainNameToWire(mustGetDomainName(ctx, input.domainName, input.domainNameId));

/**
 * `resourceOwner` SELF (the default) lists this account's domains; OTHER_ACCOUNTS lists private
 * domains other accounts shared with this one (through AWS RAM), which cannot exist in
 * localvpc's single account, so it is always empty (BOTO GetDomainNamesRequest.resourceOwner).
 */
const getDomainNames: OperationHandler = (ctx, input: { limit?: number; position?: string; resourceOwner?: string }) => {
  const owner = input.resourceOwner ?? 'SELF';
  if (owner !== 'SELF' && owner !== 'OTHER_ACCOUNTS') {
    throw validationError(owner, 'getDomainNamesInput.resourceOwner', 'Member must satisfy enum value set: [SELF, OTHER_ACCOUNTS]');
  }
  const all = owner === 'SELF' ? ctx.store.list<DomainName>(KIND.domainName, (d) => d.region === ctx.region) : [];
  const { items, position } = page(all, input);
  return { items: items.map(domainNameToWire), position };
};

/**
 * Deletes the domain with its base path mappings (they exist only under their domain) and, for a
 * private domain, the access associations that name it, which would otherwise point nowhere [infer].
 */
function deleteDomainRecords(tx: Tx, d: DomainName): void {
  for (const m of tx.list<BasePathMapping>(KIND.basePathMapping, (m) => m.domainKey === d.id)) tx.delete(KIND.basePathMapping, m.id);
  for (const a of tx.list<DomainNameAccessAssociation>(KIND.domainNameAccessAssociation, (a) => a.domainNameArn === d.domainNameArn)) {
    tx.delete(KIND.domainNameAccessAssociation, a.id);
  }
  tx.delete(KIND.domainName, d.id);
}

const deleteDomainName: OperationHandler = (ctx: OperationContext, input: { domainName: string; domainNameId?: string }) => {
  ctx.store.transact((tx) => deleteDomainRecords(tx, mustGetDomainName(ctx, input.domainName, input.domainNameId, tx)));
  return {};
};

export const domainNameHandlers: Record<string, OperationHandler> = {
  CreateDomainName: createDomainName,
  GetDomainName: getDomainName,
  GetDomainNames: getDomainNames,
  DeleteDomainName: deleteDomainName,
};

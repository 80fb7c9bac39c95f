/**
 * Domain name access associations between an execute-api VPC endpoint and a private custom domain
 * name (apigateway-rest.md §1.10, §3): CreateDomainNameAccessAssociation (201),
 * GetDomainNameAccessAssociations, DeleteDomainNameAccessAssociation (202),
 * RejectDomainNameAccessAssociation (202).
 *
 * - `accessAssociationSourceType` is `VPCE` (the model's only value); the source is a VPC endpoint
 *   of this region (EC2 records). The domain must be a PRIVATE domain of this region.
 * - At most 100 associations per account and region (§1.10 quotas); one per endpoint and domain.
 * - localvpc has a single account, so every association is the caller's own: `resourceOwner`
 *   OTHER_ACCOUNTS lists nothing, and Reject — which AWS provides for associations whose source
 *   is in another account ("to remove one in your own account, use DeleteDomainNameAccessAssociation",
 *   BOTO RejectDomainNameAccessAssociation) — refuses own associations [infer].
 * - The `managementPolicy` governs other accounts' CreateDomainNameAccessAssociation calls only;
 *   with one account it never applies.
 * Refusal wordings are [infer] unless noted.
 */
import type { OperationContext, OperationHandler } from '../context.js';
import type { RecordReader } from '../../state/store.js';
import { KIND, type DomainNameAccessAssociation } from '../../state/records/apigateway.js';
import { AwsError } from '../../kernel/errors.js';
import { badRequest, conflict, notFound, rejectUnsupported, validationError } from './common/errors.js';
import { accessAssociationArn, findDomainNameByArn } from './common/domain-identity.js';
import { page } from './common/paging.js';
import { liveVpcEndpoint } from './common/vpc-endpoints.js';
import { validTags } from './common/tags.js';

export const ACCESS_ASSOCIATION_QUOTA = 100;

const NOT_FOUND = 'Invalid domain name access association identifier specified';

export function accessAssociationToWire(a: DomainNameAccessAssociation): Record<string, unknown> {
  return {
    domainNameAccessAssociationArn: a.id,
    domainNameArn: a.domainNameArn,
    accessAssociationSourceType: a.accessAssociationSourceType,
    accessAssociationSource: a.accessAssociationSource,
    tags: Object.keys(a.tags).length ? a.tags : undefined,
  };
}

function mustGetAssociation(ctx: OperationContext, arn: string, reader: RecordReader): DomainNameAccessAssociation {
  const a = reader.get<DomainNameAccessAssociation>(KIND.domainNameAccessAssociation, arn ?? '');
  if (!a || a.region !== ctx.region) throw notFound(NOT_FOUND);
  return a;
}

interface CreateInput {
  domainNameArn: string;
  accessAssociationSourceType: string;
  accessAssociationSource: string;
  tags?: Record<string, string>;
}

const createAssociation: OperationHandler = (ctx, input: CreateInput) => {
  rejectUnsupported('CreateDomainNameAccessAssociation', input as unknown as Record<string, unknown>, [
    'domainNameArn', 'accessAssociationSourceType', 'accessAssociationSource', 'tags',
  ]);
  if (input.accessAssociationSourceType !== 'VPCE') {
    throw validationError(String(input.accessAssociationSourceType), 'createDomainNameAccessAssociationInput.accessAssociationSourceType', 'Member must satisfy enum value set: [VPCE]');
  }
  const tags = validTags(input.tags);
  return ctx.store.transact((tx) => {
    const domain = findDomainNameByArn(ctx, input.domainNameArn, tx);
    // The operation has no NotFoundException in the model: an unknown domain is a bad request.
    if (!domain) throw badRequest(`Invalid domain name ARN specified: ${input.domainNameArn}`);
    if (domain.endpointType !== 'PRIVATE') throw badRequest('Domain name access associations can only be created for PRIVATE custom domain names.');
    const vpce = liveVpcEndpoint(tx, ctx.region, input.accessAssociationSource);
    if (!vpce) throw badRequest(`The VPC endpoint ${input.accessAssociationSource} does not exist.`);
    const arn = accessAssociationArn(ctx.region, ctx.accountId, domain, vpce.id);
    if (tx.get(KIND.domainNameAccessAssociation, arn)) throw conflict(`A domain name access association between ${domain.domainNameArn} and ${vpce.id} already exists.`);
    if (tx.list<DomainNameAccessAssociation>(KIND.domainNameAccessAssociation, (a) => a.region === ctx.region).length >= ACCESS_ASSOCIATION_QUOTA) {
      throw new AwsError('LimitExceededException', `The maximum number of domain name access associations (${ACCESS_ASSOCIATION_QUOTA}) has been reached`, 429);
    }
    const a: DomainNameAccessAssociation = {
      id: arn,
      region: ctx.region,
      domainNameArn: domain.domainNameArn,
      accessAssociationSourceType: 'VPCE',
      accessAssociationSource: vpce.id,
      tags,
    };
    tx.put(KIND.domainNameAccessAssociation, a);
    return accessAssociationToWire(a);
  });
};

const getAssociations: OperationHandler = (ctx, input: { limit?: number; position?: string; resourceOwner?: string }) => {
  const owner = input.resourceOwner ?? 'SELF';
  if (owner !== 'SELF' && owner !== 'OTHER_ACCOUNTS') {
    throw validationError(owner, 'getDomainNameAccessAssociationsInput.resourceOwner', 'Member must satisfy enum value set: [SELF, OTHER_ACCOUNTS]');
  }
  const all = owner === 'SELF' ? ctx.store.list<DomainNameAccessAssociation>(KIND.domainNameAccessAssociation, (a) => a.region === ctx.region) : [];
  const { items, position } = page(all, input);
  return { items: items.map(accessAssociationToWire), position };
};

const deleteAssociation: OperationHandler = (ctx, input: { domainNameAccessAssociationArn: string }) => {
  ctx.store.transact((tx) => tx.delete(KIND.domainNameAccessAssociation, mustGetAssociation(ctx, input.domainNameAccessAssociationArn, tx).id));
  return {};
};

const rejectAssociation: OperationHandler = (ctx, input: { domainNameAccessAssociationArn: string; domainNameArn: string }) => {
  const a = mustGetAssociation(ctx, input.domainNameAccessAssociationArn, ctx.store);
  if (a.domainNameArn !== input.domainNameArn) throw notFound(NOT_FOUND);
  throw badRequest(
    `The domain name access association ${a.id} has its source in your own account; use DeleteDomainNameAccessAssociation to remove it.`,
  );
};

export const accessAssociationHandlers: Record<string, OperationHandler> = {
  CreateDomainNameAccessAssociation: createAssociation,
  GetDomainNameAccessAssociations: getAssociations,
  DeleteDomainNameAccessAssociation: deleteAssociation,
  RejectDomainNameAccessAssociation: rejectAssociation,
};

/**
 * Tags: TagResource, UntagResource, GetTags on management ARNs (apigateway-rest.md §1.2:
 * `arn:aws:apigateway:{region}::/restapis/{id}`, `.../stages/{stage}`, `::/vpclinks/{id}`,
 * `::/domainnames/{name}`), and on the ARNs that carry the account (§1.10): private domain names
 * `:{account}:/domainnames/{name}+{id}` and `:{account}:/domainnameaccessassociations/...`.
 */
import type { OperationContext, OperationHandler } from '../context.js';
import type { RecordReader } from '../../state/store.js';
import { KIND, type DomainName, type DomainNameAccessAssociation, type RestApi, type Stage, type VpcLink } from '../../state/records/apigateway.js';
import { badRequest, notFound, notImplemented } from './common/errors.js';
import { mustGetRestApi, mustGetStage } from './common/lookup.js';
import { DOMAIN_NOT_FOUND, findDomainNameByArn } from './common/domain-identity.js';
import { validTags } from './common/tags.js';
import { mustGetVpcLink } from './vpc-link.js';

type Tagged = { kind: string; record: RestApi | Stage | VpcLink | DomainName | DomainNameAccessAssociation };

/** Resolves a management ARN to its record; other resource types are not implemented. */
function resolve(ctx: OperationContext, arn: string, tx: RecordReader): Tagged {
  const m = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+):(\d{12})?:(\/.*)$/.exec(arn ?? '');
  // Wording not recorded in apigateway-rest.md. [inf]
  if (!m) throw badRequest(`Invalid ARN specified in the request: ${arn}`);
  if (m[1] !== ctx.region) throw badRequest(`The ARN region ${m[1]} does not match the request region ${ctx.region}`);
  const account = m[2];
  const path = m[3]!;
  if (account !== undefined) return resolveWithAccount(ctx, arn, account, path, tx);
  let p = /^\/restapis\/([^/]+)$/.exec(path);
  if (p) return { kind: KIND.restApi, record: mustGetRestApi(ctx, p[1]!, tx) };
  p = /^\/restapis\/([^/]+)\/stages\/([^/]+)$/.exec(path);
  if (p) return { kind: KIND.stage, record: mustGetStage(ctx, p[1]!, p[2]!, tx) };
  p = /^\/vpclinks\/([^/]+)$/.exec(path);
  if (p) return { kind: KIND.vpcLink, record: mustGetVpcLink(ctx, p[1]!, tx) };
  if (/^\/domainnames\/[^/+]+$/.test(path)) return { kind: KIND.domainName, record: mustGetDomainByArn(ctx, arn, tx) };
  throw notImplemented(`Tagging ${path}`);
}

function mustGetDomainByArn(ctx: OperationContext, arn: string, tx: RecordReader): DomainName {
  const d = findDomainNameByArn(ctx, arn, tx);
  if (!d) throw notFound(DOMAIN_NOT_FOUND);
  return d;
}

/** ARNs with an account field: private domain names and access associations (§1.10). */
function resolveWithAccount(ctx: OperationContext, arn: string, account: string, path: string, tx: RecordReader): Tagged {
  if (account !== ctx.accountId) throw badRequest(`Invalid ARN specified in the request: ${arn}`); // [inf]
  if (/^\/domainnames\/[^/]+\+[^/]+$/.test(path)) return { kind: KIND.domainName, record: mustGetDomainByArn(ctx, arn, tx) };
  if (path.startsWith('/domainnameaccessassociations/')) {
    const a = tx.get<DomainNameAccessAssociation>(KIND.domainNameAccessAssociation, arn);
    // Wording follows the other "Invalid X identifier specified" 404s. [inf]
    if (!a || a.region !== ctx.region) throw notFound('Invalid domain name access association identifier specified');
    return { kind: KIND.domainNameAccessAssociation, record: a };
  }
  // Other management ARNs have an empty account field (§1.2). [inf]
  throw badRequest(`Invalid ARN specified in the request: ${arn}`);
}

const tagResource: OperationHandler = (ctx, input: { resourceArn: string; tags: Record<string, string> }) => {
  const tags = validTags(input.tags);
  ctx.store.transact((tx) => {
    const { kind, record } = resolve(ctx, input.resourceArn, tx);
    const merged = { ...record.tags, ...tags };
    if (Object.keys(merged).length > 50) throw badRequest('Too many tags: a resource can have at most 50 tags'); // [inf]
    tx.put(kind, { ...record, tags: merged });
  });
  return {};
};

const untagResource: OperationHandler = (ctx, input: { resourceArn: string; tagKeys: string[] }) => {
  ctx.store.transact((tx) => {
    const { kind, record } = resolve(ctx, input.resourceArn, tx);
    const tags = { ...record.tags };
    for (const k of input.tagKeys ?? []) delete tags[k];
    tx.put(kind, { ...record, tags });
  });
  return {};
};

const getTags: OperationHandler = (ctx, input: { resourceArn: string }) => {
  const { record } = resolve(ctx, input.resourceArn, ctx.store);
  return { tags: { ...record.tags } };
};

export const tagHandlers: Record<string, OperationHandler> = {
  TagResource: tagResource,
  UntagResource: untagResource,
  GetTags: getTags,
};

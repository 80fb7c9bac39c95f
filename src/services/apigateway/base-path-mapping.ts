/**
 * Base path mappings: CreateBasePathMapping, GetBasePathMapping, GetBasePathMappings,
 * UpdateBasePathMapping, DeleteBasePathMapping (apigateway-rest.md §1.10, §2.9).
 *
 * - `basePath` omitted, empty or `(none)` is the empty path, stored and shown as `(none)`; in the
 *   URI of Get/Update/Delete the empty path is written `(none)` [doc] (BOTO; aws-sdk-php#1677).
 * - `stage` omitted or `(none)`: the caller names the stage after the base path; stored absent.
 * - A `/` in the base path: 400 `API Gateway V1 doesn't support the slash character (/) in base
 *   path mappings. To create a multi-level base path mapping, use API Gateway V2.` [obs].
 * - Unknown API: 400 BadRequestException `Invalid REST API identifier specified` [obs] (Zappa docs
 *   quoting AWS; moto). Unknown stage: 400 `Invalid stage identifier specified` [inf] (moto).
 * - Same base path twice on a domain: 409 `Base path already exists for this domain name` [obs]
 *   (aws-extensions-for-dotnet-cli#102). Unknown mapping: 404 `Invalid base path mapping
 *   identifier specified` [inf] (moto).
 * - An empty mapping next to named ones is allowed, as §2.9 routes them (longest base path, then
 *   `(none)`). In 2019 AWS refused it with 409 `Only one base path mapping is allowed if the base
 *   path is empty.` (serverless-domain-manager#179); whether that still holds is open.
 * - A PRIVATE domain maps only PRIVATE APIs [infer]; a public (REGIONAL) domain may map a PRIVATE
 *   API: the ALB architecture does exactly that (seeds/private-api-over-vpn-via-alb.txt).
 */
import type { OperationContext, OperationHandler } from '../context.js';
import type { RecordReader } from '../../state/store.js';
import { KIND, basePathMappingKey, stageKey, type BasePathMapping, type DomainName, type RestApi } from '../../state/records/apigateway.js';
import { badRequest, conflict, notFound, rejectUnsupported } from './common/errors.js';
import { mustGetDomainName } from './common/domain-identity.js';
import { page } from './common/paging.js';
import { invalidPatchPath, patchOperations, requireOp, requireValue, type PatchOperation } from './common/patch.js';

export const NONE = '(none)';

const SLASH = "API Gateway V1 doesn't support the slash character (/) in base path mappings. To create a multi-level base path mapping, use API Gateway V2.";

/** Characters of a URI path segment that need no escaping (RFC 3986 unreserved + sub-delims, `$`, `@`, `:`) [infer]. */
const BASE_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]+$/;

/** The stored base path of a request's `basePath`. */
export function checkBasePath(value: string | undefined): string {
  if (value === undefined || value === '' || value === NONE) return NONE;
  if (value.includes('/')) throw badRequest(SLASH);
  if (!BASE_PATH.test(value)) throw badRequest(`Invalid base path specified: ${value}`); // [infer]
  return value;
}

/** The base path a URI label names (`(none)` or an empty label is the empty path). */
const uriBasePath = (value: string | undefined): string => (value === undefined || value === '' ? NONE : value);

export function basePathMappingToWire(m: BasePathMapping): Record<string, unknown> {
  return { basePath: m.basePath, restApiId: m.restApiId, stage: m.stage };
}

function mustGetMapping(ctx: OperationContext, input: { domainName: string; domainNameId?: string; basePath?: string }, reader: RecordReader): { domain: DomainName; mapping: BasePathMapping } {
  const domain = mustGetDomainName(ctx, input.domainName, input.domainNameId, reader);
  const mapping = reader.get<BasePathMapping>(KIND.basePathMapping, basePathMappingKey(domain.id, uriBasePath(input.basePath)));
  if (!mapping) throw notFound('Invalid base path mapping identifier specified');
  return { domain, mapping };
}

/** The API and stage a mapping points at must exist; a PRIVATE domain maps PRIVATE APIs only. */
function checkTarget(ctx: OperationContext, reader: RecordReader, domain: DomainName, restApiId: string | undefined, stage: string | undefined): void {
  const api = restApiId ? reader.get<RestApi>(KIND.restApi, restApiId) : undefined;
  if (!api || api.region !== ctx.region) throw badRequest('Invalid REST API identifier specified');
  if (stage !== undefined && !reader.get(KIND.stage, stageKey(api.id, stage))) throw badRequest('Invalid stage identifier specified');
  if (domain.endpointType === 'PRIVATE' && api.endpointConfiguration.types[0] !== 'PRIVATE') {
    throw badRequest('Only PRIVATE REST APIs can be mapped to a PRIVATE custom domain name.'); // [infer]
  }
}

const stageOf = (value: string | undefined): string | undefined => (value === undefined || value === '' || value === NONE ? undefined : value);

interface CreateBasePathMappingInput {
  domainName: string;
  domainNameId?: string;
  basePath?: string;
  restApiId: string;
  stage?: string;
}

const createBasePathMapping: OperationHandler = (ctx, input: CreateBasePathMappingInput) => {
  rejectUnsupported('CreateBasePathMapping', input as unknown as Record<string, unknown>, ['domainName', 'domainNameId', 'basePath', 'restApiId', 'stage']);
  const basePath = checkBasePath(input.basePath);
  const stage = stageOf(input.stage);
  return ctx.store.transact((tx) => {
    const domain = mustGetDomainName(ctx, input.domainName, input.domainNameId, tx);
    checkTarget(ctx, tx, domain, input.restApiId, stage);
    const id = basePathMappingKey(domain.id, basePath);
    if (tx.get(KIND.basePathMapping, id)) throw conflict('Base path already exists for this domain name');
    const mapping: BasePathMapping = { id, domainKey: domain.id, basePath, restApiId: input.restApiId, ...(stage === undefined ? {} : { stage }) };
    tx.put(KIND.basePathMapping, mapping);
    return basePathMappingToWire(mapping);
  });
};

const getBasePathMapping: OperationHandler = (ctx, input: { domainName: string; domainNameId?: string; basePath: string }) =>
  basePathMappingToWire(mustGetMapping(ctx, input, ctx.store).mapping);

const getBasePathMappings: OperationHandler = (ctx, input: { domainName: string; domainNameId?: string; limit?: number; position?: string }) => {
  const domain = mustGetDomainName(ctx, input.domainName, input.domainNameId);
  const all = ctx.store.list<BasePathMapping>(KIND.basePathMapping, (m) => m.domainKey === domain.id);
  const { items, position } = page(all, input);
  return { items: items.map(basePathMappingToWire), position };
};

/** `replace` of `/basePath`, `/restapiId` (AWS's spelling; `/restApiId` is accepted too) and `/stage`. */
function patchMapping(m: BasePathMapping, op: PatchOperation): BasePathMapping {
  switch (op.path) {
    case '/basePath':
      requireOp(op, ['replace']);
      return { ...m, basePath: checkBasePath(op.value) };
    case '/restapiId':
    case '/restApiId':
      requireOp(op, ['replace']);
      return { ...m, restApiId: requireValue(op) };
    case '/stage': {
      requireOp(op, ['replace']);
      const stage = stageOf(op.value);
      const { stage: _old, ...rest } = m;
      return stage === undefined ? rest : { ...rest, stage };
    }
    default:
      throw invalidPatchPath(op);
  }
}

const updateBasePathMapping: OperationHandler = (ctx, input: { domainName: string; domainNameId?: string; basePath: string; patchOperations?: PatchOperation[] }) => {
  return ctx.store.transact((tx) => {
    const { domain, mapping } = mustGetMapping(ctx, input, tx);
    let next = mapping;
    for (const op of patchOperations(input)) next = patchMapping(next, op);
    checkTarget(ctx, tx, domain, next.restApiId, next.stage);
    const id = basePathMappingKey(domain.id, next.basePath);
    if (id !== mapping.id) {
      if (tx.get(KIND.basePathMapping, id)) throw conflict('Base path already exists for this domain name');
      tx.delete(KIND.basePathMapping, mapping.id);
    }
    next = { ...next, id };
    tx.put(KIND.basePathMapping, next);
    return basePathMappingToWire(next);
  });
};

const deleteBasePathMapping: OperationHandler = (ctx, input: { domainName: string; domainNameId?: string; basePath: string }) => {
  ctx.store.transact((tx) => tx.delete(KIND.basePathMapping, mustGetMapping(ctx, input, tx).mapping.id));
  return {};
};

export const basePathMappingHandlers: Record<string, OperationHandler> = {
  CreateBasePathMapping: createBasePathMapping,
  GetBasePathMapping: getBasePathMapping,
  GetBasePathMappings: getBasePathMappings,
  UpdateBasePathMapping: updateBasePathMapping,
  DeleteBasePathMapping: deleteBasePathMapping,
};

/**
 * REST APIs: CreateRestApi, GetRestApi, GetRestApis, UpdateRestApi, DeleteRestApi
 * (apigateway-rest.md §1.3). CreateRestApi also creates the root resource `/`.
 */
import type { OperationContext, OperationHandler } from '../context.js';
import type { RecordReader } from '../../state/store.js';
import { KIND, resourceKey, type BasePathMapping, type EndpointConfiguration, type EndpointType, type Resource, type RestApi } from '../../state/records/apigateway.js';
import { badRequest, notImplemented, rejectUnsupported } from './common/errors.js';
import { freshId } from './common/ids.js';
import { mustGetRestApi } from './common/lookup.js';
import { page } from './common/paging.js';
import { booleanValue, invalidPatchPath, patchOperations, pointerSegments, requireOp, requireValue, type PatchOperation } from './common/patch.js';
import { validTags } from './common/tags.js';
import { toDate } from './common/time.js';
import { liveVpcEndpoint } from './common/vpc-endpoints.js';
import { normalisePolicy, policyToWire } from './policy.js';

const ENDPOINT_TYPES: readonly EndpointType[] = ['EDGE', 'REGIONAL', 'PRIVATE'];

interface EndpointConfigurationInput {
  types?: string[];
  ipAddressType?: string;
  vpcEndpointIds?: string[];
}

/** `vpcEndpointIds` outside a PRIVATE API [obs] (aws-cdk#9588; clouddrove/terraform-aws-api-gateway#28). */
const VPCE_ONLY_PRIVATE = 'VPCEndpoints can only be specified with PRIVATE apis.';

/**
 * Each VPC endpoint a private API lists must be a live endpoint of the region (EC2 records);
 * AWS's wording for one that is not is not recorded. [infer]
 */
function checkVpcEndpoint(reader: RecordReader, region: string, id: string): void {
  if (!/^vpce-[0-9a-f]{8,17}$/.test(id)) throw badRequest(`Invalid VPC endpoint id specified: ${id}`);
  if (!liveVpcEndpoint(reader, region, id)) throw badRequest(`The VPC endpoint ${id} does not exist.`);
}

/** Endpoint configuration rules and defaults of §1.3; VPC endpoints are looked up in `reader`. */
export function endpointConfiguration(input: EndpointConfigurationInput | undefined, reader: RecordReader, region: string): EndpointConfiguration {
  if (!input) return { types: ['EDGE'], ipAddressType: 'ipv4' };
  const types = input.types ?? [];
  if (types.length === 0) throw badRequest('REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.');
  if (types.length > 1) throw badRequest('Cannot create an api with multiple Endpoint Types.');
  const type = types[0] as EndpointType;
  if (!ENDPOINT_TYPES.includes(type)) throw badRequest('Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE');
  let ipAddressType: 'ipv4' | 'dualstack';
  if (type === 'PRIVATE') {
    if (input.ipAddressType === 'ipv4') throw badRequest('Only dualstack ipAddressType is supported for Private APIs.');
    ipAddressType = 'dualstack';
  } else {
    ipAddressType = input.ipAddressType === 'dualstack' ? 'dualstack' : 'ipv4';
  }
  const vpce = input.vpcEndpointIds ?? [];
  if (vpce.length > 0 && type !== 'PRIVATE') throw badRequest(VPCE_ONLY_PRIVATE);
  for (const id of vpce) checkVpcEndpoint(reader, region, id);
  return type === 'PRIVATE' && vpce.length > 0 ? { types: [type], ipAddressType, vpcEndpointIds: [...new Set(vpce)] } : { types: [type], ipAddressType };
}

export function restApiToWire(api: RestApi): Record<string, unknown> {
  return {
    id: api.id,
    name: api.name,
    description: api.description,
    createdDate: toDate(api.createdDate),
    version: api.version,
    binaryMediaTypes: api.binaryMediaTypes?.length ? [...api.binaryMediaTypes] : undefined,
    minimumCompressionSize: api.minimumCompressionSize,
    apiKeySource: api.apiKeySource,
    endpointConfiguration: api.endpointConfiguration,
    policy: api.policy === undefined ? undefined : policyToWire(api.policy),
    tags: Object.keys(api.tags).length ? api.tags : undefined,
    disableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
    rootResourceId: api.rootResourceId,
  };
}

function description(value: string | undefined): string | undefined {
  if (value === '') throw badRequest('Description cannot be an empty string');
  return value;
}

function minimumCompressionSize(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  // 0..10485760 (§1.3).
  if (!Number.isInteger(value) || value < 0 || value > 10485760) throw badRequest('Invalid minimum compression size, must be between 0 and 10485760');
  return value;
}

interface CreateRestApiInput {
  name: string;
  description?: string;
  version?: string;
  binaryMediaTypes?: string[];
  minimumCompressionSize?: number;
  apiKeySource?: 'HEADER' | 'AUTHORIZER';
  endpointConfiguration?: EndpointConfigurationInput;
  policy?: string;
  tags?: Record<string, string>;
  disableExecuteApiEndpoint?: boolean;
}

const createRestApi: OperationHandler = (ctx, input: CreateRestApiInput) => {
  rejectUnsupported('CreateRestApi', input as unknown as Record<string, unknown>, [
    'name', 'description', 'version', 'binaryMediaTypes', 'minimumCompressionSize', 'apiKeySource', 'endpointConfiguration', 'policy', 'tags', 'disableExecuteApiEndpoint',
  ]);
  if (!input.name) throw badRequest('Name cannot be empty');
  const tags = validTags(input.tags);
  const desc = description(input.description);
  const mcs = minimumCompressionSize(input.minimumCompressionSize);
  return ctx.store.transact((tx) => {
    const endpoint = endpointConfiguration(input.endpointConfiguration, tx, ctx.region);
    const id = freshId(10, (x) => tx.get(KIND.restApi, x) !== undefined);
    const rootResourceId = freshId(10, (x) => tx.get(KIND.resource, resourceKey(id, x)) !== undefined);
    const api: RestApi = {
      id,
      region: ctx.region,
      name: input.name,
      description: desc,
      version: input.version,
      createdDate: ctx.clock.now().toISOString(),
      binaryMediaTypes: input.binaryMediaTypes?.length ? [...input.binaryMediaTypes] : undefined,
      minimumCompressionSize: mcs,
      apiKeySource: input.apiKeySource ?? 'HEADER',
      endpointConfiguration: endpoint,
      policy: input.policy === undefined ? undefined : normalisePolicy(input.policy, ctx.region, ctx.accountId, id),
      tags,
      disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? false,
      rootResourceId,
    };
    tx.put(KIND.restApi, api);
    const root: Resource = { id: resourceKey(id, rootResourceId), restApiId: id, resourceId: rootResourceId, path: '/', methods: {} };
    tx.put(KIND.resource, root);
    return restApiToWire(api);
  });
};

const getRestApi: OperationHandler = (ctx, input: { restApiId: string }) => restApiToWire(mustGetRestApi(ctx, input.restApiId));

const getRestApis: OperationHandler = (ctx, input: { limit?: number; position?: string }) => {
  const all = ctx.store.list<RestApi>(KIND.restApi, (a) => a.region === ctx.region);
  const { items, position } = page(all, input);
  return { items: items.map(restApiToWire), position };
};

/** Applies one patch operation of UpdateRestApi (§1.3). */
function patchRestApi(ctx: OperationContext, reader: RecordReader, api: RestApi, op: PatchOperation): RestApi {
  const [head, ...rest] = pointerSegments(op.path);
  switch (head) {
    case 'name':
      requireOp(op, ['replace']);
      if (!requireValue(op)) throw badRequest('Name cannot be empty');
      return { ...api, name: requireValue(op) };
    case 'description':
      requireOp(op, ['replace']);
      return { ...api, description: op.value === undefined || op.value === '' ? undefined : op.value };
    case 'version':
      requireOp(op, ['replace']);
      return { ...api, version: op.value || undefined };
    case 'policy':
      requireOp(op, ['replace']);
      return { ...api, policy: op.value ? normalisePolicy(op.value, ctx.region, ctx.accountId, api.id) : undefined };
    case 'apiKeySource': {
      requireOp(op, ['replace']);
      const v = requireValue(op);
      if (v !== 'HEADER' && v !== 'AUTHORIZER') throw badRequest(`Invalid API Key source specified: ${v}. Valid options are HEADER,AUTHORIZER`);
      return { ...api, apiKeySource: v };
    }
    case 'disableExecuteApiEndpoint':
      requireOp(op, ['replace']);
      return { ...api, disableExecuteApiEndpoint: booleanValue(op) };
    case 'minimumCompressionSize':
      requireOp(op, ['replace']);
      return { ...api, minimumCompressionSize: op.value ? minimumCompressionSize(Number(op.value)) : undefined };
    case 'binaryMediaTypes': {
      // `/binaryMediaTypes/image~1png` (the media type is the escaped key).
      requireOp(op, ['add', 'remove', 'replace']);
      const type = rest.join('/');
      if (!type) throw invalidPatchPath(op);
      const cur = (api.binaryMediaTypes ?? []).filter((t) => t !== type);
      const next = op.op === 'remove' ? cur : op.op === 'add' ? [...cur, type] : [...cur, requireValue(op)];
      return { ...api, binaryMediaTypes: next.length ? next : undefined };
    }
    case 'endpointConfiguration':
      return patchEndpoint(reader, ctx.region, api, op, rest);
    default:
      throw invalidPatchPath(op);
  }
}

/**
 * `/endpointConfiguration/types/{OLD}` replace → {NEW} (§1.3), where {OLD} may also be the index
 * `0`, as Terraform and the ACK controller send it [obs] (terraform-provider-aws rest_api update);
 * `/endpointConfiguration/vpcEndpointIds` add/remove.
 */
function patchEndpoint(reader: RecordReader, region: string, api: RestApi, op: PatchOperation, rest: string[]): RestApi {
  const cur = api.endpointConfiguration;
  if (rest[0] === 'types' && rest.length === 2) {
    if (op.op !== 'add' && op.op !== 'remove' && op.op !== 'replace') throw badRequest("Invalid patch operation specified. Must be 'add'|'remove'|'replace'");
    if (op.op !== 'replace') throw notImplemented(`UpdateRestApi ${op.op} ${op.path} (only replace converts an endpoint type)`);
    const from = rest[1] === '0' ? cur.types[0]! : rest[1]!;
    const to = requireValue(op);
    if (!ENDPOINT_TYPES.includes(to as EndpointType) || !ENDPOINT_TYPES.includes(from as EndpointType)) {
      throw badRequest('Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE');
    }
    if (cur.types[0] !== from) throw badRequest(`Invalid patch path ${op.path}: the API's endpoint type is ${cur.types[0]}`);
    // Private → EDGE is not allowed, private → REGIONAL is (§1.3); AWS's wording is not recorded. [inf]
    if (from === 'PRIVATE' && to === 'EDGE') throw badRequest('Cannot update an API from PRIVATE to EDGE; convert it to REGIONAL.');
    if (to === 'PRIVATE') return { ...api, endpointConfiguration: { types: ['PRIVATE'], ipAddressType: 'dualstack', vpcEndpointIds: cur.vpcEndpointIds } };
    return { ...api, endpointConfiguration: { types: [to as EndpointType], ipAddressType: cur.ipAddressType } };
  }
  if (rest[0] === 'vpcEndpointIds' && rest.length === 1) {
    requireOp(op, ['add', 'remove']);
    const id = requireValue(op);
    if (cur.types[0] !== 'PRIVATE') throw badRequest(VPCE_ONLY_PRIVATE);
    const ids = (cur.vpcEndpointIds ?? []).filter((x) => x !== id);
    if (op.op === 'add') {
      checkVpcEndpoint(reader, region, id);
      ids.push(id);
    }
    return { ...api, endpointConfiguration: { types: cur.types, ipAddressType: cur.ipAddressType, ...(ids.length ? { vpcEndpointIds: ids } : {}) } };
  }
  if (rest[0] === 'ipAddressType' && rest.length === 1) {
    requireOp(op, ['replace']);
    const v = requireValue(op);
    if (v !== 'ipv4' && v !== 'dualstack') throw badRequest(`Invalid ipAddressType specified: ${v}`);
    if (cur.types[0] === 'PRIVATE' && v === 'ipv4') throw badRequest('Only dualstack ipAddressType is supported for Private APIs.');
    return { ...api, endpointConfiguration: { ...cur, ipAddressType: v } };
  }
  throw invalidPatchPath(op);
}

const updateRestApi: OperationHandler = (ctx, input: { restApiId: string; patchOperations?: PatchOperation[] }) => {
  return ctx.store.transact((tx) => {
    let api = mustGetRestApi(ctx, input.restApiId, tx);
    for (const op of patchOperations(input)) api = patchRestApi(ctx, tx, api, op);
    tx.put(KIND.restApi, api);
    return restApiToWire(api);
  });
};

/**
 * Deletes the API and everything that hangs off it. An API that a custom domain maps is refused:
 * 400 `Deleting RestApi {id} failed. Please remove all base path mappings related to the RestApi
 * in your domains.` [obs] (serverless-domain-manager#406; gcdt#373).
 */
const deleteRestApi: OperationHandler = (ctx, input: { restApiId: string }) => {
  ctx.store.transact((tx) => {
    const api = mustGetRestApi(ctx, input.restApiId, tx);
    if (tx.list<BasePathMapping>(KIND.basePathMapping, (m) => m.restApiId === api.id).length) {
      throw badRequest(`Deleting RestApi ${api.id} failed. Please remove all base path mappings related to the RestApi in your domains.`);
    }
    for (const kind of [KIND.resource, KIND.deployment, KIND.stage, KIND.gatewayResponse]) {
      for (const r of tx.list<{ id: string; restApiId: string }>(kind, (r) => r.restApiId === api.id)) tx.delete(kind, r.id);
    }
    tx.delete(KIND.restApi, api.id);
  });
  return {};
};

export const restApiHandlers: Record<string, OperationHandler> = {
  CreateRestApi: createRestApi,
  GetRestApi: getRestApi,
  GetRestApis: getRestApis,
  UpdateRestApi: updateRestApi,
  DeleteRestApi: deleteRestApi,
};

/**
 * Integrations: PutIntegration, GetIntegration, UpdateIntegration, DeleteIntegration
 * (apigateway-rest.md §1.6). Types HTTP, HTTP_PROXY and MOCK; AWS and AWS_PROXY (Lambda and
 * service integrations) are not implemented here. The integration is stored inside its method.
 */
import type { OperationContext, OperationHandler } from '../context.js';
import type { RecordReader } from '../../state/store.js';
import { KIND, type Integration, type Method, type VpcLink } from '../../state/records/apigateway.js';
import { badRequest, notFound, notImplemented, rejectUnsupported, validationError } from './common/errors.js';
import { mustGetMethod } from './common/lookup.js';
import { checkIntegrationRequestParameters } from './common/mapping.js';
import { HTTP_METHODS, writeMethod } from './common/methods.js';
import { invalidPatchPath, patchOperations, pointerSegments, requireOp, requireValue, type PatchOperation } from './common/patch.js';
import { integrationToWire } from './wire.js';

const PASSTHROUGH = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'];
export const DEFAULT_TIMEOUT_MS = 29_000;
const MIN_TIMEOUT_MS = 50;

/** `${stageVariables.name}`, substituted by the data plane at request time. */
const STAGE_VARIABLE = /\$\{stageVariables\.[A-Za-z0-9_]+\}/g;

/**
 * HTTP/HTTP_PROXY uris are absolute http(s) URLs (§1.6). Stage variables may stand anywhere
 * (`http://${stageVariables.VPCNLB}/{proxy}`) and `{param}` placeholders in the path.
 */
export function isHttpEndpoint(uri: string | undefined): boolean {
  if (!uri || /\s/.test(uri)) return false;
  const probe = uri.replace(STAGE_VARIABLE, 'stagevar').replace(/\{[A-Za-z0-9_.\-+]+\}/g, 'param');
  try {
    const u = new URL(probe);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' && /^https?:\/\/[^/]/.test(probe);
  } catch {
    return false;
  }
}

/** A literal connectionId names an existing VPC link of the region; `${stageVariables.x}` is resolved later. */
function checkConnectionId(ctx: OperationContext, reader: RecordReader, id: string): void {
  if (/^\$\{stageVariables\.[A-Za-z0-9_]+\}$/.test(id)) return;
  const link = reader.get<VpcLink>(KIND.vpcLink, id);
  // Existence check and wording inferred from the VPC link 404 (§1.1). [inf]
  if (!link || link.region !== ctx.region) throw notFound('Invalid Vpc Link identifier specified');
}

/** Validates a complete integration (after a put or a patch) against the rules of §1.6. */
function checkIntegration(ctx: OperationContext, reader: RecordReader, i: Integration, method: Method): Integration {
  if (i.type === 'HTTP' || i.type === 'HTTP_PROXY') {
    if (!i.httpMethod) throw badRequest('Enumeration value for HttpMethod must be non-empty');
    if (!isHttpEndpoint(i.uri)) throw badRequest('Invalid HTTP endpoint specified for URI');
  } else if (i.connectionType === 'VPC_LINK') {
    // MOCK has no connection (§1.6: connectionType absent for MOCK). [inf for the wording]
    throw badRequest('Connection type VPC_LINK is only supported for HTTP and HTTP_PROXY integrations');
  }
  if (i.httpMethod !== undefined && !(HTTP_METHODS as readonly string[]).includes(i.httpMethod)) {
    throw badRequest('Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY');
  }
  if (i.connectionType === 'VPC_LINK') {
    // Wording not recorded in apigateway-rest.md. [inf]
    if (!i.connectionId) throw badRequest('Connection Id must be specified for connection type VPC_LINK');
    checkConnectionId(ctx, reader, i.connectionId);
  } else if (i.connectionId) {
    throw badRequest('Connection Id is only supported for connection type VPC_LINK'); // [inf]
  }
  if (!PASSTHROUGH.includes(i.passthroughBehavior)) {
    throw badRequest(`Invalid passthrough behavior specified: ${i.passthroughBehavior}. Valid options are ${PASSTHROUGH.join(',')}`); // [inf]
  }
  if (!Number.isInteger(i.timeoutInMillis) || i.timeoutInMillis < MIN_TIMEOUT_MS || i.timeoutInMillis > DEFAULT_TIMEOUT_MS) {
    // 50..29,000 ms (§1.6); quota increases above 29 s are not modelled. Wording [inf].
    throw badRequest(`Timeout should be between ${MIN_TIMEOUT_MS} ms and ${DEFAULT_TIMEOUT_MS} ms`);
  }
  if (i.contentHandling !== undefined && i.contentHandling !== 'CONVERT_TO_BINARY' && i.contentHandling !== 'CONVERT_TO_TEXT') {
    throw badRequest(`Invalid content handling specified: ${i.contentHandling}`); // [inf]
  }
  checkIntegrationRequestParameters(i.requestParameters as Record<string, string> | undefined, method.requestParameters);
  return i;
}

interface PutIntegrationInput {
  restApiId: string;
  resourceId: string;
  httpMethod: string;
  type: string;
  integrationHttpMethod?: string;
  uri?: string;
  connectionType?: 'INTERNET' | 'VPC_LINK';
  connectionId?: string;
  requestParameters?: Record<string, string>;
  requestTemplates?: Record<string, string>;
  passthroughBehavior?: string;
  cacheNamespace?: string;
  cacheKeyParameters?: string[];
  contentHandling?: string;
  timeoutInMillis?: number;
  tlsConfig?: { insecureSkipVerification?: boolean };
}

function integrationType(type: string): Integration['type'] {
  if (type === 'HTTP' || type === 'HTTP_PROXY' || type === 'MOCK') return type;
  if (type === 'AWS' || type === 'AWS_PROXY') throw notImplemented(`Integration type ${type}`);
  throw validationError(type, 'putIntegrationInput.type', 'Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]');
}

const putIntegration: OperationHandler = (ctx, input: PutIntegrationInput) => {
  rejectUnsupported('PutIntegration', input as unknown as Record<string, unknown>, [
    'restApiId', 'resourceId', 'httpMethod', 'type', 'integrationHttpMethod', 'uri', 'connectionType', 'connectionId', 'requestParameters',
    'requestTemplates', 'passthroughBehavior', 'cacheNamespace', 'cacheKeyParameters', 'contentHandling', 'timeoutInMillis', 'tlsConfig',
  ]);
  const type = integrationType(input.type);
  const http = type !== 'MOCK';
  return ctx.store.transact((tx) => {
    const { resource, method } = mustGetMethod(ctx, input.restApiId, input.resourceId, input.httpMethod, tx);
    const i = checkIntegration(ctx, tx, {
      type,
      httpMethod: input.integrationHttpMethod,
      uri: input.uri,
      // `connectionType: INTERNET` is echoed for HTTP types, absent for MOCK (§1.6).
      connectionType: input.connectionType ?? (http ? 'INTERNET' : undefined),
      connectionId: input.connectionId,
      requestParameters: input.requestParameters,
      requestTemplates: input.requestTemplates,
      passthroughBehavior: input.passthroughBehavior ?? 'WHEN_NO_MATCH',
      contentHandling: input.contentHandling,
      timeoutInMillis: input.timeoutInMillis ?? DEFAULT_TIMEOUT_MS,
      cacheNamespace: input.cacheNamespace ?? resource.resourceId,
      cacheKeyParameters: input.cacheKeyParameters ?? [],
      tlsConfig: input.tlsConfig,
      integrationResponses: {},
    }, method);
    writeMethod(tx, resource, method.httpMethod, { ...method, methodIntegration: i });
    return integrationToWire(i);
  });
};

export function mustGetIntegration(method: Method): Integration {
  if (!method.methodIntegration) throw notFound('Invalid Integration identifier specified');
  return method.methodIntegration;
}

const getIntegration: OperationHandler = (ctx, input: { restApiId: string; resourceId: string; httpMethod: string }) =>
  integrationToWire(mustGetIntegration(mustGetMethod(ctx, input.restApiId, input.resourceId, input.httpMethod).method));

/** A map-valued patch path: `/requestParameters/integration.request.path.proxy`, `/requestTemplates/application~1json`. */
function patchMap(map: Readonly<Record<string, string>> | undefined, key: string, op: PatchOperation): Record<string, string> | undefined {
  requireOp(op, ['add', 'remove', 'replace']);
  const next = { ...(map ?? {}) };
  if (op.op === 'remove') delete next[key];
  else next[key] = requireValue(op);
  return Object.keys(next).length ? next : undefined;
}

function patchIntegration(i: Integration, op: PatchOperation): Integration {
  const [field, ...rest] = pointerSegments(op.path);
  const key = rest.join('/');
  const scalar = (): string => {
    requireOp(op, ['replace']);
    if (rest.length) throw invalidPatchPath(op);
    return requireValue(op);
  };
  switch (field) {
    case 'uri':
      return { ...i, uri: scalar() };
    case 'httpMethod':
      return { ...i, httpMethod: scalar() };
    case 'connectionType':
      return { ...i, connectionType: scalar() as Integration['connectionType'] };
    case 'connectionId':
      requireOp(op, ['replace', 'remove']);
      return { ...i, connectionId: op.op === 'remove' ? undefined : op.value || undefined };
    case 'passthroughBehavior':
      return { ...i, passthroughBehavior: scalar() };
    case 'timeoutInMillis':
      return { ...i, timeoutInMillis: Number(scalar()) };
    case 'cacheNamespace':
      return { ...i, cacheNamespace: scalar() };
    case 'contentHandling':
      requireOp(op, ['replace', 'remove']);
      return { ...i, contentHandling: op.op === 'remove' ? undefined : op.value || undefined };
    case 'requestParameters':
      if (!key) throw invalidPatchPath(op);
      return { ...i, requestParameters: patchMap(i.requestParameters, key, op) };
    case 'requestTemplates':
      if (!key) throw invalidPatchPath(op);
      return { ...i, requestTemplates: patchMap(i.requestTemplates, key, op) };
    case 'cacheKeyParameters': {
      requireOp(op, ['add', 'remove']);
      if (!key) throw invalidPatchPath(op);
      const rest2 = i.cacheKeyParameters.filter((p) => p !== key);
      return { ...i, cacheKeyParameters: op.op === 'add' ? [...rest2, key] : rest2 };
    }
    case 'tlsConfig':
      if (key !== 'insecureSkipVerification') throw invalidPatchPath(op);
      requireOp(op, ['replace']);
      return { ...i, tlsConfig: { insecureSkipVerification: requireValue(op) === 'true' } };
    default:
      throw invalidPatchPath(op);
  }
}

const updateIntegration: OperationHandler = (ctx, input: { restApiId: string; resourceId: string; httpMethod: string; patchOperations?: PatchOperation[] }) => {
  return ctx.store.transact((tx) => {
    const { resource, method } = mustGetMethod(ctx, input.restApiId, input.resourceId, input.httpMethod, tx);
    let i = mustGetIntegration(method);
    for (const op of patchOperations(input)) i = patchIntegration(i, op);
    checkIntegration(ctx, tx, i, method);
    writeMethod(tx, resource, method.httpMethod, { ...method, methodIntegration: i });
    return integrationToWire(i);
  });
};

const deleteIntegration: OperationHandler = (ctx, input: { restApiId: string; resourceId: string; httpMethod: string }) => {
  ctx.store.transact((tx) => {
    const { resource, method } = mustGetMethod(ctx, input.restApiId, input.resourceId, input.httpMethod, tx);
    mustGetIntegration(method);
    writeMethod(tx, resource, method.httpMethod, { ...method, methodIntegration: undefined });
  });
  return {};
};

export const integrationHandlers: Record<string, OperationHandler> = {
  PutIntegration: putIntegration,
  GetIntegration: getIntegration,
  UpdateIntegration: updateIntegration,
  DeleteIntegration: deleteIntegration,
};

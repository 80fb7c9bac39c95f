/**
 * Methods: PutMethod, GetMethod, UpdateMethod, DeleteMethod (apigateway-rest.md §1.5).
 * Authorization types NONE and AWS_IAM; CUSTOM and COGNITO_USER_POOLS (authorizers) are not
 * implemented here.
 */
import type { OperationHandler } from '../context.js';
import type { Method } from '../../state/records/apigateway.js';
import { badRequest, conflict, notImplemented, rejectUnsupported } from './common/errors.js';
import { mustGetMethod, mustGetResource } from './common/lookup.js';
import { checkMethodRequestParameters } from './common/mapping.js';
import { checkHttpMethod, writeMethod } from './common/methods.js';
import { booleanValue, invalidPatchPath, patchOperations, pointerSegments, requireOp, requireValue, type PatchOperation } from './common/patch.js';
import { methodToWire } from './wire.js';

function authorizationType(value: string | undefined, authorizerId: string | undefined): 'NONE' | 'AWS_IAM' {
  if (value === 'NONE' || value === 'AWS_IAM') return value;
  if (value === 'CUSTOM' || value === 'COGNITO_USER_POOLS') {
    if (!authorizerId) throw badRequest('Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.');
    throw notImplemented(`authorizationType ${value}`);
  }
  // AWS's wording for an unknown type is not recorded. [inf]
  throw badRequest(`Invalid authorization type specified: ${String(value)}. Valid options are NONE,AWS_IAM,CUSTOM,COGNITO_USER_POOLS`);
}

interface PutMethodInput {
  restApiId: string;
  resourceId: string;
  httpMethod: string;
  authorizationType: string;
  authorizerId?: string;
  apiKeyRequired?: boolean;
  operationName?: string;
  requestParameters?: Record<string, boolean>;
}

const putMethod: OperationHandler = (ctx, input: PutMethodInput) => {
  rejectUnsupported('PutMethod', input as unknown as Record<string, unknown>, [
    'restApiId', 'resourceId', 'httpMethod', 'authorizationType', 'authorizerId', 'apiKeyRequired', 'operationName', 'requestParameters',
  ]);
  return ctx.store.transact((tx) => {
    const resource = mustGetResource(ctx, input.restApiId, input.resourceId, tx);
    const verb = checkHttpMethod(input.httpMethod);
    const method: Method = {
      httpMethod: verb,
      authorizationType: authorizationType(input.authorizationType, input.authorizerId),
      apiKeyRequired: input.apiKeyRequired ?? false,
      operationName: input.operationName,
      requestParameters: checkMethodRequestParameters(input.requestParameters),
      methodResponses: {},
    };
    // PutMethod does not overwrite; wording not in apigateway-rest.md. [inf]
    if (resource.methods[verb]) throw conflict('Method already exists for this resource');
    writeMethod(tx, resource, verb, method);
    return methodToWire(method);
  });
};

const getMethod: OperationHandler = (ctx, input: { restApiId: string; resourceId: string; httpMethod: string }) =>
  methodToWire(mustGetMethod(ctx, input.restApiId, input.resourceId, input.httpMethod).method);

function patchMethod(m: Method, op: PatchOperation): Method {
  const [field, ...rest] = pointerSegments(op.path);
  switch (field) {
    case 'authorizationType':
      requireOp(op, ['replace']);
      return { ...m, authorizationType: authorizationType(requireValue(op), undefined) };
    case 'apiKeyRequired':
      requireOp(op, ['replace']);
      return { ...m, apiKeyRequired: booleanValue(op) };
    case 'operationName':
      requireOp(op, ['replace']);
      return { ...m, operationName: op.value || undefined };
    case 'requestParameters': {
      // `/requestParameters/method.request.path.id` with value 'true' (required) or 'false'.
      requireOp(op, ['add', 'remove', 'replace']);
      const key = rest.join('/');
      if (!key) throw invalidPatchPath(op);
      const params = { ...(m.requestParameters ?? {}) };
      if (op.op === 'remove') delete params[key];
      else params[key] = op.value === undefined ? false : booleanValue(op);
      return { ...m, requestParameters: checkMethodRequestParameters(params) };
    }
    case 'authorizerId':
    case 'requestValidatorId':
    case 'authorizationScopes':
    case 'requestModels':
      throw notImplemented(`UpdateMethod ${op.path}`);
    default:
      throw invalidPatchPath(op);
  }
}

const updateMethod: OperationHandler = (ctx, input: { restApiId: string; resourceId: string; httpMethod: string; patchOperations?: PatchOperation[] }) => {
  return ctx.store.transact((tx) => {
    const { resource, method } = mustGetMethod(ctx, input.restApiId, input.resourceId, input.httpMethod, tx);
    let m = method;
    for (const op of patchOperations(input)) m = patchMethod(m, op);
    writeMethod(tx, resource, m.httpMethod, m);
    return methodToWire(m);
  });
};

const deleteMethod: OperationHandler = (ctx, input: { restApiId: string; resourceId: string; httpMethod: string }) => {
  ctx.store.transact((tx) => {
    const { resource } = mustGetMethod(ctx, input.restApiId, input.resourceId, input.httpMethod, tx);
    writeMethod(tx, resource, input.httpMethod, undefined);
  });
  return {};
};

export const methodHandlers: Record<string, OperationHandler> = {
  PutMethod: putMethod,
  GetMethod: getMethod,
  UpdateMethod: updateMethod,
  DeleteMethod: deleteMethod,
};

/**
 * Method responses: PutMethodResponse, GetMethodResponse, DeleteMethodResponse
 * (apigateway-rest.md §1.7). They are stored inside their method.
 */
import type { OperationHandler } from '../context.js';
import type { MethodResponse } from '../../state/records/apigateway.js';
import { badRequest, notFound, rejectUnsupported } from './common/errors.js';
import { mustGetMethod } from './common/lookup.js';
import { writeMethod } from './common/methods.js';
import { checkStatusCode } from './common/status-code.js';
import { methodResponseToWire } from './wire.js';

interface MethodResponseInput {
  restApiId: string;
  resourceId: string;
  httpMethod: string;
  statusCode: string;
  responseParameters?: Record<string, boolean>;
  responseModels?: Record<string, string>;
}

/** Keys `method.response.header.{name}` → boolean "required" (§1.7). */
function responseParameters(params: Record<string, unknown> | undefined): Record<string, boolean> | undefined {
  if (!params) return undefined;
  for (const [k, v] of Object.entries(params)) {
    if (!/^method\.response\.header\.[A-Za-z0-9\-_.~!#$%&'*+^`|]+$/.test(k) || typeof v !== 'boolean') {
      throw badRequest(`Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: ${k}]`);
    }
  }
  return { ...(params as Record<string, boolean>) };
}

const NOT_FOUND = 'Invalid Response status code specified';

const putMethodResponse: OperationHandler = (ctx, input: MethodResponseInput) => {
  rejectUnsupported('PutMethodResponse', input as unknown as Record<string, unknown>, ['restApiId', 'resourceId', 'httpMethod', 'statusCode', 'responseParameters', 'responseModels']);
  checkStatusCode(input.statusCode, 'PutMethodResponse');
  return ctx.store.transact((tx) => {
    const { resource, method } = mustGetMethod(ctx, input.restApiId, input.resourceId, input.httpMethod, tx);
    const r: MethodResponse = { statusCode: input.statusCode, responseParameters: responseParameters(input.responseParameters), responseModels: input.responseModels };
    writeMethod(tx, resource, method.httpMethod, { ...method, methodResponses: { ...method.methodResponses, [r.statusCode]: r } });
    return methodResponseToWire(r);
  });
};

const getMethodResponse: OperationHandler = (ctx, input: MethodResponseInput) => {
  const { method } = mustGetMethod(ctx, input.restApiId, input.resourceId, input.httpMethod);
  const r = method.methodResponses[input.statusCode];
  if (!r) throw notFound(NOT_FOUND);
  return methodResponseToWire(r);
};

const deleteMethodResponse: OperationHandler = (ctx, input: MethodResponseInput) => {
  ctx.store.transact((tx) => {
    const { resource, method } = mustGetMethod(ctx, input.restApiId, input.resourceId, input.httpMethod, tx);
    if (!method.methodResponses[input.statusCode]) throw notFound(NOT_FOUND);
    const methodResponses = { ...method.methodResponses };
    delete methodResponses[input.statusCode];
    writeMethod(tx, resource, method.httpMethod, { ...method, methodResponses });
  });
  return {};
};

export const methodResponseHandlers: Record<string, OperationHandler> = {
  PutMethodResponse: putMethodResponse,
  GetMethodResponse: getMethodResponse,
  DeleteMethodResponse: deleteMethodResponse,
};

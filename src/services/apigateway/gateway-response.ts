/**
 * Gateway responses: GetGatewayResponses, GetGatewayResponse, PutGatewayResponse,
 * DeleteGatewayResponse (apigateway-rest.md §1.12). Only customised types are stored; the rest
 * are the built-in defaults (`defaultResponse: true`).
 */
import type { OperationHandler } from '../context.js';
import { KIND, gatewayResponseKey, type GatewayResponse } from '../../state/records/apigateway.js';
import { notFound, rejectUnsupported, validationError } from './common/errors.js';
import { mustGetRestApi } from './common/lookup.js';
import { page } from './common/paging.js';
import { checkStatusCode } from './common/status-code.js';
import { DEFAULT_TEMPLATES, GATEWAY_RESPONSE_DEFAULTS } from '../../state/records/gateway-response-defaults.js';

const TYPES = Object.keys(GATEWAY_RESPONSE_DEFAULTS);

function checkType(type: string, operation: string): string {
  if (!TYPES.includes(type)) {
    const at = operation.charAt(0).toLowerCase() + operation.slice(1) + 'Input.responseType';
    throw validationError(type, at, `Member must satisfy enum value set: [${TYPES.join(', ')}]`);
  }
  return type;
}

function defaultToWire(type: string): Record<string, unknown> {
  return { responseType: type, statusCode: GATEWAY_RESPONSE_DEFAULTS[type], responseParameters: {}, responseTemplates: { ...DEFAULT_TEMPLATES }, defaultResponse: true };
}

function customToWire(g: GatewayResponse): Record<string, unknown> {
  return {
    responseType: g.responseType,
    statusCode: g.statusCode,
    responseParameters: g.responseParameters ?? {},
    responseTemplates: g.responseTemplates ?? {},
    defaultResponse: false,
  };
}

const getGatewayResponses: OperationHandler = (ctx, input: { restApiId: string; limit?: number; position?: string }) => {
  mustGetRestApi(ctx, input.restApiId);
  const all = TYPES.map((t) => {
    const g = ctx.store.get<GatewayResponse>(KIND.gatewayResponse, gatewayResponseKey(input.restApiId, t));
    return g ? customToWire(g) : defaultToWire(t);
  });
  const { items, position } = page(all, input);
  return { items, position };
};

const getGatewayResponse: OperationHandler = (ctx, input: { restApiId: string; responseType: string }) => {
  mustGetRestApi(ctx, input.restApiId);
  const type = checkType(input.responseType, 'GetGatewayResponse');
  const g = ctx.store.get<GatewayResponse>(KIND.gatewayResponse, gatewayResponseKey(input.restApiId, type));
  return g ? customToWire(g) : defaultToWire(type);
};

interface PutGatewayResponseInput {
  restApiId: string;
  responseType: string;
  statusCode?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
}

const putGatewayResponse: OperationHandler = (ctx, input: PutGatewayResponseInput) => {
  rejectUnsupported('PutGatewayResponse', input as unknown as Record<string, unknown>, ['restApiId', 'responseType', 'statusCode', 'responseParameters', 'responseTemplates']);
  const type = checkType(input.responseType, 'PutGatewayResponse');
  if (input.statusCode !== undefined) checkStatusCode(input.statusCode, 'PutGatewayResponse');
  return ctx.store.transact((tx) => {
    const api = mustGetRestApi(ctx, input.restApiId, tx);
    const g: GatewayResponse = {
      id: gatewayResponseKey(api.id, type),
      restApiId: api.id,
      responseType: type,
      statusCode: input.statusCode,
      responseParameters: input.responseParameters,
      responseTemplates: input.responseTemplates,
    };
    tx.put(KIND.gatewayResponse, g);
    return customToWire(g);
  });
};

const deleteGatewayResponse: OperationHandler = (ctx, input: { restApiId: string; responseType: string }) => {
  ctx.store.transact((tx) => {
    const api = mustGetRestApi(ctx, input.restApiId, tx);
    const type = checkType(input.responseType, 'DeleteGatewayResponse');
    const key = gatewayResponseKey(api.id, type);
    if (!tx.get(KIND.gatewayResponse, key)) throw notFound('Gateway response type not defined on api');
    tx.delete(KIND.gatewayResponse, key);
  });
  return {};
};

export const gatewayResponseHandlers: Record<string, OperationHandler> = {
  GetGatewayResponses: getGatewayResponses,
  GetGatewayResponse: getGatewayResponse,
  PutGatewayResponse: putGatewayResponse,
  DeleteGatewayResponse: deleteGatewayResponse,
};

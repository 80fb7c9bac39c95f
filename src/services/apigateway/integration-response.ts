/**
 * Integration responses: PutIntegrationResponse, GetIntegrationResponse,
 * DeleteIntegrationResponse (apigateway-rest.md §1.7). Stored inside their integration.
 */
import type { OperationHandler } from '../context.js';
import type { IntegrationResponse } from '../../state/records/apigateway.js';
import { badRequest, notFound, rejectUnsupported } from './common/errors.js';
import { mustGetMethod } from './common/lookup.js';
import { writeMethod } from './common/methods.js';
import { checkStatusCode } from './common/status-code.js';
import { mustGetIntegration } from './integration.js';
import { integrationResponseToWire } from './wire.js';

interface IntegrationResponseInput {
  restApiId: string;
  resourceId: string;
  httpMethod: string;
  statusCode: string;
  selectionPattern?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
  contentHandling?: string;
}

const NOT_FOUND = 'Invalid Response status code specified';

/** Keys `method.response.header.{name}`; values `integration.response.header.X`, `integration.response.body...` or `'static'` (§1.7). */
function responseParameters(params: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!params) return undefined;
  for (const [k, v] of Object.entries(params)) {
    const okKey = /^method\.response\.header\.[A-Za-z0-9\-_.~!#$%&'*+^`|]+$/.test(k);
    const okValue = typeof v === 'string' && (/^'.*'$/s.test(v) || /^integration\.response\.(header\.[^\s]+|multivalueheader\.[^\s]+|body(\..+)?)$/.test(v) || /^context\.[A-Za-z0-9_.]+$/.test(v) || /^stageVariables\.[A-Za-z0-9_]+$/.test(v));
    if (!okKey || !okValue) throw badRequest(`Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: ${okKey ? String(v) : k}]`);
  }
  return { ...params };
}

function checkSelectionPattern(p: string | undefined): string | undefined {
  if (p === undefined) return undefined;
  try {
    new RegExp(p);
  } catch {
    throw badRequest(`Invalid selection pattern specified: ${p}`); // [inf]
  }
  return p;
}

const putIntegrationResponse: OperationHandler = (ctx, input: IntegrationResponseInput) => {
  rejectUnsupported('PutIntegrationResponse', input as unknown as Record<string, unknown>, [
    'restApiId', 'resourceId', 'httpMethod', 'statusCode', 'selectionPattern', 'responseParameters', 'responseTemplates', 'contentHandling',
  ]);
  checkStatusCode(input.statusCode, 'PutIntegrationResponse');
  return ctx.store.transact((tx) => {
    const { resource, method } = mustGetMethod(ctx, input.restApiId, input.resourceId, input.httpMethod, tx);
    const integration = mustGetIntegration(method);
    if (input.contentHandling !== undefined && input.contentHandling !== 'CONVERT_TO_BINARY' && input.contentHandling !== 'CONVERT_TO_TEXT') {
      throw badRequest(`Invalid content handling specified: ${input.contentHandling}`); // [inf]
    }
    const r: IntegrationResponse = {
      statusCode: input.statusCode,
      selectionPattern: checkSelectionPattern(input.selectionPattern),
      responseParameters: responseParameters(input.responseParameters),
      responseTemplates: input.responseTemplates,
      contentHandling: input.contentHandling,
    };
    const next = { ...integration, integrationResponses: { ...integration.integrationResponses, [r.statusCode]: r } };
    writeMethod(tx, resource, method.httpMethod, { ...method, methodIntegration: next });
    return integrationResponseToWire(r);
  });
};

const getIntegrationResponse: OperationHandler = (ctx, input: IntegrationResponseInput) => {
  const integration = mustGetIntegration(mustGetMethod(ctx, input.restApiId, input.resourceId, input.httpMethod).method);
  const r = integration.integrationResponses[input.statusCode];
  if (!r) throw notFound(NOT_FOUND);
  return integrationResponseToWire(r);
};

const deleteIntegrationResponse: OperationHandler = (ctx, input: IntegrationResponseInput) => {
  ctx.store.transact((tx) => {
    const { resource, method } = mustGetMethod(ctx, input.restApiId, input.resourceId, input.httpMethod, tx);
    const integration = mustGetIntegration(method);
    if (!integration.integrationResponses[input.statusCode]) throw notFound(NOT_FOUND);
    const integrationResponses = { ...integration.integrationResponses };
    delete integrationResponses[input.statusCode];
    writeMethod(tx, resource, method.httpMethod, { ...method, methodIntegration: { ...integration, integrationResponses } });
  });
  return {};
};

export const integrationResponseHandlers: Record<string, OperationHandler> = {
  PutIntegrationResponse: putIntegrationResponse,
  GetIntegrationResponse: getIntegrationResponse,
  DeleteIntegrationResponse: deleteIntegrationResponse,
};

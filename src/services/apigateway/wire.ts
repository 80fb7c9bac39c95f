/**
 * Output shapes of methods, integrations and their responses (BOTO Method, Integration,
 * MethodResponse, IntegrationResponse), keyed by model member names. Empty maps are omitted
 * except where AWS echoes them (§1.6: `cacheKeyParameters: []`).
 */
import type { Integration, IntegrationResponse, Method, MethodResponse } from '../../state/records/apigateway.js';

const nonEmpty = <T extends object>(m: T | undefined): T | undefined => (m && Object.keys(m).length ? m : undefined);

export function methodResponseToWire(r: MethodResponse): Record<string, unknown> {
  return { statusCode: r.statusCode, responseParameters: nonEmpty(r.responseParameters), responseModels: nonEmpty(r.responseModels) };
}

export function integrationResponseToWire(r: IntegrationResponse): Record<string, unknown> {
  return {
    statusCode: r.statusCode,
    selectionPattern: r.selectionPattern,
    responseParameters: nonEmpty(r.responseParameters),
    // The recorded echo carries `responseTemplates: {}` (§1.7).
    responseTemplates: r.responseTemplates ?? {},
    contentHandling: r.contentHandling,
  };
}

export function integrationToWire(i: Integration): Record<string, unknown> {
  const responses = Object.values(i.integrationResponses);
  return {
    type: i.type,
    httpMethod: i.httpMethod,
    uri: i.uri,
    connectionType: i.connectionType,
    connectionId: i.connectionId,
    requestParameters: nonEmpty(i.requestParameters),
    requestTemplates: nonEmpty(i.requestTemplates),
    passthroughBehavior: i.passthroughBehavior,
    contentHandling: i.contentHandling,
    timeoutInMillis: i.timeoutInMillis,
    cacheNamespace: i.cacheNamespace,
    cacheKeyParameters: [...i.cacheKeyParameters],
    integrationResponses: responses.length ? Object.fromEntries(responses.map((r) => [r.statusCode, integrationResponseToWire(r)])) : undefined,
    tlsConfig: i.tlsConfig,
  };
}

export function methodToWire(m: Method): Record<string, unknown> {
  const responses = Object.values(m.methodResponses);
  return {
    httpMethod: m.httpMethod,
    authorizationType: m.authorizationType,
    apiKeyRequired: m.apiKeyRequired,
    operationName: m.operationName,
    requestParameters: nonEmpty(m.requestParameters),
    methodResponses: responses.length ? Object.fromEntries(responses.map((r) => [r.statusCode, methodResponseToWire(r)])) : undefined,
    methodIntegration: m.methodIntegration ? integrationToWire(m.methodIntegration) : undefined,
  };
}

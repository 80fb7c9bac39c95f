/**
 * The integration step (apigateway-rest.md §2.7b): MOCK, HTTP (with mapping templates and
 * integration responses) and HTTP_PROXY (everything passes through), over the internet or a
 * VPC link.
 *
 * Failures map to gateway responses (§2.2): a misconfiguration, a link that is not available,
 * a name that does not resolve, a refused or reset connection → 500 Internal server error
 * (INTEGRATION_FAILURE answered 500, as observed); no response within `timeoutInMillis` (a
 * dropped flow never answers) → 504 Endpoint request timed out. The integration timeout is a
 * request-level bound in milliseconds and is not divided by `--time-scale` (which scales AWS's
 * schedules: health checks, provisioning, draining).
 *
 * API Gateway buffers integration responses (the default `responseTransferMode` BUFFERED) and
 * sets its own Content-Length, so responses are read whole here.
 */
import type { Clock } from '../../kernel/clock.js';
import type { Integration, Method } from '../../state/records/apigateway.js';
import type { LbSnapshot } from '../lb/snapshot.js';
import type { PortMap } from '../listeners/port-map.js';
import type { NetworkSnapshot } from '../network/snapshot.js';
import type { TargetPicker } from '../nlb/target-selection.js';
import { findDestination } from './destination.js';
import type { GatewayResponseType } from './gateway-responses.js';
import { overrideHeaders, toClientHeaders, toIntegrationHeaders, newTraceId, type HeaderPair } from './headers.js';
import { integrationRequest, IntegrationConfigError, substituteStageVariables } from './integration-request.js';
import type { ApiEntry, ApiGwSnapshot, StageEntry } from './snapshot.js';
import { lazyParams, parseMockStatus, renderTemplate, resolveMappingExpression, TemplateError, type TemplateContext, type TemplateVariables } from './templates.js';
import type { Upstreams } from './upstreams.js';
import { callUpstream } from './upstream-call.js';
import { proxyTarget, type ProxyTarget } from './proxy-plan.js';
import { httpDate } from './http-date.js';

export interface IntegrationDeps {
  readonly apigw: () => ApiGwSnapshot;
  readonly lb: () => LbSnapshot;
  readonly network: () => NetworkSnapshot;
  readonly portMap: PortMap;
  readonly picker: TargetPicker;
  readonly upstreams: Upstreams;
  readonly resolveInternetName: (name: string) => string | undefined;
  readonly clock: Clock;
}

export interface IntegrationInput {
  readonly api: ApiEntry;
  readonly stage: StageEntry;
  readonly method: Method;
  readonly integration: Integration;
  readonly resourcePath: string;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly httpMethod: string;
  readonly rawQuery: string;
  readonly headers: readonly HeaderPair[];
  readonly body: Buffer;
  readonly context: TemplateContext;
}

export type IntegrationOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly headers: readonly HeaderPair[]; readonly body: Buffer }
  | { readonly kind: 'error'; readonly type: GatewayResponseType; readonly message?: string; readonly status?: number; readonly reason: string };

let nodeCounter = 0;

const failure = (reason: string): IntegrationOutcome => ({ kind: 'error', type: 'INTEGRATION_FAILURE', message: 'Internal server error', status: 500, reason });
const configError = (reason: string): IntegrationOutcome => ({ kind: 'error', type: 'API_CONFIGURATION_ERROR', message: 'Internal server error', status: 500, reason });
const timedOut = (reason: string): IntegrationOutcome => ({ kind: 'error', type: 'INTEGRATION_TIMEOUT', message: 'Endpoint request timed out', reason });

export async function runIntegration(deps: IntegrationDeps, input: IntegrationInput): Promise<IntegrationOutcome> {
  const vars: TemplateVariables = {
    context: input.context,
    stageVariables: input.stage.variables,
    input: { body: input.body.length === 0 ? '' : input.body.toString('utf8'), params: lazyParams(input.pathParameters, input.rawQuery, input.headers) },
  };
  try {
    switch (input.integration.type) {
      case 'MOCK':
        return mock(input, vars);
      case 'HTTP':
      case 'HTTP_PROXY':
        return await http(deps, input, vars);
    }
  } catch (e) {
    if (e instanceof IntegrationConfigError || e instanceof TemplateError) return configError(e.message);
    throw e;
  }
}

/** MOCK: the request template's `statusCode` picks the integration response (§2.7b). */
function mock(input: IntegrationInput, vars: TemplateVariables): IntegrationOutcome {
  const template = requestTemplate(input.integration, input.headers);
  if (template.kind === 'unsupported') return { kind: 'error', type: 'UNSUPPORTED_MEDIA_TYPE', reason: 'no request template matches' };
  const rendered = template.kind === 'template' ? renderTemplate(template.template, vars) : '';
  const status = parseMockStatus(rendered);
  if (status === undefined) return configError(`the MOCK request template rendered no statusCode: ${rendered.slice(0, 200)}`);
  return integrationResponse(input, vars, status, [], Buffer.alloc(0));
}

async function http(deps: IntegrationDeps, input: IntegrationInput, vars: TemplateVariables): Promise<IntegrationOutcome> {
  const integration = input.integration;
  const proxy = integration.type === 'HTTP_PROXY';
  const request = { httpMethod: input.httpMethod, resourcePath: input.resourcePath, pathParameters: input.pathParameters, rawQueryString: input.rawQuery, headers: input.headers };
  let target: ProxyTarget | undefined = proxy ? proxyTarget(integration, input.stage.variables, input.resourcePath, request) : undefined;
  let mappedHeaders: HeaderPair[] = [];
  if (!target) {
    const plan = integrationRequest(integration, request, { stageVariables: input.stage.variables, context: input.context });
    const { protocol, hostname, port, host, pathname, search } = plan.url;
    target = { method: plan.method, protocol, hostname, port, host, pathAndQuery: `${pathname}${search}` };
    mappedHeaders = plan.headers;
  }
  let body: Buffer = input.body;
  if (!proxy) {
    const template = requestTemplate(integration, input.headers);
    if (template.kind === 'unsupported') return { kind: 'error', type: 'UNSUPPORTED_MEDIA_TYPE', reason: 'no request template matches the Content-Type' };
    if (template.kind === 'template') body = Buffer.from(renderTemplate(template.template, vars));
  }
  const destination = findDestination(
    { apigw: deps.apigw(), lb: deps.lb(), network: deps.network(), portMap: deps.portMap, picker: deps.picker, resolveInternetName: deps.resolveInternetName, nextNode: () => nodeCounter++ },
    target,
    {
      type: integration.connectionType === 'VPC_LINK' ? 'VPC_LINK' : 'INTERNET',
      linkId: substituteStageVariables(integration.connectionId ?? '', input.stage.variables),
      region: input.api.region,
      insecure: integration.tlsConfig?.insecureSkipVerification === true,
    },
  );
  const timeoutMs = integration.timeoutInMillis;
  if (destination.kind === 'fail') return failure(destination.reason);
  if (destination.kind === 'drop') {
    // Nothing answers a dropped flow: API Gateway waits out the integration timeout.
    await new Promise((resolve) => setTimeout(resolve, timeoutMs).unref());
    return timedOut(destination.reason);
  }
  // HTTP (non-proxy) sends only mapped headers; HTTP_PROXY passes the client's through (§2.5).
  const headers = overrideHeaders(
    toIntegrationHeaders(proxy ? input.headers : [], proxy ? 'HTTP_PROXY' : 'HTTP', {
      apiId: input.api.id,
      traceId: newTraceId(Date.now()),
      integrationHost: target.host,
      date: httpDate(),
      methodAuthorizationType: input.method.authorizationType,
    }),
    mappedHeaders,
  );
  const flat: string[] = [];
  for (const [n, v] of headers) flat.push(n, v);
  if (body.length > 0 || !['GET', 'HEAD'].includes(target.method)) flat.push('Content-Length', String(body.length));
  const result = await callUpstream(deps.upstreams.pool(destination.upstream), { method: target.method, path: target.pathAndQuery, headers: flat, body: body.length > 0 ? body : null }, timeoutMs);
  if (!result.ok) {
    if (result.timedOut) return timedOut(`no response from ${destination.via} within ${timeoutMs} ms`);
    return failure(`${destination.via}: ${result.code}`);
  }
  if (proxy) return { kind: 'response', status: result.status, headers: toClientHeaders(result.headers, 'HTTP_PROXY'), body: result.body };
  return integrationResponse(input, { ...vars, input: { ...vars.input, body: result.body.toString('utf8') } }, result.status, result.headers, result.body);
}

type RequestTemplate = { kind: 'template'; template: string } | { kind: 'passthrough' } | { kind: 'unsupported' };

/**
 * The request template for the request's Content-Type (default `application/json`) and the
 * passthrough behaviour (§2.7b): WHEN_NO_MATCH passes the body when no template matches;
 * WHEN_NO_TEMPLATES only when there are no templates at all; NEVER never (415).
 */
function requestTemplate(integration: Integration, headers: readonly HeaderPair[]): RequestTemplate {
  const templates = integration.requestTemplates ?? {};
  const contentType = (headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  const key = Object.keys(templates).find((k) => k.toLowerCase() === contentType);
  if (key !== undefined) return { kind: 'template', template: templates[key]! };
  const none = Object.keys(templates).length === 0;
  switch (integration.passthroughBehavior) {
    case 'NEVER':
      return { kind: 'unsupported' };
    case 'WHEN_NO_TEMPLATES':
      return none ? { kind: 'passthrough' } : { kind: 'unsupported' };
    default:
      return { kind: 'passthrough' };
  }
}

/**
 * Non-proxy responses (§2.7b): the integration response whose `selectionPattern` matches the
 * status code (the whole code, as a regular expression), else the one without a pattern;
 * none → 500 API_CONFIGURATION_ERROR. Its status, `method.response.header.*` mappings and
 * `application/json` template (passthrough without one) make the answer.
 */
function integrationResponse(input: IntegrationInput, vars: TemplateVariables, status: number, backendHeaders: readonly HeaderPair[], backendBody: Buffer): IntegrationOutcome {
  const responses = Object.values(input.integration.integrationResponses);
  const code = String(status);
  const chosen =
    responses.find((r) => r.selectionPattern !== undefined && r.selectionPattern !== '' && fullMatch(r.selectionPattern, code)) ??
    responses.find((r) => r.selectionPattern === undefined || r.selectionPattern === '');
  if (!chosen) return configError(`no integration response matches status ${code}`);
  const headers: HeaderPair[] = [];
  const responseVars: TemplateVariables = vars;
  for (const [targetName, source] of Object.entries(chosen.responseParameters ?? {})) {
    if (!targetName.startsWith('method.response.header.')) continue;
    const value = responseMapping(source, backendHeaders, backendBody, responseVars);
    if (value !== undefined) headers.push([targetName.slice('method.response.header.'.length), value]);
  }
  const templates = chosen.responseTemplates ?? {};
  const template = templates['application/json'] ?? Object.values(templates)[0];
  const body = template !== undefined && template !== '' ? Buffer.from(renderTemplate(template, responseVars)) : backendBody;
  return { kind: 'response', status: Number(chosen.statusCode), headers, body };
}

/** `integration.response.header.X`, `integration.response.body`, `'literal'`, or a request-side expression. */
function responseMapping(source: string, headers: readonly HeaderPair[], body: Buffer, vars: TemplateVariables): string | undefined {
  if (source.startsWith('integration.response.header.')) {
    const name = source.slice('integration.response.header.'.length).toLowerCase();
    return headers.find(([n]) => n.toLowerCase() === name)?.[1];
  }
  if (source === 'integration.response.body') return body.toString('utf8');
  return resolveMappingExpression(source, vars);
}

const patterns = new Map<string, RegExp | null>();
function fullMatch(pattern: string, text: string): boolean {
  let re = patterns.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`, 's');
    } catch {
      re = null;
    }
    patterns.set(pattern, re);
  }
  return re !== null && re.test(text);
}

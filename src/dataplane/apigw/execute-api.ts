/**
 * The execute-api request pipeline (apigateway-rest.md §5, the reference pipeline):
 *
 *  1. where the request came in (the public front door, path style on the AWS endpoint port, or
 *     an `execute-api` interface VPC endpoint) and what it names (request-target.ts: the Host,
 *     `x-apigw-api-id`, a custom domain and its base path mappings); a request naming nothing
 *     this arrival may reach answers 403 Forbidden;
 *  2. the stage: unknown → 403 Missing Authentication Token; its frozen deployment serves, its
 *     live variables apply;
 *  3. authorisation (invoke-authorization.ts): the deployment's resource policy (required for
 *     PRIVATE APIs) and the endpoint policy of the endpoint the request came through;
 *  4. the route (routes.ts): none → 403 Missing Authentication Token;
 *  5. method checks: apiKeyRequired → 403 Forbidden (localvpc has no API keys, so no key is
 *     ever valid); AWS_IAM without a SigV4 Authorization → 403 Missing Authentication Token;
 *  6. the body (≤ 10 MB, else 413), then the integration (integration.ts);
 *  7. the response with API Gateway's own headers (`x-amzn-RequestId`, `x-amz-apigw-id`,
 *     `Date`, CloudFront's for EDGE APIs).
 *
 * Nothing here reads the store: the API Gateway, load-balancing and network snapshots are
 * compiled in memory, and route tables once per deployment (DESIGN.md, hot paths).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ACCOUNT_ID } from '../../kernel/ids.js';
import type { Logger } from '../../kernel/log.js';
import type { DeploymentSnapshot } from '../../state/records/apigateway.js';
import type { Endpoint } from '../network/reachability.js';
import { parseOrError } from './compile-vpc-endpoints.js';
import { gatewayResponse, GATEWAY_RESPONSE_MESSAGES, type GatewayResponseType } from './gateway-responses.js';
import { apiGatewayResponseHeaders, edgeHeaders, newExtendedRequestId, type HeaderPair } from './headers.js';
import { hostName, type Arrival } from './host-routing.js';
import { conditionKeys, invokeDenial, methodArn, type ConditionKeys } from './invoke-authorization.js';
import { runIntegration, type IntegrationDeps } from './integration.js';
import { readRequestBody } from './request-body.js';
import { apiRefusal, domainPrefix, requestTarget, type Refusal, type RequestTarget } from './request-target.js';
import { firstSegment } from './custom-domain-routing.js';
import type { ApiEntry, ApiGwSnapshot, ParsedPolicy, StageEntry, VpcEndpointEntry } from './snapshot.js';
import type { TemplateContext, TemplateVariables } from './templates.js';

export interface ExecuteApiDeps extends IntegrationDeps {
  readonly apigw: () => ApiGwSnapshot;
  readonly logger: Logger;
}

/** Who called and how, as the policy and `$context.identity` see it. */
export interface Caller {
  readonly endpoint: Endpoint;
  /** AWS-style source address (`aws:SourceIp`); undefined for the internet vantage. */
  readonly sourceIp: string | undefined;
}

/** Where a request came in, as the pipeline takes it (the endpoint is looked up per request). */
type Entry = { readonly kind: 'front-door' } | { readonly kind: 'vpc-endpoint'; readonly vpceId: string } | { readonly kind: 'path-style'; readonly prefix: string };

const FORBIDDEN_ERROR_TYPE = 'ForbiddenException';

export class ExecuteApi {
  private readonly policies = new WeakMap<DeploymentSnapshot, ParsedPolicy>();

  constructor(private readonly deps: ExecuteApiDeps) {}

  /** Requests on the public front door: an API or a REGIONAL/EDGE custom domain, named by the Host header. */
  serveByHost(req: IncomingMessage, res: ServerResponse, caller: Caller): void {
    this.serve(req, res, caller, { kind: 'front-door' });
  }

  /** Requests that came in through the interface VPC endpoint `vpceId` (vpce/vpce-listeners.ts). */
  serveFromEndpoint(req: IncomingMessage, res: ServerResponse, caller: Caller, vpceId: string): void {
    this.serve(req, res, caller, { kind: 'vpc-endpoint', vpceId });
  }

  /** `/_aws/execute-api/{apiId}/{stage}/…` on the AWS endpoint port (the internet vantage). */
  servePathStyle(req: IncomingMessage, res: ServerResponse, prefix: string): void {
    this.serve(req, res, { endpoint: { kind: 'internet' }, sourceIp: undefined }, { kind: 'path-style', prefix });
  }

  private serve(req: IncomingMessage, res: ServerResponse, caller: Caller, entry: Entry): void {
    this.pipeline(req, res, caller, entry).catch((e: unknown) => {
      this.deps.logger.error('execute-api failure', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end('{"message": "Internal server error"}');
      } else res.destroy();
    });
  }

  private async pipeline(req: IncomingMessage, res: ServerResponse, caller: Caller, entry: Entry): Promise<void> {
    const started = Date.now();
    const requestId = randomUUID();
    const extendedRequestId = newExtendedRequestId();
    const method = req.method ?? 'GET';
    const snapshot = this.deps.apigw();
    const { path, query } = splitUrl(req.url ?? '/');
    const vpce = entry.kind === 'vpc-endpoint' ? snapshot.vpcEndpoints.get(entry.vpceId) : undefined;
    let keys: ConditionKeys | undefined;
    const lazyKeys = () => (keys ??= conditionKeys(req, caller.sourceIp, vpce));

    // 1. What the request names (§2.1, §2.9, §3; §5 steps 1–3).
    const located = this.locate(snapshot, entry, vpce, req, path, lazyKeys);
    const target = 'kind' in located ? undefined : located;
    const api = target ? snapshot.apis.get(target.apiId) : undefined;
    const domainName = domainNameOf(entry, req, target);
    const context: TemplateContext = {
      requestId,
      extendedRequestId,
      apiId: target?.apiId ?? '',
      stage: target?.stageName ?? '',
      httpMethod: method,
      // `$context.path`: the path as sent, base path included (§2.9) [infer]; path style: after the API id.
      path: entry.kind === 'path-style' ? pathStyle(path, entry.prefix).apiPath : path,
      protocol: `HTTP/${req.httpVersion}`,
      requestTime: clfTime(started),
      requestTimeEpoch: started,
      domainName,
      domainPrefix: domainPrefix(domainName),
      accountId: ACCOUNT_ID,
      identity: {
        sourceIp: caller.sourceIp ?? '127.0.0.1',
        userAgent: req.headers['user-agent'] ?? '',
        ...(vpce ? { vpceId: vpce.id, vpcId: vpce.vpcId } : {}),
      },
    };
    const clientHeaders = rawPairs(req.rawHeaders);
    const vars = (stage?: StageEntry): TemplateVariables => ({
      context,
      stageVariables: stage?.variables ?? {},
      input: { body: '', params: { path: {}, querystring: [], header: clientHeaders } },
    });
    const fail = (type: GatewayResponseType, stage: StageEntry | undefined, message?: string, status?: number, errorType?: string) => {
      req.resume();
      const options = { ...(status !== undefined ? { defaultStatus: status } : {}), ...(errorType ? { errorType } : {}) };
      const rendered = gatewayResponse(type, stage?.deployment.snapshot.gatewayResponses ?? [], { ...vars(stage), message: message ?? GATEWAY_RESPONSE_MESSAGES[type] ?? 'Internal server error' }, options);
      this.send(res, method, api, requestId, extendedRequestId, rendered.status, rendered.headers, Buffer.from(rendered.body));
    };
    const forbidden = (reason: string) => {
      this.deps.logger.debug('forbidden', { host: req.headers.host, path, entry: entry.kind === 'vpc-endpoint' ? entry.vpceId : entry.kind, reason });
      fail('DEFAULT_4XX', undefined, 'Forbidden', 403, FORBIDDEN_ERROR_TYPE);
    };

    if (!target) {
      const refusal = located as Refusal;
      if (refusal.kind === 'denied') return fail('ACCESS_DENIED', undefined, refusal.message);
      return forbidden(refusal.reason);
    }
    const arrival: Arrival = vpce ? { kind: 'vpc-endpoint', vpce } : { kind: 'front-door' };
    const refused = apiRefusal(api, target, arrival);
    if (refused || !api) return forbidden(refused ?? 'no API');
    // 2. The stage (§2.2: an unknown stage is Missing Authentication Token, not 404).
    const stage = snapshot.stages.get(`${api.id}/${target.stageName}`);
    if (!stage) return fail('MISSING_AUTHENTICATION_TOKEN', undefined);
    const resourcePath = target.resourcePath;
    // 3. The resource policy of the deployment and the endpoint policy (§2.8).
    const denial = invokeDenial(
      { resourcePolicy: this.resourcePolicy(stage), resourcePolicyRequired: api.endpointType === 'PRIVATE', endpointPolicy: vpce?.policy },
      methodArn(api.region, api.id, stage.stageName, method, resourcePath),
      lazyKeys,
    );
    if (denial) return fail('ACCESS_DENIED', stage, denial);
    // 4. The route (§2.6).
    const match = stage.deployment.routes.match(method, resourcePath);
    if (!match) return fail('MISSING_AUTHENTICATION_TOKEN', stage);
    const routed: TemplateContext = { ...context, resourceId: match.resource.resourceId, resourcePath: match.resource.path };
    Object.assign(context, routed);
    // 5. Method checks (§2.2, §5 step 7).
    if (match.method.apiKeyRequired) return fail('INVALID_API_KEY', stage);
    if (match.method.authorizationType === 'AWS_IAM' && !(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256')) return fail('MISSING_AUTHENTICATION_TOKEN', stage);
    const integration = match.method.methodIntegration;
    if (!integration) return fail('API_CONFIGURATION_ERROR', stage, 'Internal server error', 500);
    // 6. Body and integration.
    const body = await readRequestBody(req);
    if (body === undefined) return fail('REQUEST_TOO_LARGE', stage);
    const outcome = await runIntegration(this.deps, {
      api,
      stage,
      method: match.method,
      integration,
      resourcePath: match.resource.path,
      pathParameters: match.pathParameters,
      httpMethod: method,
      rawQuery: query,
      headers: clientHeaders,
      body,
      context,
    });
    if (outcome.kind === 'error') {
      this.deps.logger.info('integration failed', { api: api.id, stage: stage.stageName, path, reason: outcome.reason });
      return fail(outcome.type, stage, outcome.message, outcome.status);
    }
    this.send(res, method, api, requestId, extendedRequestId, outcome.status, outcome.headers, outcome.body);
  }

  /** Step 1 for each entry; path style names the API in the path, on the internet vantage. */
  private locate(snapshot: ApiGwSnapshot, entry: Entry, vpce: VpcEndpointEntry | undefined, req: IncomingMessage, path: string, keys: () => ConditionKeys): RequestTarget | Refusal {
    switch (entry.kind) {
      case 'path-style': {
        const { apiId, apiPath } = pathStyle(path, entry.prefix);
        const stageName = firstSegment(apiPath);
        return { apiId, region: snapshot.apis.get(apiId)?.region ?? '', stageName, resourcePath: apiPath.slice(stageName.length + 1), via: 'path-style' };
      }
      case 'front-door':
        return requestTarget(snapshot, { kind: 'front-door' }, hostName(req.headers.host), undefined, path, keys);
      case 'vpc-endpoint': {
        if (!vpce) return { kind: 'forbidden', reason: `${entry.vpceId} is gone` };
        const header = req.headers['x-apigw-api-id'];
        return requestTarget(snapshot, { kind: 'vpc-endpoint', vpce }, hostName(req.headers.host), Array.isArray(header) ? header[0] : header, path, keys);
      }
    }
  }

  /** The deployment's resource policy, parsed once per deployment; undefined when it has none. */
  private resourcePolicy(stage: StageEntry): ParsedPolicy | undefined {
    const snapshot = stage.deployment.snapshot;
    if (!snapshot.policy) return undefined;
    let policy = this.policies.get(snapshot);
    if (!policy) {
      policy = parseOrError(snapshot.policy);
      this.policies.set(snapshot, policy);
    }
    return policy;
  }

  private send(res: ServerResponse, method: string, api: ApiEntry | undefined, requestId: string, extendedRequestId: string, status: number, headers: readonly HeaderPair[], body: Buffer): void {
    const out: string[] = [];
    let contentType = false;
    for (const [name, value] of headers) {
      const lower = name.toLowerCase();
      if (lower === 'content-length' || lower === 'date' || lower === 'connection' || lower === 'transfer-encoding' || lower === 'keep-alive') continue;
      if (lower === 'content-type') contentType = true;
      out.push(name, value);
    }
    // §2.4: application/json when the integration gives no Content-Type.
    if (!contentType) out.push('Content-Type', 'application/json');
    out.push('Content-Length', String(body.length));
    for (const [n, v] of apiGatewayResponseHeaders({ requestId, extendedRequestId })) out.push(n, v);
    if (api?.endpointType === 'EDGE') for (const [n, v] of edgeHeaders(requestId)) out.push(n, v);
    res.writeHead(status, out);
    res.end(method === 'HEAD' ? undefined : body);
  }
}

function splitUrl(url: string): { path: string; query: string } {
  const q = url.indexOf('?');
  return q < 0 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

/** `/_aws/execute-api/{apiId}/{stage}/…` → the API id and `/{stage}/…`. */
function pathStyle(path: string, prefix: string): { apiId: string; apiPath: string } {
  const rest = path.slice(prefix.length);
  const apiId = firstSegment(`/${rest}`);
  return { apiId, apiPath: rest.slice(apiId.length) || '/' };
}

/**
 * `$context.domainName`: the name the client called (its Host), or for path style the API's
 * default name. [infer] for the `vpce-…` names reached with `x-apigw-api-id`: the Host as sent.
 */
function domainNameOf(entry: Entry, req: IncomingMessage, target: RequestTarget | undefined): string {
  if (entry.kind === 'path-style') return target ? `${target.apiId}.execute-api.${target.region || 'us-east-1'}.amazonaws.com` : '';
  return hostName(req.headers.host);
}

function rawPairs(raw: readonly string[]): HeaderPair[] {
  const out: HeaderPair[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `$context.requestTime`: CLF, `09/Apr/2015:12:34:56 +0000`. */
function clfTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

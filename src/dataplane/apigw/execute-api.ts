/**
 * The execute-api request pipeline (apigateway-rest.md §5, the reference pipeline):
 *
 *  1. the API: from the Host (`{api}.execute-api.{region}.amazonaws.com`, front door) or the
 *     path (`/_aws/execute-api/{api}/…`, path style on the AWS endpoint port); a PRIVATE API, an
 *     unknown one or a disabled default endpoint answer 403 Forbidden;
 *  2. the stage (first path segment): unknown → 403 Missing Authentication Token; its frozen
 *     deployment serves, its live variables apply;
 *  3. the resource policy of the deployment, if any (src/policy): denials answer 403;
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
import { evaluatePolicy, parsePolicy, type Policy } from '../../policy/evaluate.js';
import type { DeploymentSnapshot } from '../../state/records/apigateway.js';
import type { Endpoint } from '../network/reachability.js';
import { gatewayResponse, GATEWAY_RESPONSE_MESSAGES, type GatewayResponseType } from './gateway-responses.js';
import { apiGatewayResponseHeaders, edgeHeaders, newExtendedRequestId, type HeaderPair } from './headers.js';
import { runIntegration, type IntegrationDeps } from './integration.js';
import { readRequestBody } from './request-body.js';
import type { ApiEntry, ApiGwSnapshot, StageEntry } from './snapshot.js';
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

const EXECUTE_API_HOST = /^([a-z0-9]{10})\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(?::\d+)?$/i;

export class ExecuteApi {
  private readonly policies = new WeakMap<DeploymentSnapshot, Policy | Error>();

  constructor(private readonly deps: ExecuteApiDeps) {}

  /** Requests on the front door: the API is named by the Host header. */
  serveByHost(req: IncomingMessage, res: ServerResponse, caller: Caller): void {
    const host = req.headers.host ?? '';
    const m = EXECUTE_API_HOST.exec(host);
    const { path, query } = splitUrl(req.url ?? '/');
    this.serve(req, res, caller, m ? { apiId: m[1]!.toLowerCase(), region: m[2]!.toLowerCase(), path, query, domainName: host.replace(/:\d+$/, '') } : undefined);
  }

  /** `/_aws/execute-api/{apiId}/{stage}/…` on the AWS endpoint port (the internet vantage). */
  servePathStyle(req: IncomingMessage, res: ServerResponse, prefix: string): void {
    const { path, query } = splitUrl(req.url ?? '/');
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf('/');
    const apiId = slash < 0 ? rest : rest.slice(0, slash);
    const api = this.deps.apigw().apis.get(apiId);
    this.serve(req, res, { endpoint: { kind: 'internet' }, sourceIp: undefined }, { apiId, region: api?.region ?? '', path: slash < 0 ? '/' : rest.slice(slash), query, domainName: `${apiId}.execute-api.${api?.region ?? 'us-east-1'}.amazonaws.com` });
  }

  private serve(req: IncomingMessage, res: ServerResponse, caller: Caller, target: { apiId: string; region: string; path: string; query: string; domainName: string } | undefined): void {
    this.pipeline(req, res, caller, target).catch((e: unknown) => {
      this.deps.logger.error('execute-api failure', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end('{"message": "Internal server error"}');
      } else res.destroy();
    });
  }

  private async pipeline(req: IncomingMessage, res: ServerResponse, caller: Caller, target: { apiId: string; region: string; path: string; query: string; domainName: string } | undefined): Promise<void> {
    const started = Date.now();
    const requestId = randomUUID();
    const extendedRequestId = newExtendedRequestId();
    const method = req.method ?? 'GET';
    const snapshot = this.deps.apigw();
    const api = target ? snapshot.apis.get(target.apiId) : undefined;
    const stageName = target ? firstSegment(target.path) : '';
    const context: TemplateContext = {
      requestId,
      extendedRequestId,
      apiId: target?.apiId ?? '',
      stage: stageName,
      httpMethod: method,
      path: target?.path ?? '/',
      protocol: `HTTP/${req.httpVersion}`,
      requestTime: clfTime(started),
      requestTimeEpoch: started,
      domainName: target?.domainName ?? '',
      accountId: ACCOUNT_ID,
      identity: { sourceIp: caller.sourceIp ?? '127.0.0.1', userAgent: req.headers['user-agent'] ?? '' },
    };
    const clientHeaders = rawPairs(req.rawHeaders);
    const vars = (stage?: StageEntry): TemplateVariables => ({
      context,
      stageVariables: stage?.variables ?? {},
      input: { body: '', params: { path: {}, querystring: [], header: clientHeaders } },
    });
    const fail = (type: GatewayResponseType, stage: StageEntry | undefined, message?: string, status?: number) => {
      req.resume();
      const rendered = gatewayResponse(type, stage?.deployment.snapshot.gatewayResponses ?? [], { ...vars(stage), message: message ?? GATEWAY_RESPONSE_MESSAGES[type] ?? 'Internal server error' }, status !== undefined ? { defaultStatus: status } : {});
      this.send(res, method, api, requestId, extendedRequestId, rendered.status, rendered.headers, Buffer.from(rendered.body));
    };

    // 1. The API (§2.1, §3; §5 step 1–2).
    if (!target || !api || api.region !== target.region || api.endpointType === 'PRIVATE' || api.disableExecuteApiEndpoint) {
      return fail('DEFAULT_4XX', undefined, 'Forbidden', 403);
    }
    // 2. The stage (§2.2: an unknown stage is Missing Authentication Token, not 404).
    const stage = snapshot.stages.get(`${api.id}/${stageName}`);
    if (!stage) return fail('MISSING_AUTHENTICATION_TOKEN', undefined);
    const resourcePath = target.path.slice(stageName.length + 1);
    // 3. The resource policy of the deployment (§2.8).
    const denial = this.checkPolicy(stage, api, caller, method, resourcePath, req);
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
      rawQuery: target.query,
      headers: clientHeaders,
      body,
      context,
    });
    if (outcome.kind === 'error') {
      this.deps.logger.info('integration failed', { api: api.id, stage: stage.stageName, path: target.path, reason: outcome.reason });
      return fail(outcome.type, stage, outcome.message, outcome.status);
    }
    this.send(res, method, api, requestId, extendedRequestId, outcome.status, outcome.headers, outcome.body);
  }

  /**
   * The deployment's resource policy, evaluated for `execute-api:Invoke` on
   * `arn:aws:execute-api:{region}:{account}:{api}/{stage}/{VERB}/{path}` (§2.8). Returns the
   * denial message, or undefined when allowed (or when there is no policy: a public API without
   * one is open; PRIVATE APIs never get here through the public front door).
   */
  private checkPolicy(stage: StageEntry, api: ApiEntry, caller: Caller, method: string, resourcePath: string, req: IncomingMessage): string | undefined {
    const snapshot = stage.deployment.snapshot;
    if (!snapshot.policy) return undefined;
    let policy = this.policies.get(snapshot);
    if (!policy) {
      try {
        policy = parsePolicy(snapshot.policy);
      } catch (e) {
        policy = e instanceof Error ? e : new Error(String(e));
      }
      this.policies.set(snapshot, policy);
    }
    const arn = `arn:aws:execute-api:${api.region}:${ACCOUNT_ID}:${api.id}/${stage.stageName}/${method}/${resourcePath.replace(/^\//, '')}`;
    const masked = arn.replace(`:${ACCOUNT_ID}:`, `:********${ACCOUNT_ID.slice(-4)}:`);
    if (policy instanceof Error) return `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${masked}`;
    const decision = evaluatePolicy(policy, {
      principal: { type: 'anonymous' },
      action: 'execute-api:Invoke',
      resource: arn,
      conditionKeys: {
        'aws:SourceIp': caller.sourceIp ?? '127.0.0.1',
        'aws:SecureTransport': 'encrypted' in req.socket ? 'true' : 'false',
        'aws:UserAgent': req.headers['user-agent'],
        'aws:Referer': req.headers.referer,
        'aws:CurrentTime': new Date().toISOString(),
        'aws:EpochTime': String(Math.floor(Date.now() / 1000)),
      },
    });
    if (decision.effect === 'Allow') return undefined;
    return `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${masked}${decision.explicit ? ' with an explicit deny' : ''}`;
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

function firstSegment(path: string): string {
  const p = path.startsWith('/') ? path.slice(1) : path;
  const slash = p.indexOf('/');
  return slash < 0 ? p : p.slice(0, slash);
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

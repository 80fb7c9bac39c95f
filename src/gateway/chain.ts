/**
 * The AWS API request chain (DESIGN.md, gateway):
 *
 *   request-id → detect-service → parse (codec) → dispatch (handler) → serialize (codec) → log
 *        any step throws AwsError → serialize error (codec); anything else → InternalFailure
 *
 * Authentication accepts any access key (DESIGN.md: "any access key by default"); the credential
 * scope only tells the service and the region.
 */
import { performance } from 'node:perf_hooks';
import { AwsError, NotImplementedError, isAwsError } from '../kernel/errors.js';
import { ACCOUNT_ID, requestId as newRequestId } from '../kernel/ids.js';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/log.js';
import type { Store } from '../state/store.js';
import type { HttpRequest, HttpResponse, ServiceId } from '../protocol/types.js';
import { detectService, getCodec, operationExists, serviceVersion } from '../protocol/index.js';
import type { OperationContext } from '../services/context.js';
import type { ServiceDefinition } from '../services/registry.js';

export interface ChainDeps {
  readonly services: ReadonlyMap<ServiceId, ServiceDefinition>;
  readonly store: Store;
  readonly clock: Clock;
  readonly log: Logger;
}

export type AwsRequestHandler = (req: HttpRequest) => Promise<HttpResponse>;

export function createAwsChain(deps: ChainDeps): AwsRequestHandler {
  const accessLog = deps.log.child('api');
  return async (req) => {
    const started = performance.now();
    const rid = newRequestId();
    const detected = detectService(req);
    if (!detected) {
      const res = unknownServiceResponse(rid);
      accessLog.debug('request', { status: res.status, method: req.method, path: req.path });
      return res;
    }
    const codec = getCodec(detected.service);
    let operation: string | undefined;
    let res: HttpResponse;
    try {
      const parsed = codec.parse(req);
      operation = parsed.operation;
      const handler = deps.services.get(detected.service)?.handlers[operation];
      if (!handler) {
        throw new NotImplementedError(
          operationExists(detected.service, operation)
            ? `${operation} is not implemented by localvpc (${detected.service} ${serviceVersion(detected.service)}).`
            : `${operation} is not a ${detected.service} operation.`,
        );
      }
      const ctx: OperationContext = { requestId: rid, region: detected.region, accountId: ACCOUNT_ID, store: deps.store, clock: deps.clock, log: deps.log };
      const output = await handler(ctx, parsed.input);
      res = codec.serialize(operation, output ?? {}, rid);
    } catch (e) {
      let err: AwsError;
      if (isAwsError(e)) err = e;
      else {
        deps.log.error('unexpected failure', { service: detected.service, operation, error: e instanceof Error ? e.stack ?? e.message : String(e) });
        err = new AwsError('InternalFailure', 'localvpc failed to process this request; see its log.', 500);
      }
      res = codec.serializeError(err, rid, operation);
    }
    accessLog.debug('request', { service: detected.service, operation, region: detected.region, status: res.status, ms: +(performance.now() - started).toFixed(2) });
    return res;
  };
}

/** A request no supported service claims (no credential scope, target, action or known path). */
function unknownServiceResponse(rid: string): HttpResponse {
  return {
    status: 400,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': rid, 'x-amzn-errortype': 'UnknownServiceException' },
    body: JSON.stringify({
      __type: 'UnknownServiceException',
      message: 'localvpc could not tell which AWS service this request is for (no SigV4 credential scope, X-Amz-Target, Action/Version or known path). Supported: ec2, elasticloadbalancing, apigateway, route53, acm, cloudformation, sts.',
    }),
  };
}

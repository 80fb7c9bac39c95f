/**
 * One request to an integration through an undici pool, read whole (API Gateway buffers
 * integration responses, integration.ts). It uses the pool's dispatch interface directly rather
 * than `request()`: no body stream and no AbortController per request, the cheapest way undici
 * offers to send a buffered request and collect a buffered answer.
 *
 * The timeout covers the whole exchange (connect, send, response head and body), like
 * `timeoutInMillis`.
 */
import type { Dispatcher } from 'undici';
import type { HeaderPair } from './headers.js';

export type UpstreamResult =
  | { readonly ok: true; readonly status: number; readonly headers: HeaderPair[]; readonly body: Buffer }
  | { readonly ok: false; readonly timedOut: boolean; readonly code: string };

export interface UpstreamRequest {
  readonly method: string;
  readonly path: string;
  /** Flat `[name, value, name, value, …]`. */
  readonly headers: string[];
  readonly body: Buffer | null;
}

class TimeoutError extends Error {
  override name = 'TimeoutError';
}

export function callUpstream(dispatcher: Dispatcher, request: UpstreamRequest, timeoutMs: number): Promise<UpstreamResult> {
  return new Promise((resolve) => {
    let abort: ((reason?: Error) => void) | undefined;
    let settled = false;
    let status = 0;
    let headers: HeaderPair[] = [];
    const chunks: Buffer[] = [];
    const settle = (result: UpstreamResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      settle({ ok: false, timedOut: true, code: 'ETIMEDOUT' });
      abort?.(new TimeoutError('integration timeout'));
    }, timeoutMs);
    const handler: Dispatcher.DispatchHandler = {
      onConnect(abortFn) {
        abort = abortFn;
        if (settled) abortFn(new TimeoutError('integration timeout'));
      },
      onHeaders(statusCode, rawHeaders) {
        status = statusCode;
        headers = new Array<HeaderPair>(rawHeaders.length >> 1);
        for (let i = 0; i + 1 < rawHeaders.length; i += 2) headers[i >> 1] = [rawHeaders[i]!.toString('latin1'), rawHeaders[i + 1]!.toString('latin1')];
        return true;
      },
      onData(chunk) {
        chunks.push(chunk);
        return true;
      },
      onComplete() {
        settle({ ok: true, status, headers, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) });
      },
      onError(err: Error & { code?: string }) {
        settle({ ok: false, timedOut: err instanceof TimeoutError, code: err.code ?? err.message });
      },
    };
    dispatcher.dispatch({ method: request.method as Dispatcher.HttpMethod, path: request.path, headers: request.headers, body: request.body, headersTimeout: 0, bodyTimeout: 0 }, handler);
  });
}

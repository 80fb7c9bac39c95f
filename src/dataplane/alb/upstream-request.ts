/**
 * One request forwarded to a target and its response carried back (elbv2-vpc-endpoints.md §2.3,
 * §2.4, checklist 30–31). Bodies stream both ways with back-pressure; nothing is buffered.
 *
 * Failures, as the ALB reports them:
 * - connect timeout (10 s) → 504; no response head within the idle timeout
 *   (`idle_timeout.timeout_seconds`, default 60) → 504 ("no response within idle timeout");
 * - connection refused or reset, TLS handshake error or timeout, the target closing with the
 *   request outstanding, a malformed response → 502;
 * - once the response head has gone to the client nothing can be said any more: the client
 *   connection is closed (a body that stops for the idle timeout ends the same way).
 *
 * The target's status and headers pass through unchanged (target errors are the target's,
 * §2.4), minus hop-by-hop headers; the ALB's stickiness cookies are added, and `Connection`
 * says whether the client connection stays open.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { endToEndHeaders } from '../network/hop-by-hop.js';
import { errorPage, sendReply } from './local-reply.js';
import { CONNECT_TIMEOUT } from './upstream-pools.js';

export interface UpstreamCall {
  readonly dispatcher: Dispatcher;
  readonly method: string;
  /** The request target as received. */
  readonly path: string;
  /** Flat request headers toward the target (request-headers.ts). */
  readonly headers: string[];
  /** Real ms without a response head (and between body chunks) before giving up. */
  readonly idleMs: number;
  /** Set-Cookie values to add to the response. */
  readonly cookies: readonly string[];
  /** Close the client connection after this response (client keep-alive duration over). */
  readonly closeClient: boolean;
}

export type UpstreamOutcome = { readonly ok: true; readonly status: number } | { readonly ok: false; readonly status: 502 | 504 | undefined; readonly code: string };

/** The ALB status for an upstream failure before the response head. */
export function failureStatus(error: Error & { code?: string }): 502 | 504 {
  return error.code === CONNECT_TIMEOUT || error.code === 'UND_ERR_HEADERS_TIMEOUT' ? 504 : 502;
}

/** Whether the request carries a body to forward (Content-Length above 0, or a Transfer-Encoding). */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

export function forwardUpstream(req: IncomingMessage, res: ServerResponse, call: UpstreamCall, done: (outcome: UpstreamOutcome) => void): void {
  let abort: ((reason?: Error) => void) | undefined;
  let finished = false;
  let resume: (() => void) | undefined;
  let status = 0;
  const finish = (outcome: UpstreamOutcome) => {
    if (finished) return;
    finished = true;
    done(outcome);
  };
  const clientGone = () => {
    if (res.writableFinished) return;
    abort?.(new Error('the client closed the connection'));
    finish({ ok: false, status: undefined, code: 'CLIENT_CLOSED' });
  };
  res.once('close', clientGone);

  const handler: Dispatcher.DispatchHandler = {
    onConnect(abortFn) {
      abort = abortFn;
      if (finished) abortFn(new Error('the client closed the connection'));
    },
    onHeaders(statusCode, rawHeaders, resumeFn) {
      status = statusCode;
      resume = resumeFn;
      const raw = new Array<string>(rawHeaders.length);
      for (let i = 0; i < rawHeaders.length; i++) raw[i] = rawHeaders[i]!.toString('latin1');
      const out: string[] = [];
      for (const [name, value] of endToEndHeaders(raw)) out.push(name, value);
      for (const cookie of call.cookies) out.push('Set-Cookie', cookie);
      out.push('Connection', call.closeClient ? 'close' : 'keep-alive');
      try {
        res.writeHead(statusCode, out);
      } catch (e) {
        // A head Node cannot write is a malformed response: 502.
        abort?.(e as Error);
        return false;
      }
      return true;
    },
    onData(chunk) {
      const ok = res.write(chunk);
      if (!ok) res.once('drain', () => resume?.());
      return ok;
    },
    onComplete() {
      res.end();
      finish({ ok: true, status });
    },
    onError(err: Error & { code?: string }) {
      if (finished) return;
      if (res.headersSent) {
        res.destroy();
        finish({ ok: false, status: undefined, code: err.code ?? err.message });
        return;
      }
      const failure = failureStatus(err);
      sendReply(res, errorPage(failure, { close: call.closeClient }));
      finish({ ok: false, status: failure, code: err.code ?? err.message });
    },
  };
  call.dispatcher.dispatch(
    {
      method: call.method as Dispatcher.HttpMethod,
      path: call.path,
      headers: call.headers,
      body: hasBody(req) ? req : null,
      headersTimeout: call.idleMs,
      bodyTimeout: call.idleMs,
    },
    handler,
  );
}

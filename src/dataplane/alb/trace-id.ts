/**
 * `X-Amzn-Trace-Id` on requests toward targets (elbv2-vpc-endpoints.md §2.2; ALB user guide,
 * "Request tracing"):
 * - no header: `Root=1-<8 hex: epoch seconds>-<24 hex: random>`;
 * - a header with a `Root` field: a new `Self=1-…-…` goes in front (replacing an incoming
 *   `Self`), `Root` and custom fields stay as they were (`Self=…;Root=…;CalledFrom=app`);
 * - a header without `Root` gets a fresh `Root` in front of its fields [infer];
 * - a header over 7 KB is replaced by a fresh `Root` alone.
 * Responses are not touched.
 */
import { randomBytes } from 'node:crypto';

/** Incoming trace headers longer than this are replaced (§2.2: "headers >7 KB"). */
export const TRACE_HEADER_LIMIT = 7 * 1024;

/** `1-<8 hex epoch seconds>-<24 hex>`. */
export function traceId(now: Date): string {
  const seconds = Math.floor(now.getTime() / 1000).toString(16).padStart(8, '0');
  return `1-${seconds}-${randomBytes(12).toString('hex')}`;
}

/** The header value sent to the target, given the incoming one (undefined: none). */
export function traceHeader(incoming: string | undefined, now: Date): string {
  if (incoming === undefined || incoming.trim() === '' || incoming.length > TRACE_HEADER_LIMIT) return `Root=${traceId(now)}`;
  const fields = incoming
    .split(';')
    .map((f) => f.trim())
    .filter((f) => f !== '' && !/^self=/i.test(f));
  const hasRoot = fields.some((f) => /^root=/i.test(f));
  return [hasRoot ? `Self=${traceId(now)}` : `Root=${traceId(now)}`, ...fields].join(';');
}

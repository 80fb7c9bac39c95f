/**
 * The `fixed-response` action: the configured status, content type and body, exactly
 * (elbv2-vpc-endpoints.md §1.9, §2.4: "status/body/content-type exactly as configured"), in the
 * header layout of every ALB-generated response (local-reply.ts).
 *
 * - `StatusCode` matches `^(2|4|5)\d\d$`; the reason phrase is the standard one (RFC 9110) or,
 *   for a code without one, empty [infer].
 * - `ContentType` is optional in the model; without it the response says `text/plain` [infer].
 * - `MessageBody` (≤1024 characters) is sent as UTF-8; without it the body is empty.
 */
import { STATUS_CODES } from 'node:http';
import type { ListenerAction } from '../../state/records/elbv2.js';
import { albResponse, type LocalReply } from './local-reply.js';

/** [infer] The content type of a fixed response configured without one. */
export const DEFAULT_FIXED_RESPONSE_CONTENT_TYPE = 'text/plain';

export function fixedResponse(config: NonNullable<ListenerAction['FixedResponseConfig']>, now = new Date()): LocalReply {
  const status = Number(config.StatusCode);
  const body = Buffer.from(config.MessageBody ?? '', 'utf8');
  return albResponse(status, STATUS_CODES[status] ?? '', config.ContentType ?? DEFAULT_FIXED_RESPONSE_CONTENT_TYPE, body, { now });
}

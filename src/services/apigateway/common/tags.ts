/**
 * Tag maps (apigateway-rest.md §1.3): keys up to 128 chars, values up to 256, no `aws:` prefix.
 */
import { badRequest } from './errors.js';

export function validTags(tags: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags ?? {})) {
    if (k.length === 0 || k.length > 128) throw badRequest(`Invalid tag key: ${k}`);
    if (v.length > 256) throw badRequest(`Invalid tag value for key ${k}`);
    if (k.toLowerCase().startsWith('aws:')) throw badRequest(`Tag keys cannot start with 'aws:'`);
    out[k] = v;
  }
  return out;
}

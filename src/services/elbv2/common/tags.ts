/**
 * Tags on ELBv2 resources: keys unique within a call (`DuplicateTagKeys`), at most 50 per
 * resource (`TooManyTags`) (elbv2-vpc-endpoints.md §1.11; the limit of 50 is AWS's documented
 * tag quota; message wording [infer]).
 */
import { AwsError } from '../../../kernel/errors.js';
import type { ElbTag } from '../../../state/records/elbv2.js';
import { validationError } from './errors.js';

export const MAX_TAGS = 50;

/** Validates tags given on input; returns them as stored. */
export function checkTags(tags: readonly { Key?: string; Value?: string }[] | undefined): ElbTag[] {
  const out: ElbTag[] = [];
  const seen = new Set<string>();
  for (const t of tags ?? []) {
    if (t.Key === undefined || t.Key === '') throw validationError('A tag key must be specified');
    if (seen.has(t.Key)) throw new AwsError('DuplicateTagKeys', `Tag key '${t.Key}' is duplicated`);
    seen.add(t.Key);
    out.push(t.Value === undefined ? { Key: t.Key } : { Key: t.Key, Value: t.Value });
  }
  if (out.length > MAX_TAGS) throw new AwsError('TooManyTags', 'The quota for the number of tags that can be assigned to a resource has been reached');
  return out;
}

/** Adds or overwrites `added` on `current`. */
export function mergeTags(current: readonly ElbTag[], added: readonly ElbTag[]): ElbTag[] {
  const map = new Map(current.map((t) => [t.Key, t]));
  for (const t of added) map.set(t.Key, t);
  if (map.size > MAX_TAGS) throw new AwsError('TooManyTags', 'The quota for the number of tags that can be assigned to a resource has been reached');
  return [...map.values()];
}

export function tagsToWire(tags: readonly ElbTag[]): { Key: string; Value?: string }[] {
  return tags.map((t) => ({ ...t }));
}

/**
 * Tags on certificates (ec2-route53-acm.md §3.7): at most 50 per certificate
 * (TooManyTagsException; the model's TagList max), keys starting `aws:` are reserved
 * (InvalidTagException). Message wordings [infer].
 */
import { AwsError } from '../../../kernel/errors.js';

export interface AcmTag {
  readonly Key: string;
  readonly Value?: string;
}

export const MAX_TAGS = 50;

/** Validates tags given on input; returns them as stored. */
export function checkTags(tags: readonly { Key?: string; Value?: string }[] | undefined): AcmTag[] {
  const out: AcmTag[] = [];
  for (const t of tags ?? []) {
    if (typeof t.Key !== 'string' || t.Key === '') throw new AwsError('ValidationException', "1 validation error detected: Value null at 'tags.member.key' failed to satisfy constraint: Member must not be null");
    if (t.Key.toLowerCase().startsWith('aws:')) throw new AwsError('InvalidTagException', `Tag key '${t.Key}' is invalid: keys starting with 'aws:' are reserved for AWS use.`);
    out.push(t.Value === undefined ? { Key: t.Key } : { Key: t.Key, Value: t.Value });
  }
  return out;
}

/** Adds or overwrites `added` on `current`; TooManyTagsException past 50. */
export function mergeTags(current: readonly AcmTag[], added: readonly AcmTag[]): AcmTag[] {
  const map = new Map(current.map((t) => [t.Key, t]));
  for (const t of added) map.set(t.Key, t);
  if (map.size > MAX_TAGS) throw new AwsError('TooManyTagsException', `A certificate can have at most ${MAX_TAGS} tags.`);
  return [...map.values()];
}

/**
 * RemoveTagsFromCertificate: a tag given with a value is removed only if the certificate has
 * that key with that value; given without one, the key goes whatever its value (API reference).
 */
export function removeTags(current: readonly AcmTag[], removed: readonly AcmTag[]): AcmTag[] {
  return current.filter((t) => !removed.some((r) => r.Key === t.Key && (r.Value === undefined || r.Value === (t.Value ?? ''))));
}

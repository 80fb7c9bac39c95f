import type { Tag } from '../../../state/records/ec2.js';
import { AwsError } from '../../../kernel/errors.js';

export interface TagSpecification {
  ResourceType?: string;
  Tags?: { Key?: string; Value?: string }[];
}

/**
 * The tags a Create* call applies to a resource of `resourceType` from its TagSpecifications.
 * A specification for another resource type is refused as EC2 refuses it
 * (`InvalidParameterValue`, `'vpcx' is not a valid taggable resource type for this operation.`).
 */
export function tagsFromSpecifications(specs: readonly TagSpecification[] | undefined, resourceType: string, extraAllowed: readonly string[] = []): Tag[] {
  const tags: Tag[] = [];
  for (const spec of specs ?? []) {
    if (spec.ResourceType !== resourceType && !extraAllowed.includes(spec.ResourceType ?? '')) {
      throw new AwsError('InvalidParameterValue', `'${spec.ResourceType ?? ''}' is not a valid taggable resource type for this operation.`);
    }
    if (spec.ResourceType !== resourceType) continue;
    for (const t of spec.Tags ?? []) tags.push(validTag(t));
  }
  return dedupe(tags);
}

/** Tag rules (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions): key 1-127 chars, value up to 255, no `aws:` prefix. */
export function validTag(t: { Key?: string; Value?: string }): Tag {
  const key = t.Key ?? '';
  const value = t.Value ?? '';
  if (key.length === 0 || key.length > 127) throw new AwsError('InvalidParameterValue', `Tag key must be between 1 and 127 characters long, got '${key}'.`);
  if (value.length > 255) throw new AwsError('InvalidParameterValue', `Tag value exceeds the maximum length of 255 characters.`);
  if (key.toLowerCase().startsWith('aws:')) throw new AwsError('InvalidParameterValue', `Tag keys starting with 'aws:' are reserved for internal use`);
  return { Key: key, Value: value };
}

/** Later tags with the same key replace earlier ones; order of first appearance is kept. */
export function mergeTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  return dedupe([...existing, ...added]);
}

function dedupe(tags: readonly Tag[]): Tag[] {
  const byKey = new Map<string, Tag>();
  for (const t of tags) byKey.set(t.Key, t);
  return [...byKey.values()];
}

/** Wire form of a tag list (`tagSet` items). */
export function tagsToWire(tags: readonly Tag[]): { Key: string; Value: string }[] {
  return tags.map((t) => ({ Key: t.Key, Value: t.Value }));
}

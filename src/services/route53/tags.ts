/**
 * Tags of hosted zones: ChangeTagsForResource, ListTagsForResource, ListTagsForResources
 * (Route 53 API reference). `ResourceType` is `hostedzone` or `healthcheck`; health checks are not
 * implemented by localvpc. Adding a key that exists replaces its value; removing a key that does
 * not exist is not an error. A resource holds at most 50 tags (Route 53 quotas) [infer wording].
 */
import type { OperationHandler } from '../context.js';
import { ROUTE53_KIND, type HostedZone } from '../../state/records/route53.js';
import type { RecordReader } from '../../state/store.js';
import { invalidInput, notImplemented, rejectUnsupported } from './common/errors.js';
import { bareId } from './common/ids.js';
import { mustGetZone } from './common/zones.js';

const MAX_TAGS = 50;

type Tag = HostedZone['tags'][number];

function zoneFor(reader: RecordReader, resourceType: string, resourceId: string): HostedZone {
  if (resourceType === 'healthcheck') throw notImplemented('Health checks');
  if (resourceType !== 'hostedzone') throw invalidInput(`Invalid request: ResourceType must be hostedzone or healthcheck, got '${resourceType}'`); // [infer]
  return mustGetZone(reader, bareId(resourceId ?? ''));
}

function tagSet(zone: HostedZone): Record<string, unknown> {
  return { ResourceType: 'hostedzone', ResourceId: zone.id, Tags: zone.tags.map((t) => ({ Key: t.Key, Value: t.Value })) };
}

interface ChangeTagsInput {
  ResourceType: string;
  ResourceId: string;
  AddTags?: { Key?: string; Value?: string }[];
  RemoveTagKeys?: string[];
}

const changeTagsForResource: OperationHandler = (ctx, input: ChangeTagsInput) => {
  rejectUnsupported('ChangeTagsForResource', input as unknown as Record<string, unknown>, ['ResourceType', 'ResourceId', 'AddTags', 'RemoveTagKeys']);
  const add = input.AddTags ?? [];
  if (add.some((t) => !t?.Key)) throw invalidInput('Invalid request: every tag needs a Key.'); // [infer]
  return ctx.store.transact((tx) => {
    const zone = zoneFor(tx, input.ResourceType, input.ResourceId);
    const remove = new Set(input.RemoveTagKeys ?? []);
    const byKey = new Map<string, Tag>(zone.tags.filter((t) => !remove.has(t.Key)).map((t) => [t.Key, t]));
    for (const t of add) byKey.set(t.Key!, { Key: t.Key!, Value: t.Value });
    if (byKey.size > MAX_TAGS) throw invalidInput(`Invalid request: a hosted zone can have at most ${MAX_TAGS} tags.`);
    tx.put<HostedZone>(ROUTE53_KIND.hostedZone, { ...zone, tags: [...byKey.values()] });
    return {};
  });
};

const listTagsForResource: OperationHandler = (ctx, input: { ResourceType: string; ResourceId: string }) => ({
  ResourceTagSet: tagSet(zoneFor(ctx.store, input.ResourceType, input.ResourceId)),
});

const listTagsForResources: OperationHandler = (ctx, input: { ResourceType: string; ResourceIds?: string[] }) => ({
  ResourceTagSets: (input.ResourceIds ?? []).map((id) => tagSet(zoneFor(ctx.store, input.ResourceType, id))),
});

export const tagHandlers: Record<string, OperationHandler> = {
  ChangeTagsForResource: changeTagsForResource,
  ListTagsForResource: listTagsForResource,
  ListTagsForResources: listTagsForResources,
};

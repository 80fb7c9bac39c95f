/**
 * Tags on any EC2 resource localvpc keeps: CreateTags, DeleteTags, DescribeTags
 * (ec2-route53-acm.md §1.14; https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html).
 * The resource type comes from the id prefix (§1.1).
 */
import type { OperationContext, OperationHandler } from '../context.js';
import { KIND, type CustomerGateway, type Ec2Base, type Instance, type Tag, type VpcPeeringConnection, type VpnConnection, type VpnGateway } from '../../state/records/ec2.js';
import { AwsError } from '../../kernel/errors.js';
import { checkDryRun, missingParameter, notFound, rejectUnsupported } from './common/errors.js';
import { applyFilters, type Filter, type FilterFields } from './common/filters.js';
import { paginate } from './common/pagination.js';
import { mergeTags, validTag } from './common/tags.js';
import { listInRegion } from './common/lookup.js';
import { isVisible as instanceVisible } from './instance-visibility.js';
import { isVisible as peeringVisible } from './vpc-peering-wire.js';
import { vpnObjectVisible } from './retention.js';

interface Taggable {
  /** Store kind. */
  readonly kind: string;
  /** The `ResourceType` DescribeTags shows, also the NotFound noun key of common/errors.ts. */
  readonly type: string;
  /**
   * Whether the API still shows the record: terminated instances, and peering connections and
   * VPN objects in a final state, vanish after a while (retention.ts); then they answer NotFound.
   */
  readonly visible?: (ctx: OperationContext, record: Ec2Base) => boolean;
}

const vpnObject = (ctx: OperationContext, r: Ec2Base) => vpnObjectVisible(ctx.clock, r as CustomerGateway | VpnGateway | VpnConnection);

/** Id prefix → resource, for every EC2 record kind (KIND) that users see. */
const TAGGABLE: Readonly<Record<string, Taggable>> = {
  vpc: { kind: KIND.vpc, type: 'vpc' },
  subnet: { kind: KIND.subnet, type: 'subnet' },
  rtb: { kind: KIND.routeTable, type: 'route-table' },
  igw: { kind: KIND.internetGateway, type: 'internet-gateway' },
  sg: { kind: KIND.securityGroup, type: 'security-group' },
  eni: { kind: KIND.networkInterface, type: 'network-interface' },
  vpce: { kind: KIND.vpcEndpoint, type: 'vpc-endpoint' },
  i: { kind: KIND.instance, type: 'instance', visible: (ctx, r) => instanceVisible(ctx, r as Instance) },
  pcx: { kind: KIND.vpcPeeringConnection, type: 'vpc-peering-connection', visible: (ctx, r) => peeringVisible(ctx, r as VpcPeeringConnection) },
  cgw: { kind: KIND.customerGateway, type: 'customer-gateway', visible: vpnObject },
  vgw: { kind: KIND.vpnGateway, type: 'vpn-gateway', visible: vpnObject },
  vpn: { kind: KIND.vpnConnection, type: 'vpn-connection', visible: vpnObject },
};

function isShown(ctx: OperationContext, taggable: Taggable, record: Ec2Base | undefined): record is Ec2Base {
  return !!record && record.region === ctx.region && (!taggable.visible || taggable.visible(ctx, record));
}

/** Per-resource tag quota (Using_Tags.html#tag-restrictions). */
export const MAX_TAGS_PER_RESOURCE = 50;

/** The resource type of an id, or `InvalidID` `The ID 'x' is not valid` (§1.1) for anything else. */
function taggableOf(id: string): Taggable {
  const m = /^([a-z]+)-[0-9a-f]{8}(?:[0-9a-f]{9})?$/.exec(id);
  const t = m ? TAGGABLE[m[1]!] : undefined;
  if (!t) throw new AwsError('InvalidID', `The ID '${id}' is not valid`);
  return t;
}

/** The records named by `ids` in this region; missing ones answer their type's NotFound, naming all missing ids of that type. */
function resolveResources(ctx: OperationContext, ids: readonly string[]): { taggable: Taggable; record: Ec2Base }[] {
  const found: { taggable: Taggable; record: Ec2Base }[] = [];
  const missing = new Map<string, string[]>();
  for (const id of ids) {
    const taggable = taggableOf(id);
    const record = ctx.store.get<Ec2Base>(taggable.kind, id);
    if (isShown(ctx, taggable, record)) found.push({ taggable, record });
    else missing.set(taggable.type, [...(missing.get(taggable.type) ?? []), id]);
  }
  const [type, list] = [...missing.entries()][0] ?? [];
  if (type) throw notFound(type, list!);
  return found;
}

const createTags: OperationHandler = (ctx, input: { Resources?: string[]; Tags?: { Key?: string; Value?: string }[]; DryRun?: boolean }) => {
  rejectUnsupported('CreateTags', input, ['Resources', 'Tags']);
  if (!input.Resources?.length) throw missingParameter('resourceIdSet');
  if (!input.Tags?.length) throw missingParameter('tagSet');
  const added = input.Tags.map(validTag);
  const resources = resolveResources(ctx, input.Resources);
  for (const { record } of resources) {
    // [infer] wording.
    if (mergeTags(record.tags, added).length > MAX_TAGS_PER_RESOURCE) {
      throw new AwsError('TagLimitExceeded', `The maximum number of Tags for a resource has been reached: ${record.id} would have more than ${MAX_TAGS_PER_RESOURCE} tags.`);
    }
  }
  checkDryRun(input);
  ctx.store.transact((tx) => {
    for (const { taggable, record } of resources) {
      const cur = tx.get<Ec2Base>(taggable.kind, record.id)!;
      tx.put(taggable.kind, { ...cur, tags: mergeTags(cur.tags, added) });
    }
  });
  return {};
};

/**
 * Without `Tags`, every tag goes; a tag with a Value is removed only when the value matches
 * (an empty Value matches only an empty value); a tag without one by key alone (DeleteTags
 * reference). `aws:` tags cannot be removed by users.
 */
function keepTag(tag: Tag, removals: readonly { Key?: string; Value?: string }[] | undefined): boolean {
  if (tag.Key.toLowerCase().startsWith('aws:')) return true;
  if (!removals?.length) return false;
  return !removals.some((r) => r.Key === tag.Key && (r.Value === undefined || r.Value === tag.Value));
}

const deleteTags: OperationHandler = (ctx, input: { Resources?: string[]; Tags?: { Key?: string; Value?: string }[]; DryRun?: boolean }) => {
  rejectUnsupported('DeleteTags', input, ['Resources', 'Tags']);
  if (!input.Resources?.length) throw missingParameter('resourceIdSet');
  for (const t of input.Tags ?? []) if (t.Key === undefined) throw missingParameter('tag.key');
  const resources = resolveResources(ctx, input.Resources);
  checkDryRun(input);
  ctx.store.transact((tx) => {
    for (const { taggable, record } of resources) {
      const cur = tx.get<Ec2Base>(taggable.kind, record.id)!;
      const tags = cur.tags.filter((t) => keepTag(t, input.Tags));
      if (tags.length !== cur.tags.length) tx.put(taggable.kind, { ...cur, tags });
    }
  });
  return {};
};

/** One tag of one resource, the unit DescribeTags filters and pages; `tags` are the resource's, for `tag:<key>`. */
interface TagView {
  readonly id: string;
  readonly createdAt: string;
  readonly tags: readonly Tag[];
  readonly resourceId: string;
  readonly resourceType: string;
  readonly key: string;
  readonly value: string;
}

/**
 * DescribeTags filters (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeTags.html).
 * `tag:<key>` selects the tags of resources carrying that tag [infer: "to find resources with the
 * tag"].
 */
const TAG_FILTERS: FilterFields<TagView> = {
  'key': (v) => v.key,
  'value': (v) => v.value,
  'resource-id': (v) => v.resourceId,
  'resource-type': (v) => v.resourceType,
};

const describeTags: OperationHandler = (ctx, input: { Filters?: Filter[]; MaxResults?: number; NextToken?: string; DryRun?: boolean }) => {
  rejectUnsupported('DescribeTags', input, ['Filters', 'MaxResults', 'NextToken']);
  const views: TagView[] = [];
  for (const taggable of Object.values(TAGGABLE)) {
    for (const r of listInRegion<Ec2Base>(ctx.store, taggable.kind, ctx.region, (x) => isShown(ctx, taggable, x))) {
      for (const t of r.tags) {
        views.push({ id: `${r.id}\t${t.Key}`, createdAt: r.createdAt, tags: r.tags, resourceId: r.id, resourceType: taggable.type, key: t.Key, value: t.Value });
      }
    }
  }
  const matching = applyFilters(views, input.Filters, TAG_FILTERS);
  checkDryRun(input);
  const { page, nextToken } = paginate(matching, input, { min: 5, max: 1000 });
  return { Tags: page.map((v) => ({ Key: v.key, Value: v.value, ResourceId: v.resourceId, ResourceType: v.resourceType })), NextToken: nextToken };
};

export const tagHandlers: Record<string, OperationHandler> = {
  CreateTags: createTags,
  DeleteTags: deleteTags,
  DescribeTags: describeTags,
};

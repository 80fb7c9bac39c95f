/**
 * Listing zones: ListHostedZones, ListHostedZonesByName, ListHostedZonesByVPC
 * (ec2-route53-acm.md §2.3; at most 100 per page, `MaxItems` a string).
 *
 * - ListHostedZones pages by zone id (`NextMarker` is the id of the next page's first zone); AWS
 *   does not document its order, so localvpc lists zones in id order [infer].
 * - ListHostedZonesByName sorts by name with the labels reversed (`com.example.www.`, ASCII, the
 *   trailing dot included), zones of the same name by id; `NextDNSName`/`NextHostedZoneId` name
 *   the next page's first zone, and the request's `dnsname`/`hostedzoneid` are echoed.
 * - ListHostedZonesByVPC lists the private zones associated with one VPC as HostedZoneSummaries
 *   (bare ids); `NextToken` is the id of the next page's first zone.
 */
import type { OperationHandler } from '../context.js';
import { ROUTE53_KIND, type HostedZone } from '../../state/records/route53.js';
import { invalidDomainName, invalidInput, notImplemented, rejectUnsupported } from './common/errors.js';
import { bareId } from './common/ids.js';
import { DnsNameError, asciiCompare, normalizeDnsName, reversedName } from './common/names.js';
import { pageSize } from './common/paging.js';
import { sameVpc } from './common/vpcs.js';
import { hostedZoneWire } from './common/zones.js';

const ZONES_PER_PAGE = 100;

function byId(a: HostedZone, b: HostedZone): number {
  return asciiCompare(a.id, b.id);
}

function byReversedName(a: HostedZone, b: HostedZone): number {
  return asciiCompare(reversedName(a.name), reversedName(b.name)) || byId(a, b);
}

interface ListHostedZonesInput {
  Marker?: string;
  MaxItems?: string;
  DelegationSetId?: string;
  HostedZoneType?: string;
}

const listHostedZones: OperationHandler = (ctx, input: ListHostedZonesInput) => {
  if (input.DelegationSetId !== undefined) throw notImplemented('The parameter DelegationSetId of ListHostedZones (reusable delegation sets)');
  rejectUnsupported('ListHostedZones', input as Record<string, unknown>, ['Marker', 'MaxItems', 'HostedZoneType']);
  const { size, echo } = pageSize(input.MaxItems, ZONES_PER_PAGE, ZONES_PER_PAGE);
  const privateOnly = input.HostedZoneType === 'PrivateHostedZone';
  const zones = ctx.store.list<HostedZone>(ROUTE53_KIND.hostedZone, (z) => !privateOnly || z.privateZone).sort(byId);
  const marker = input.Marker ? bareId(input.Marker) : undefined;
  const start = marker === undefined ? 0 : zones.findIndex((z) => asciiCompare(z.id, marker) >= 0);
  const from = start < 0 ? zones.length : start;
  const page = zones.slice(from, from + size);
  const next = zones[from + size];
  return {
    HostedZones: page.map((z) => hostedZoneWire(ctx.store, z)),
    Marker: input.Marker ?? '',
    IsTruncated: next !== undefined,
    NextMarker: next?.id,
    MaxItems: echo,
  };
};

const listHostedZonesByName: OperationHandler = (ctx, input: { DNSName?: string; HostedZoneId?: string; MaxItems?: string }) => {
  const { size, echo } = pageSize(input.MaxItems, ZONES_PER_PAGE, ZONES_PER_PAGE);
  // Wording [infer]: the docs say hostedzoneid is only for requests that also carry dnsname.
  if (input.HostedZoneId !== undefined && input.DNSName === undefined) throw invalidInput('Invalid request: hostedzoneid can only be specified together with dnsname.');
  const zones = ctx.store.list<HostedZone>(ROUTE53_KIND.hostedZone).sort(byReversedName);
  let from = 0;
  if (input.DNSName !== undefined) {
    let key: string;
    try {
      key = reversedName(normalizeDnsName(input.DNSName));
    } catch (e) {
      if (e instanceof DnsNameError) throw invalidDomainName(e.message);
      throw e;
    }
    const id = input.HostedZoneId === undefined ? undefined : bareId(input.HostedZoneId);
    const at = zones.findIndex((z) => {
      const c = asciiCompare(reversedName(z.name), key);
      return c > 0 || (c === 0 && (id === undefined || asciiCompare(z.id, id) >= 0));
    });
    from = at < 0 ? zones.length : at;
  }
  const page = zones.slice(from, from + size);
  const next = zones[from + size];
  return {
    HostedZones: page.map((z) => hostedZoneWire(ctx.store, z)),
    DNSName: input.DNSName,
    HostedZoneId: input.HostedZoneId,
    IsTruncated: next !== undefined,
    NextDNSName: next?.name,
    NextHostedZoneId: next?.id,
    MaxItems: echo,
  };
};

const listHostedZonesByVpc: OperationHandler = (ctx, input: { VPCId: string; VPCRegion: string; MaxItems?: string; NextToken?: string }) => {
  const { size, echo } = pageSize(input.MaxItems, ZONES_PER_PAGE, ZONES_PER_PAGE);
  if (!input.VPCId || !input.VPCRegion) throw invalidInput('Invalid request: vpcid and vpcregion are required.'); // [infer]; the codec checks first
  const vpc = { vpcId: input.VPCId, vpcRegion: input.VPCRegion };
  const zones = ctx.store.list<HostedZone>(ROUTE53_KIND.hostedZone, (z) => z.privateZone && z.vpcs.some((v) => sameVpc(v, vpc))).sort(byId);
  const at = input.NextToken === undefined ? 0 : zones.findIndex((z) => asciiCompare(z.id, input.NextToken!) >= 0);
  const from = at < 0 ? zones.length : at;
  const page = zones.slice(from, from + size);
  const next = zones[from + size];
  return {
    HostedZoneSummaries: page.map((z) => ({ HostedZoneId: z.id, Name: z.name, Owner: { OwningAccount: ctx.accountId } })),
    MaxItems: echo,
    NextToken: next?.id,
  };
};

export const hostedZoneListHandlers: Record<string, OperationHandler> = {
  ListHostedZones: listHostedZones,
  ListHostedZonesByName: listHostedZonesByName,
  ListHostedZonesByVPC: listHostedZonesByVpc,
};

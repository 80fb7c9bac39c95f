/**
 * Regions, zones and account attributes: DescribeRegions, DescribeAvailabilityZones,
 * DescribeAccountAttributes (ec2-route53-acm.md §1.2, §1.3).
 */
import type { OperationHandler } from '../context.js';
import { checkDryRun, invalidParameterValue, rejectUnsupported } from './common/errors.js';
import { applyFilters, type Filter, type FilterFields } from './common/filters.js';
import { REGIONS, zonesOf, type Zone as RegionZone } from './common/regions.js';
import type { Tag } from '../../state/records/ec2.js';
import { defaultVpc } from './security-group-lookup.js';

/** A zone; zones carry no tags (the field is there for the generic filter signature). */
type Zone = RegionZone & { readonly tags?: readonly Tag[] };

/** Region display names, used in zone group long names (`US West (Oregon) 1`, DescribeAvailabilityZones reference). */
const REGION_LONG_NAMES: Readonly<Record<string, string>> = {
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-1': 'US West (N. California)',
  'us-west-2': 'US West (Oregon)',
  'ca-central-1': 'Canada (Central)',
  'eu-west-1': 'Europe (Ireland)',
  'eu-west-2': 'Europe (London)',
  'eu-west-3': 'Europe (Paris)',
  'eu-central-1': 'Europe (Frankfurt)',
  'eu-north-1': 'Europe (Stockholm)',
  'eu-south-1': 'Europe (Milan)',
  'ap-south-1': 'Asia Pacific (Mumbai)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ap-northeast-2': 'Asia Pacific (Seoul)',
  'ap-northeast-3': 'Asia Pacific (Osaka)',
  'ap-southeast-1': 'Asia Pacific (Singapore)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
  'sa-east-1': 'South America (Sao Paulo)',
};

interface RegionView {
  /** Regions carry no tags; present for the generic filter signature. */
  readonly tags?: readonly Tag[];
  readonly RegionName: string;
  readonly Endpoint: string;
  readonly OptInStatus: string;
}

function regionView(name: string): RegionView {
  return { RegionName: name, Endpoint: `ec2.${name}.amazonaws.com`, OptInStatus: 'opt-in-not-required' };
}

/** DescribeRegions filters (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRegions.html). */
const REGION_FILTERS: FilterFields<RegionView> = {
  'endpoint': (r) => r.Endpoint,
  'opt-in-status': (r) => r.OptInStatus,
  'region-name': (r) => r.RegionName,
};

/** Every region localvpc serves; all answer `opt-in-not-required`, so `AllRegions` changes nothing. */
const describeRegions: OperationHandler = (ctx, input: { RegionNames?: string[]; AllRegions?: boolean; Filters?: Filter[]; DryRun?: boolean }) => {
  rejectUnsupported('DescribeRegions', input, ['RegionNames', 'AllRegions', 'Filters']);
  const names = input.RegionNames?.length ? input.RegionNames : Object.keys(REGIONS);
  const unknown = names.filter((n) => !REGIONS[n]);
  // [infer] wording.
  if (unknown.length) throw invalidParameterValue(`Invalid region names: [${unknown.join(', ')}]`);
  const regions = applyFilters(names.map(regionView), input.Filters, REGION_FILTERS);
  checkDryRun(input);
  return { Regions: regions };
};

/** A zone as DescribeAvailabilityZones shows it (§1.2, fields of the recorded AWS answer). */
function zoneToWire(z: Zone): Record<string, unknown> {
  return {
    ZoneName: z.name,
    ZoneId: z.id,
    RegionName: z.region,
    State: 'available',
    OptInStatus: 'opt-in-not-required',
    Messages: [],
    GroupName: `${z.region}-zg-1`,
    GroupLongName: `${REGION_LONG_NAMES[z.region] ?? z.region} 1`,
    NetworkBorderGroup: z.region,
    ZoneType: 'availability-zone',
  };
}

/** DescribeAvailabilityZones filters (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html). */
const ZONE_FILTERS: FilterFields<Zone> = {
  'group-long-name': (z) => `${REGION_LONG_NAMES[z.region] ?? z.region} 1`,
  'group-name': (z) => `${z.region}-zg-1`,
  'message': () => undefined,
  'opt-in-status': () => 'opt-in-not-required',
  // Local and Wavelength Zones are not modelled.
  'parent-zone-id': () => undefined,
  'parent-zone-name': () => undefined,
  'region-name': (z) => z.region,
  'state': () => 'available',
  'zone-id': (z) => z.id,
  'zone-name': (z) => z.name,
  'zone-type': () => 'availability-zone',
};

/** The zones of the request's region, optionally narrowed by `ZoneNames`/`ZoneIds` (each must exist). */
const describeAvailabilityZones: OperationHandler = (ctx, input: { ZoneNames?: string[]; ZoneIds?: string[]; AllAvailabilityZones?: boolean; Filters?: Filter[]; DryRun?: boolean }) => {
  rejectUnsupported('DescribeAvailabilityZones', input, ['ZoneNames', 'ZoneIds', 'AllAvailabilityZones', 'Filters']);
  const zones = zonesOf(ctx.region);
  const names = input.ZoneNames ?? [];
  const ids = input.ZoneIds ?? [];
  // [infer] wording: `Invalid availability zone: [eu-west-1z]`.
  const unknown = [...names.filter((n) => !zones.some((z) => z.name === n)), ...ids.filter((i) => !zones.some((z) => z.id === i))];
  if (unknown.length) throw invalidParameterValue(`Invalid availability zone: [${unknown.join(', ')}]`);
  const selected = names.length || ids.length ? zones.filter((z) => names.includes(z.name) || ids.includes(z.id)) : zones;
  const matching = applyFilters(selected, input.Filters, ZONE_FILTERS);
  checkDryRun(input);
  return { AvailabilityZones: matching.map(zoneToWire) };
};

/**
 * DescribeAccountAttributes: `supported-platforms` is `VPC` (EC2-Classic is retired),
 * `default-vpc` the region's default VPC or `none`; with no names, the quota attributes too
 * (default quotas of a new account) [infer: values].
 */
const describeAccountAttributes: OperationHandler = (ctx, input: { AttributeNames?: string[]; DryRun?: boolean }) => {
  rejectUnsupported('DescribeAccountAttributes', input, ['AttributeNames']);
  const all: Record<string, string[]> = {
    'supported-platforms': ['VPC'],
    'default-vpc': [defaultVpc(ctx.store, ctx.region)?.id ?? 'none'],
    'max-instances': ['20'],
    'vpc-max-security-groups-per-interface': ['5'],
    'max-elastic-ips': ['5'],
    'vpc-max-elastic-ips': ['5'],
  };
  const requested = input.AttributeNames?.length ? input.AttributeNames : Object.keys(all);
  // The model's AccountAttributeName enum allows only these two by name.
  const invalid = input.AttributeNames?.find((n) => n !== 'supported-platforms' && n !== 'default-vpc');
  if (invalid !== undefined) throw invalidParameterValue(`Value (${invalid}) for parameter attributeName is invalid. Valid values are: supported-platforms, default-vpc.`);
  checkDryRun(input);
  return { AccountAttributes: requested.map((name) => ({ AttributeName: name, AttributeValues: all[name]!.map((v) => ({ AttributeValue: v })) })) };
};

export const regionHandlers: Record<string, OperationHandler> = {
  DescribeRegions: describeRegions,
  DescribeAvailabilityZones: describeAvailabilityZones,
  DescribeAccountAttributes: describeAccountAttributes,
};

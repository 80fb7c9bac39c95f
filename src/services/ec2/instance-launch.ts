/**
 * RunInstances (ec2-route53-acm.md §1.3, §1.10): validates the request, places each instance in
 * a subnet with one primary network interface, and writes the instances in `pending`. The data
 * plane's instance runtime moves them to `running` after the boot delay.
 */
import type { OperationContext, OperationHandler } from '../context.js';
import { KIND, type Instance, type NetworkInterface, type Subnet, type Vpc } from '../../state/records/ec2.js';
import { allocatePrivateIp, availableAddressCount, privateDnsName } from '../../state/views/addresses.js';
import { AwsError, NotImplementedError } from '../../kernel/errors.js';
import { ec2Id, uuid } from '../../kernel/ids.js';
import { checkDryRun, invalidParameterValue, malformed, missingParameter, rejectUnsupported } from './common/errors.js';
import { isEc2Id } from './common/ids.js';
import { listInRegion, mustGet } from './common/lookup.js';
import { resolveZone, zonesOf } from './common/regions.js';
import { tagsFromSpecifications, type TagSpecification } from './common/tags.js';
import { defaultGroupId, groupIdsByName, groupsForSubnet } from './group-refs.js';
import { instanceAttachment, putNetworkInterface } from './network-interface-records.js';
import { reservationsToWire } from './instance-wire.js';
import { isVisible } from './instance-visibility.js';

/** The instance type when none is given: the legacy `m1.small` (ec2-route53-acm.md §1.10). */
export const DEFAULT_INSTANCE_TYPE = 'm1.small';
/** User data limit, in decoded bytes (§1.10). */
const USER_DATA_MAX_BYTES = 16384;

interface InterfaceSpec {
  DeviceIndex?: number;
  SubnetId?: string;
  Groups?: string[];
  PrivateIpAddress?: string;
  AssociatePublicIpAddress?: boolean;
  DeleteOnTermination?: boolean;
  Description?: string;
  NetworkInterfaceId?: string;
}

export interface RunInput {
  ImageId?: string;
  InstanceType?: string;
  MinCount?: number;
  MaxCount?: number;
  SubnetId?: string;
  SecurityGroupIds?: string[];
  SecurityGroups?: string[];
  PrivateIpAddress?: string;
  UserData?: string;
  KeyName?: string;
  TagSpecifications?: TagSpecification[];
  ClientToken?: string;
  NetworkInterfaces?: InterfaceSpec[];
  Placement?: { AvailabilityZone?: string; AvailabilityZoneId?: string; Tenancy?: string };
  DryRun?: boolean;
}

const SUPPORTED = ['ImageId', 'InstanceType', 'MinCount', 'MaxCount', 'SubnetId', 'SecurityGroupIds', 'SecurityGroups', 'PrivateIpAddress', 'UserData', 'KeyName', 'TagSpecifications', 'ClientToken', 'NetworkInterfaces', 'Placement'];
const INTERFACE_SUPPORTED = ['DeviceIndex', 'SubnetId', 'Groups', 'PrivateIpAddress', 'AssociatePublicIpAddress', 'DeleteOnTermination', 'Description', 'NetworkInterfaceId'];
/** Taggable at launch on AWS but not modelled here (no volumes, no Spot). */
const UNMODELLED_TAG_TYPES = ['volume', 'spot-instances-request', 'elastic-gpu', 'elastic-inference'];

function notImplemented(what: string): NotImplementedError {
  return new NotImplementedError(`${what} of RunInstances is not implemented by localvpc (ec2 2016-11-15).`);
}

/** `ami-` ids of either length are accepted; the all-zero id names no image (§4 item 20). */
function checkImage(imageId: string | undefined): string {
  if (imageId === undefined) throw missingParameter('ImageId');
  if (!isEc2Id('ami', imageId)) throw malformed('InvalidAMIID.Malformed', imageId, 'ami-...');
  if (/^ami-0+$/.test(imageId)) throw new AwsError('InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`);
  return imageId;
}

/** Counts: both required, at least 1, MinCount ≤ MaxCount (wording of the refusals inferred). */
function checkCounts(input: RunInput): { min: number; max: number } {
  if (input.MinCount === undefined) throw missingParameter('MinCount');
  if (input.MaxCount === undefined) throw missingParameter('MaxCount');
  for (const [name, v] of [['minCount', input.MinCount], ['maxCount', input.MaxCount]] as const) {
    if (!Number.isInteger(v) || v < 1) throw invalidParameterValue(`Value (${v}) for parameter ${name} is invalid. Expected a positive integer.`);
  }
  if (input.MinCount > input.MaxCount) throw invalidParameterValue(`Value (${input.MinCount}) for parameter minCount is invalid. minCount must not be greater than maxCount.`);
  return { min: input.MinCount, max: input.MaxCount };
}

/** UserData must be base64 and at most 16384 bytes decoded (§1.10, observed texts). */
function checkUserData(userData: string | undefined): void {
  if (userData === undefined) return;
  const compact = userData.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) throw invalidParameterValue('Invalid BASE64 encoding of user data');
  if (Buffer.from(compact, 'base64').length > USER_DATA_MAX_BYTES) throw invalidParameterValue(`User data is limited to ${USER_DATA_MAX_BYTES} bytes`);
}

function checkInstanceType(type: string): void {
  // Shape check only (family.size); the catalogue of types is not modelled. Wording inferred.
  if (!/^[a-z][a-z0-9-]*\.[a-z0-9-]+$/.test(type)) throw invalidParameterValue(`Invalid value '${type}' for InstanceType.`);
}

/** The single interface specification localvpc launches with, validated; undefined without one. */
function interfaceSpec(input: RunInput): InterfaceSpec | undefined {
  const specs = input.NetworkInterfaces ?? [];
  if (specs.length === 0) return undefined;
  if (specs.length > 1) throw notImplemented('Launching with more than one network interface (NetworkInterfaces.2)');
  const spec = specs[0]!;
  for (const [key, value] of Object.entries(spec)) {
    if (value !== undefined && !INTERFACE_SUPPORTED.includes(key) && !(Array.isArray(value) && value.length === 0)) throw notImplemented(`The parameter NetworkInterfaces.1.${key}`);
  }
  if ((spec.DeviceIndex ?? 0) !== 0) throw notImplemented('A first network interface at a device index other than 0');
  if (spec.AssociatePublicIpAddress) throw notImplemented('Public IPv4 addresses (AssociatePublicIpAddress=true)');
  // Instance-level and interface-level settings exclude each other (AWS's own messages).
  if (input.SubnetId !== undefined) throw new AwsError('InvalidParameterCombination', 'Network interfaces and an instance-level subnet ID may not be specified on the same request');
  if (input.SecurityGroupIds?.length || input.SecurityGroups?.length) throw new AwsError('InvalidParameterCombination', 'Network interfaces and an instance-level security groups may not be specified on the same request');
  if (input.PrivateIpAddress !== undefined) throw new AwsError('InvalidParameterCombination', 'Network interfaces and an instance-level private IP address should not be specified on the same request');
  if (spec.NetworkInterfaceId !== undefined && (spec.SubnetId !== undefined || spec.Groups?.length || spec.PrivateIpAddress !== undefined)) {
    throw new AwsError('InvalidParameterCombination', 'A network interface ID may not be specified together with a subnet, security groups or a private IP address for the same interface');
  }
  return spec;
}

/** The default VPC of the region, or `VPCIdNotSpecified` when it was deleted. */
function defaultVpc(ctx: OperationContext): Vpc {
  const vpc = listInRegion<Vpc>(ctx.store, KIND.vpc, ctx.region, (v) => v.isDefault)[0];
  if (!vpc) throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user');
  return vpc;
}

/** The subnet: the named one, else the default VPC's default subnet of the zone (or the first zone). */
function chooseSubnet(ctx: OperationContext, subnetId: string | undefined, placement: RunInput['Placement']): Subnet {
  const named = placement?.AvailabilityZone ?? placement?.AvailabilityZoneId;
  const zones = zonesOf(ctx.region);
  // `Invalid availability zone: [us-east-1z]` (RunInstances' own wording, as commonly reported).
  if (named !== undefined && !zones.some((z) => z.name === named || z.id === named)) throw invalidParameterValue(`Invalid availability zone: [${named}]`);
  const zone = resolveZone(ctx.region, placement?.AvailabilityZone, placement?.AvailabilityZoneId);
  if (subnetId !== undefined) {
    const subnet = mustGet<Subnet>(ctx.store, KIND.subnet, ctx.region, subnetId, 'subnet', 'subnet');
    if (zone && zone.name !== subnet.availabilityZone) throw invalidParameterValue(`The subnet '${subnet.id}' is not in availability zone '${zone.name}'.`);
    return subnet;
  }
  const vpc = defaultVpc(ctx);
  const candidates = listInRegion<Subnet>(ctx.store, KIND.subnet, ctx.region, (s) => s.vpcId === vpc.id && s.defaultForAz).sort((a, b) => a.availabilityZone.localeCompare(b.availabilityZone));
  const subnet = zone ? candidates.find((s) => s.availabilityZone === zone.name) : candidates[0];
  if (!subnet) throw invalidParameterValue(`No default subnet for availability zone: '${zone?.name ?? ctx.region}'.`);
  return subnet;
}

/** Group ids for the instances' primary interfaces (ids, names in the default VPC, or the VPC default). */
function chooseGroups(ctx: OperationContext, input: RunInput, spec: InterfaceSpec | undefined, subnet: Subnet): string[] {
  const ids = [...(input.SecurityGroupIds ?? []), ...(spec?.Groups ?? [])];
  const names = input.SecurityGroups ?? [];
  const vpc = ctx.store.get<Vpc>(KIND.vpc, subnet.vpcId);
  let fromNames: string[] = [];
  if (names.length) {
    // Group names work in the default VPC only (§1.3; AWS's message for a subnet elsewhere).
    if (!vpc?.isDefault) throw new AwsError('InvalidParameterCombination', 'The parameter groupName cannot be used with the parameter subnet');
    fromNames = groupIdsByName(ctx.store, ctx.region, vpc.id, names);
  }
  const checked = ids.length ? groupsForSubnet(ctx.store, ctx.region, subnet.vpcId, subnet.id, ids) : [];
  const all = [...new Set([...checked, ...fromNames])];
  return all.length ? all : [defaultGroupId(ctx.store, ctx.region, subnet.vpcId)];
}

/** Tags per resource type; types localvpc does not model are refused rather than dropped. */
function launchTags(specs: readonly TagSpecification[] | undefined): { instance: Instance['tags']; eni: NetworkInterface['tags'] } {
  for (const s of specs ?? []) {
    if (UNMODELLED_TAG_TYPES.includes(s.ResourceType ?? '')) throw notImplemented(`Tagging resource type '${s.ResourceType}' at launch`);
  }
  return {
    instance: tagsFromSpecifications(specs, 'instance', ['network-interface']),
    eni: tagsFromSpecifications(specs, 'network-interface', ['instance']),
  };
}

/**
 * An earlier launch with the same ClientToken: its reservation is the answer. Different
 * arguments → `IdempotentParameterMismatch` (EC2 error codes; wording inferred).
 */
function earlierLaunch(ctx: OperationContext, input: RunInput, imageId: string, instanceType: string): Instance[] | undefined {
  if (input.ClientToken === undefined) return undefined;
  const earlier = listInRegion<Instance>(ctx.store, KIND.instance, ctx.region, (i) => i.clientToken === input.ClientToken && isVisible(ctx, i));
  if (earlier.length === 0) return undefined;
  const first = earlier[0]!;
  const same = first.imageId === imageId && first.instanceType === instanceType && first.keyName === input.KeyName && first.userData === input.UserData &&
    (input.SubnetId === undefined || first.subnetId === input.SubnetId) && earlier.length <= input.MaxCount! && earlier.length >= input.MinCount!;
  if (!same) throw new AwsError('IdempotentParameterMismatch', 'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).');
  return earlier;
}

export const runInstances: OperationHandler = (ctx, input: RunInput) => {
  rejectUnsupported('RunInstances', input as Record<string, unknown>, SUPPORTED);
  const placement = input.Placement;
  if (placement) {
    for (const [key, value] of Object.entries(placement)) {
      if (value !== undefined && !['AvailabilityZone', 'AvailabilityZoneId', 'Tenancy'].includes(key)) throw notImplemented(`The parameter Placement.${key}`);
    }
    if (placement.Tenancy !== undefined && placement.Tenancy !== 'default') throw notImplemented(`Tenancy '${placement.Tenancy}'`);
  }
  const imageId = checkImage(input.ImageId);
  const { min, max } = checkCounts(input);
  const instanceType = input.InstanceType ?? DEFAULT_INSTANCE_TYPE;
  checkInstanceType(instanceType);
  checkUserData(input.UserData);
  const again = earlierLaunch(ctx, input, imageId, instanceType);
  if (again) {
    checkDryRun(input);
    return reservationsToWire(ctx.store, again)[0];
  }
  const spec = interfaceSpec(input);
  const existing = spec?.NetworkInterfaceId !== undefined ? mustGet<NetworkInterface>(ctx.store, KIND.networkInterface, ctx.region, spec.NetworkInterfaceId, 'eni', 'network-interface') : undefined;
  if (existing && (existing.attachment || existing.requesterManaged)) throw new AwsError('InvalidNetworkInterface.InUse', `Interface: [${existing.id}] in use.`);
  const subnet = existing ? mustGet<Subnet>(ctx.store, KIND.subnet, ctx.region, existing.subnetId, 'subnet', 'subnet') : chooseSubnet(ctx, spec?.SubnetId ?? input.SubnetId, placement);
  if (existing && placement?.AvailabilityZone !== undefined && placement.AvailabilityZone !== subnet.availabilityZone) {
    throw invalidParameterValue(`The network interface '${existing.id}' is not in availability zone '${placement.AvailabilityZone}'.`);
  }
  const groups = existing ? [...existing.groups] : chooseGroups(ctx, input, spec, subnet);
  const requestedIp = spec?.PrivateIpAddress ?? input.PrivateIpAddress;
  // A fixed address or an existing interface serves a single instance (RunInstances PrivateIpAddress docs; wording inferred).
  if ((requestedIp !== undefined || existing) && max > 1) {
    throw new AwsError('InvalidParameterCombination', 'A private IP address or a network interface ID can only be specified when launching a single instance (MaxCount=1).');
  }
  if (requestedIp !== undefined) allocatePrivateIp(ctx.store, subnet, requestedIp);
  const count = existing ? 1 : Math.min(max, availableAddressCount(ctx.store, subnet));
  if (count < min) throw new AwsError('InsufficientFreeAddressesInSubnet', 'The specified subnet does not have enough free addresses to satisfy the request.');
  const tags = launchTags(input.TagSpecifications);
  checkDryRun(input);

  const now = ctx.clock.now().toISOString();
  const reservationId = ec2Id('r');
  const clientToken = input.ClientToken ?? uuid();
  const instances = ctx.store.transact((tx) => {
    const made: Instance[] = [];
    for (let index = 0; index < count; index++) {
      const instanceId = ec2Id('i');
      let eni: NetworkInterface;
      if (existing) {
        const attachment = instanceAttachment(ctx, instanceId, 0, spec?.DeleteOnTermination ?? false);
        eni = tx.put(KIND.networkInterface, { ...existing, status: 'in-use', attachment });
      } else {
        const attachment = instanceAttachment(ctx, instanceId, 0, spec?.DeleteOnTermination ?? true);
        eni = putNetworkInterface(tx, ctx, { subnet, groups, description: spec?.Description, privateIpAddress: requestedIp, tags: tags.eni, attachment });
      }
      const instance: Instance = {
        id: instanceId,
        region: ctx.region,
        ownerId: ctx.accountId,
        tags: tags.instance,
        createdAt: now,
        reservationId,
        imageId,
        instanceType,
        ...(input.KeyName !== undefined ? { keyName: input.KeyName } : {}),
        subnetId: subnet.id,
        vpcId: subnet.vpcId,
        availabilityZone: subnet.availabilityZone,
        privateIpAddress: eni.privateIpAddress,
        privateDnsName: privateDnsName(eni.privateIpAddress, ctx.region),
        networkInterfaceIds: [eni.id],
        securityGroupIds: groups,
        ...(input.UserData !== undefined ? { userData: input.UserData } : {}),
        state: 'pending',
        stateTransitionReason: '',
        launchTime: now,
        amiLaunchIndex: index,
        clientToken,
      };
      made.push(tx.put(KIND.instance, instance));
    }
    return made;
  });
  return reservationsToWire(ctx.store, instances, 'pending')[0];
};

/**
 * Instances: RunInstances (instance-launch.ts), Stop/Start/TerminateInstances
 * (instance-lifecycle.ts), DescribeInstances, DescribeInstanceStatus, DescribeInstanceAttribute
 * (ec2-route53-acm.md §1.10).
 */
import type { OperationContext, OperationHandler } from '../context.js';
import type { RecordReader } from '../../state/store.js';
import { INSTANCE_STATE_CODE, KIND, type Instance, type SecurityGroup, type Subnet } from '../../state/records/ec2.js';
import { AwsError } from '../../kernel/errors.js';
import { checkDryRun, invalidParameterValue, missingParameter, rejectUnsupported } from './common/errors.js';
import { applyFilters, type Filter, type FilterFields } from './common/filters.js';
import { paginate } from './common/pagination.js';
import { groupIdentifiers } from './group-refs.js';
import { runInstances } from './instance-launch.js';
import { instanceLifecycleHandlers } from './instance-lifecycle.js';
import { selectInstances, visibleInstance } from './instance-visibility.js';
import { instanceStateToWire, interfacesOf, reservationsToWire } from './instance-wire.js';

/** DescribeInstances filters (API reference); values follow what the wire shows, so a terminated instance has no VPC, subnet or address. */
function instanceFilters(reader: RecordReader): FilterFields<Instance> {
  const live = (i: Instance) => i.state !== 'terminated';
  const enis = (i: Instance) => interfacesOf(reader, i);
  return {
    'instance-id': (i) => i.id,
    'instance-state-name': (i) => i.state,
    'instance-state-code': (i) => INSTANCE_STATE_CODE[i.state],
    'instance-type': (i) => i.instanceType,
    'image-id': (i) => i.imageId,
    'key-name': (i) => i.keyName,
    'launch-index': (i) => i.amiLaunchIndex,
    'launch-time': (i) => i.launchTime,
    'reservation-id': (i) => i.reservationId,
    'client-token': (i) => i.clientToken,
    'owner-id': (i) => i.ownerId,
    'reason': (i) => i.stateTransitionReason,
    'state-reason-code': (i) => i.stateReason?.code,
    'state-reason-message': (i) => i.stateReason?.message,
    'availability-zone': (i) => i.availabilityZone,
    'availability-zone-id': (i) => reader.get<Subnet>(KIND.subnet, i.subnetId)?.availabilityZoneId,
    'vpc-id': (i) => (live(i) ? i.vpcId : undefined),
    'subnet-id': (i) => (live(i) ? i.subnetId : undefined),
    'private-ip-address': (i) => (live(i) ? i.privateIpAddress : undefined),
    'private-dns-name': (i) => (live(i) ? i.privateDnsName : undefined),
    'ip-address': () => undefined,
    'dns-name': () => '',
    'instance.group-id': (i) => (live(i) ? i.securityGroupIds : []),
    'instance.group-name': (i) => (live(i) ? i.securityGroupIds.map((g) => reader.get<SecurityGroup>(KIND.securityGroup, g)?.groupName) : []),
    'network-interface.network-interface-id': (i) => enis(i).map((n) => n.id),
    'network-interface.addresses.private-ip-address': (i) => enis(i).map((n) => n.privateIpAddress),
    'network-interface.private-ip-address': (i) => enis(i).map((n) => n.privateIpAddress),
    'network-interface.subnet-id': (i) => enis(i).map((n) => n.subnetId),
    'network-interface.vpc-id': (i) => enis(i).map((n) => n.vpcId),
    'network-interface.group-id': (i) => enis(i).flatMap((n) => n.groups),
    'network-interface.mac-address': (i) => enis(i).map((n) => n.macAddress),
    'network-interface.status': (i) => enis(i).map((n) => n.status),
    'network-interface.description': (i) => enis(i).map((n) => n.description),
    'network-interface.attachment.attachment-id': (i) => enis(i).map((n) => n.attachment?.attachmentId),
    'network-interface.attachment.device-index': (i) => enis(i).map((n) => n.attachment?.deviceIndex),
    'network-interface.source-dest-check': (i) => enis(i).map((n) => n.sourceDestCheck),
    'source-dest-check': (i) => enis(i)[0]?.sourceDestCheck ?? true,
    'architecture': (i) => (/^[a-z]+\d+g[a-z]*\./.test(i.instanceType) ? 'arm64' : 'x86_64'),
    'tenancy': () => 'default',
    'monitoring-state': () => 'disabled',
    'root-device-type': () => 'ebs',
    'root-device-name': () => '/dev/xvda',
    'virtualization-type': () => 'hvm',
    'hypervisor': () => 'xen',
  };
}

interface DescribeInput {
  InstanceIds?: string[];
  Filters?: Filter[];
  MaxResults?: number;
  NextToken?: string;
  IncludeManagedResources?: boolean;
  DryRun?: boolean;
}

/** `MaxResults` cannot go with an id list (§1.14, observed text). */
function refuseIdsWithMaxResults(input: DescribeInput): void {
  if (input.MaxResults !== undefined && input.InstanceIds?.length) {
    throw new AwsError('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
  }
}

const describeInstances: OperationHandler = (ctx, input: DescribeInput) => {
  rejectUnsupported('DescribeInstances', input as Record<string, unknown>, ['InstanceIds', 'Filters', 'MaxResults', 'NextToken', 'IncludeManagedResources']);
  refuseIdsWithMaxResults(input);
  const selected = selectInstances(ctx, input.InstanceIds);
  checkDryRun(input);
  const matching = applyFilters(selected, input.Filters, instanceFilters(ctx.store));
  const { page, nextToken } = paginate(matching, input, { min: 5, max: 1000 });
  return { Reservations: reservationsToWire(ctx.store, page), NextToken: nextToken };
};

/** Status checks: a running instance passes both; other states have none (`not-applicable`). */
function statusSummary(instance: Instance): Record<string, unknown> {
  return instance.state === 'running' ? { Status: 'ok', Details: [{ Name: 'reachability', Status: 'passed' }] } : { Status: 'not-applicable', Details: [] };
}

function statusToWire(reader: RecordReader, instance: Instance): Record<string, unknown> {
  return {
    InstanceId: instance.id,
    AvailabilityZone: instance.availabilityZone,
    AvailabilityZoneId: reader.get<Subnet>(KIND.subnet, instance.subnetId)?.availabilityZoneId,
    InstanceState: instanceStateToWire(instance.state),
    InstanceStatus: statusSummary(instance),
    SystemStatus: statusSummary(instance),
    Events: [],
  };
}

/** DescribeInstanceStatus filters (API reference); instances have no scheduled events here. */
function statusFilters(reader: RecordReader): FilterFields<Instance> {
  const summary = (i: Instance) => statusSummary(i) as { Status: string; Details: { Status: string }[] };
  return {
    'availability-zone': (i) => i.availabilityZone,
    'availability-zone-id': (i) => reader.get<Subnet>(KIND.subnet, i.subnetId)?.availabilityZoneId,
    'instance-state-name': (i) => i.state,
    'instance-state-code': (i) => INSTANCE_STATE_CODE[i.state],
    'instance-status.status': (i) => summary(i).Status,
    'instance-status.reachability': (i) => summary(i).Details.map((d) => d.Status),
    'system-status.status': (i) => summary(i).Status,
    'system-status.reachability': (i) => summary(i).Details.map((d) => d.Status),
    'event.code': () => undefined,
    'event.description': () => undefined,
    'event.instance-event-id': () => undefined,
    'event.not-after': () => undefined,
    'event.not-before': () => undefined,
  };
}

const describeInstanceStatus: OperationHandler = (ctx, input: DescribeInput & { IncludeAllInstances?: boolean }) => {
  rejectUnsupported('DescribeInstanceStatus', input as Record<string, unknown>, ['InstanceIds', 'Filters', 'MaxResults', 'NextToken', 'IncludeManagedResources', 'IncludeAllInstances']);
  refuseIdsWithMaxResults(input);
  const selected = selectInstances(ctx, input.InstanceIds);
  checkDryRun(input);
  // Running instances only, unless IncludeAllInstances (API reference, default false).
  const shown = input.IncludeAllInstances ? selected : selected.filter((i) => i.state === 'running');
  const matching = applyFilters(shown, input.Filters, statusFilters(ctx.store));
  const { page, nextToken } = paginate(matching, input, { min: 5, max: 1000 });
  return { InstanceStatuses: page.map((i) => statusToWire(ctx.store, i)), NextToken: nextToken };
};

/** DescribeInstanceAttribute, one attribute per call, named as `InstanceAttributeName` names it. */
const ATTRIBUTES: Record<string, (ctx: OperationContext, i: Instance) => Record<string, unknown>> = {
  instanceType: (_ctx, i) => ({ InstanceType: { Value: i.instanceType } }),
  userData: (_ctx, i) => ({ UserData: i.userData === undefined ? {} : { Value: i.userData } }),
  groupSet: (ctx, i) => ({ Groups: groupIdentifiers(ctx.store, i.securityGroupIds) }),
  sourceDestCheck: (ctx, i) => ({ SourceDestCheck: { Value: interfacesOf(ctx.store, i)[0]?.sourceDestCheck ?? true } }),
  disableApiTermination: () => ({ DisableApiTermination: { Value: false } }),
  disableApiStop: () => ({ DisableApiStop: { Value: false } }),
  instanceInitiatedShutdownBehavior: () => ({ InstanceInitiatedShutdownBehavior: { Value: 'stop' } }),
  rootDeviceName: () => ({ RootDeviceName: { Value: '/dev/xvda' } }),
  blockDeviceMapping: () => ({ BlockDeviceMappings: [] }),
  productCodes: () => ({ ProductCodes: [] }),
  kernel: () => ({ KernelId: {} }),
  ramdisk: () => ({ RamdiskId: {} }),
  ebsOptimized: () => ({ EbsOptimized: { Value: false } }),
  enaSupport: () => ({ EnaSupport: { Value: true } }),
  sriovNetSupport: () => ({ SriovNetSupport: {} }),
  enclaveOptions: () => ({ EnclaveOptions: { Enabled: false } }),
};

const describeInstanceAttribute: OperationHandler = (ctx, input: { InstanceId?: string; Attribute?: string; DryRun?: boolean }) => {
  rejectUnsupported('DescribeInstanceAttribute', input as Record<string, unknown>, ['InstanceId', 'Attribute']);
  if (input.InstanceId === undefined) throw missingParameter('InstanceId');
  if (input.Attribute === undefined) throw missingParameter('Attribute');
  const instance = visibleInstance(ctx, input.InstanceId);
  const read = ATTRIBUTES[input.Attribute];
  if (!read) throw invalidParameterValue(`Value (${input.Attribute}) for parameter attribute is invalid. Unknown attribute.`);
  checkDryRun(input);
  return { InstanceId: instance.id, ...read(ctx, instance) };
};

export const instanceHandlers: Record<string, OperationHandler> = {
  RunInstances: runInstances,
  DescribeInstances: describeInstances,
  DescribeInstanceStatus: describeInstanceStatus,
  DescribeInstanceAttribute: describeInstanceAttribute,
  ...instanceLifecycleHandlers,
};

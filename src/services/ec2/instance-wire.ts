/**
 * Wire shapes of instances: `Instance`, `InstanceState`, `Reservation` (ec2-route53-acm.md §1.10).
 * Fields localvpc does not model (volumes, metadata service, CPU options) show the values a
 * plain EBS-backed Linux instance shows; public addresses are never assigned.
 */
import type { RecordReader } from '../../state/store.js';
import { INSTANCE_STATE_CODE, KIND, type Instance, type InstanceStateName, type NetworkInterface, type Subnet } from '../../state/records/ec2.js';
import { tagsToWire } from './common/tags.js';
import { groupIdentifiers } from './group-refs.js';
import { instanceNetworkInterfaceToWire } from './network-interface-wire.js';

export function instanceStateToWire(name: InstanceStateName): { Code: number; Name: InstanceStateName } {
  return { Code: INSTANCE_STATE_CODE[name], Name: name };
}

/** Graviton families (`t4g`, `m7g`, `c6gn`, ...) are arm64; everything else x86_64. */
function architectureOf(instanceType: string): string {
  return /^[a-z]+\d+g[a-z]*\./.test(instanceType) ? 'arm64' : 'x86_64';
}

/** The instance's interfaces that still exist, primary first. */
export function interfacesOf(reader: RecordReader, instance: Instance): NetworkInterface[] {
  return instance.networkInterfaceIds.map((id) => reader.get<NetworkInterface>(KIND.networkInterface, id)).filter((n): n is NetworkInterface => !!n);
}

/**
 * `Instance`. `state` overrides the stored state for answers that show the request's view
 * (RunInstances answers `pending`). A terminated instance keeps no addresses, interfaces or
 * groups (AWS shows them empty once the instance is gone).
 */
export function instanceToWire(reader: RecordReader, instance: Instance, state: InstanceStateName = instance.state): Record<string, unknown> {
  const gone = state === 'terminated';
  const interfaces = gone ? [] : interfacesOf(reader, instance);
  const subnet = reader.get<Subnet>(KIND.subnet, instance.subnetId);
  const stateReason = state === 'pending' ? { Code: 'pending', Message: 'pending' } : instance.stateReason && { Code: instance.stateReason.code, Message: instance.stateReason.message };
  return {
    InstanceId: instance.id,
    ImageId: instance.imageId,
    InstanceType: instance.instanceType,
    KeyName: instance.keyName,
    AmiLaunchIndex: instance.amiLaunchIndex,
    LaunchTime: instance.launchTime,
    State: instanceStateToWire(state),
    StateTransitionReason: instance.stateTransitionReason,
    StateReason: stateReason,
    Placement: { AvailabilityZone: instance.availabilityZone, AvailabilityZoneId: subnet?.availabilityZoneId, GroupName: '', Tenancy: 'default' },
    PrivateDnsName: gone ? '' : instance.privateDnsName,
    PrivateIpAddress: gone ? undefined : instance.privateIpAddress,
    PublicDnsName: '',
    SubnetId: gone ? undefined : instance.subnetId,
    VpcId: gone ? undefined : instance.vpcId,
    SecurityGroups: gone ? [] : groupIdentifiers(reader, instance.securityGroupIds),
    NetworkInterfaces: interfaces.map((n) => instanceNetworkInterfaceToWire(reader, n)),
    SourceDestCheck: interfaces[0]?.sourceDestCheck ?? true,
    ClientToken: instance.clientToken ?? '',
    Tags: tagsToWire(instance.tags),
    Monitoring: { State: 'disabled' },
    ProductCodes: [],
    Architecture: architectureOf(instance.instanceType),
    BlockDeviceMappings: [],
    EbsOptimized: false,
    EnaSupport: true,
    Hypervisor: 'xen',
    RootDeviceName: '/dev/xvda',
    RootDeviceType: 'ebs',
    VirtualizationType: 'hvm',
    HibernationOptions: { Configured: false },
    EnclaveOptions: { Enabled: false },
    MetadataOptions: { State: 'applied', HttpTokens: 'required', HttpPutResponseHopLimit: 2, HttpEndpoint: 'enabled', HttpProtocolIpv6: 'disabled', InstanceMetadataTags: 'disabled' },
    PrivateDnsNameOptions: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
    MaintenanceOptions: { AutoRecovery: 'default' },
    PlatformDetails: 'Linux/UNIX',
    UsageOperation: 'RunInstances',
    UsageOperationUpdateTime: instance.launchTime,
    CurrentInstanceBootMode: 'legacy-bios',
  };
}

/**
 * `Reservation`s: instances grouped by the RunInstances call that made them, reservations in
 * launch order, instances by launch index.
 */
export function reservationsToWire(reader: RecordReader, instances: readonly Instance[], state?: InstanceStateName): Record<string, unknown>[] {
  const groups = new Map<string, Instance[]>();
  for (const i of instances) {
    const list = groups.get(i.reservationId);
    if (list) list.push(i);
    else groups.set(i.reservationId, [i]);
  }
  return [...groups.values()]
    .sort((a, b) => a[0]!.launchTime.localeCompare(b[0]!.launchTime) || a[0]!.reservationId.localeCompare(b[0]!.reservationId))
    .map((members) => {
      members.sort((a, b) => a.amiLaunchIndex - b.amiLaunchIndex);
      return {
        ReservationId: members[0]!.reservationId,
        OwnerId: members[0]!.ownerId,
        Groups: [],
        Instances: members.map((i) => instanceToWire(reader, i, state)),
      };
    });
}

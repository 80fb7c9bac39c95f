/**
 * Wire shapes of a network interface: `NetworkInterface` (DescribeNetworkInterfaces) and
 * `InstanceNetworkInterface` (inside an Instance), keyed by model member names
 * (ec2-route53-acm.md §1.9).
 */
import type { RecordReader } from '../../state/store.js';
import { KIND, type NetworkInterface, type Subnet } from '../../state/records/ec2.js';
import { privateDnsName } from '../../state/views/addresses.js';
import { tagsToWire } from './common/tags.js';
import { groupIdentifiers } from './group-refs.js';

function privateAddresses(eni: NetworkInterface): Record<string, unknown>[] {
  return [{ Primary: true, PrivateIpAddress: eni.privateIpAddress, PrivateDnsName: privateDnsName(eni.privateIpAddress, eni.region) }];
}

/** `NetworkInterface`; `status` overrides the stored one (CreateNetworkInterface answers `pending`). */
export function networkInterfaceToWire(reader: RecordReader, eni: NetworkInterface, status: string = eni.status): Record<string, unknown> {
  const subnet = reader.get<Subnet>(KIND.subnet, eni.subnetId);
  const a = eni.attachment;
  return {
    NetworkInterfaceId: eni.id,
    SubnetId: eni.subnetId,
    VpcId: eni.vpcId,
    AvailabilityZone: eni.availabilityZone,
    AvailabilityZoneId: subnet?.availabilityZoneId,
    Description: eni.description,
    Groups: groupIdentifiers(reader, eni.groups),
    InterfaceType: eni.interfaceType,
    Ipv6Addresses: [],
    MacAddress: eni.macAddress,
    OwnerId: eni.ownerId,
    PrivateDnsName: privateDnsName(eni.privateIpAddress, eni.region),
    PrivateIpAddress: eni.privateIpAddress,
    PrivateIpAddresses: privateAddresses(eni),
    RequesterId: eni.requesterId,
    RequesterManaged: eni.requesterManaged,
    SourceDestCheck: eni.sourceDestCheck,
    Status: status,
    TagSet: tagsToWire(eni.tags),
    Attachment: a && {
      AttachmentId: a.attachmentId,
      AttachTime: a.attachTime,
      DeleteOnTermination: a.deleteOnTermination,
      DeviceIndex: a.deviceIndex,
      NetworkCardIndex: 0,
      InstanceId: a.instanceId,
      InstanceOwnerId: a.instanceOwnerId,
      Status: a.status,
    },
  };
}

/** `InstanceNetworkInterface`, as an instance lists its interfaces. */
export function instanceNetworkInterfaceToWire(reader: RecordReader, eni: NetworkInterface): Record<string, unknown> {
  const a = eni.attachment;
  return {
    NetworkInterfaceId: eni.id,
    SubnetId: eni.subnetId,
    VpcId: eni.vpcId,
    Description: eni.description,
    Groups: groupIdentifiers(reader, eni.groups),
    InterfaceType: eni.interfaceType,
    Ipv6Addresses: [],
    MacAddress: eni.macAddress,
    OwnerId: eni.ownerId,
    PrivateDnsName: privateDnsName(eni.privateIpAddress, eni.region),
    PrivateIpAddress: eni.privateIpAddress,
    PrivateIpAddresses: privateAddresses(eni),
    SourceDestCheck: eni.sourceDestCheck,
    Status: eni.status,
    Attachment: a && {
      AttachmentId: a.attachmentId,
      AttachTime: a.attachTime,
      DeleteOnTermination: a.deleteOnTermination,
      DeviceIndex: a.deviceIndex,
      NetworkCardIndex: 0,
      Status: a.status,
    },
  };
}

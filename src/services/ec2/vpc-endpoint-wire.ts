/**
 * Wire shape of a VPC endpoint (the model's `VpcEndpoint`, keyed by member names; the ec2 codec
 * writes `vpcEndpointId`, `subnetIdSet`, `dnsEntrySet`, ...): elbv2-vpc-endpoints.md §4.2, §8.5.
 */
import type { RecordReader } from '../../state/store.js';
import type { VpcEndpoint } from '../../state/records/ec2.js';
import { vpcEndpointDnsEntries } from '../../state/views/vpc-endpoint-names.js';
import { tagsToWire } from './common/tags.js';
import { groupIdentifiers } from './group-refs.js';

/** `VpcEndpoint`; `state` overrides the stored one (CreateVpcEndpoint answers `pending`, §4.2). */
export function vpcEndpointToWire(reader: RecordReader, vpce: VpcEndpoint, state: string = vpce.state): Record<string, unknown> {
  return {
    VpcEndpointId: vpce.id,
    VpcEndpointType: vpce.vpcEndpointType,
    VpcId: vpce.vpcId,
    ServiceName: vpce.serviceName,
    State: state,
    PolicyDocument: vpce.policyDocument,
    RouteTableIds: [],
    SubnetIds: vpce.subnets.map((s) => s.subnetId),
    Groups: groupIdentifiers(reader, vpce.groups),
    IpAddressType: vpce.ipAddressType,
    DnsOptions: { DnsRecordIpType: 'ipv4' },
    PrivateDnsEnabled: vpce.privateDnsEnabled,
    RequesterManaged: false,
    NetworkInterfaceIds: vpce.subnets.map((s) => s.networkInterfaceId),
    DnsEntries: vpcEndpointDnsEntries(vpce).map((e) => ({ DnsName: e.dnsName, HostedZoneId: e.hostedZoneId })),
    CreationTimestamp: vpce.createdAt,
    Tags: tagsToWire(vpce.tags),
    OwnerId: vpce.ownerId,
    ServiceRegion: vpce.region,
  };
}

/**
 * Security groups named by an interface-creating call (CreateNetworkInterface `Groups`,
 * RunInstances `SecurityGroupIds`/`SecurityGroups`, ModifyNetworkInterfaceAttribute `Groups`):
 * they must exist in the region and belong to the VPC of the subnet the interface lives in.
 */
import type { RecordReader } from '../../state/store.js';
import { KIND, type SecurityGroup } from '../../state/records/ec2.js';
import { AwsError } from '../../kernel/errors.js';
import { notFound } from './common/errors.js';
import { requireIdShape } from './common/ids.js';
import { listInRegion } from './common/lookup.js';

/**
 * Checks group ids for an interface in `subnetId` of `vpcId` and returns them without duplicates.
 * Unknown ids → `InvalidGroup.NotFound` naming them all; a group of another VPC →
 * `InvalidParameter` `Security group sg-… and subnet subnet-… belong to different networks.`
 * (observed on AWS for RunInstances; hashicorp/terraform issues).
 */
export function groupsForSubnet(reader: RecordReader, region: string, vpcId: string, subnetId: string, ids: readonly string[]): string[] {
  return groupsInVpc(reader, region, vpcId, ids, (id) => `Security group ${id} and subnet ${subnetId} belong to different networks.`);
}

/**
 * Group ids that must exist in the region and belong to `vpcId`, without duplicates. Unknown ids →
 * `InvalidGroup.NotFound` naming them all; a group of another VPC → `InvalidParameter` with
 * `otherNetwork(id)` as the message.
 */
export function groupsInVpc(reader: RecordReader, region: string, vpcId: string, ids: readonly string[], otherNetwork: (id: string) => string): string[] {
  const unique = [...new Set(ids)];
  const missing: string[] = [];
  for (const id of unique) {
    requireIdShape('sg', id);
    const sg = reader.get<SecurityGroup>(KIND.securityGroup, id);
    if (!sg || sg.region !== region) missing.push(id);
  }
  if (missing.length) throw notFound('security-group', missing);
  for (const id of unique) {
    if (reader.get<SecurityGroup>(KIND.securityGroup, id)!.vpcId !== vpcId) throw new AwsError('InvalidParameter', otherNetwork(id));
  }
  return unique;
}

/** The VPC's `default` group, which interfaces get when no group is named (RunInstances docs). */
export function defaultGroupId(reader: RecordReader, region: string, vpcId: string): string {
  const sg = listInRegion<SecurityGroup>(reader, KIND.securityGroup, region, (g) => g.vpcId === vpcId && g.groupName === 'default')[0];
  if (!sg) throw new AwsError('InvalidGroup.NotFound', `The security group 'default' does not exist in VPC '${vpcId}'`);
  return sg.id;
}

/**
 * Group names (RunInstances `SecurityGroups`) resolve in the default VPC only (§1.3): an unknown
 * name → `InvalidGroup.NotFound` `The security group 'x' does not exist in default VPC 'vpc-…'`.
 */
export function groupIdsByName(reader: RecordReader, region: string, defaultVpcId: string, names: readonly string[]): string[] {
  const groups = listInRegion<SecurityGroup>(reader, KIND.securityGroup, region, (g) => g.vpcId === defaultVpcId);
  return [...new Set(names)].map((name) => {
    const sg = groups.find((g) => g.groupName === name);
    if (!sg) throw new AwsError('InvalidGroup.NotFound', `The security group '${name}' does not exist in default VPC '${defaultVpcId}'`);
    return sg.id;
  });
}

/** Wire `GroupIdentifier` items; a group deleted meanwhile shows its id alone. */
export function groupIdentifiers(reader: RecordReader, ids: readonly string[]): { GroupId: string; GroupName?: string }[] {
  return ids.map((id) => {
    const sg = reader.get<SecurityGroup>(KIND.securityGroup, id);
    return sg ? { GroupId: id, GroupName: sg.groupName } : { GroupId: id };
  });
}

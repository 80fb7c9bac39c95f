/**
 * Finding security groups the ways the API names them: by id anywhere in the region, or by name,
 * which EC2 resolves only in the region's default VPC (ec2-route53-acm.md §1.3: `GroupName`
 * works only in the default VPC; elsewhere `InvalidGroup.NotFound … does not exist in default
 * VPC 'vpc-…'`).
 */
import type { RecordReader } from '../../state/store.js';
import { KIND, type SecurityGroup, type Vpc } from '../../state/records/ec2.js';
import { AwsError } from '../../kernel/errors.js';
import { listInRegion, mustGet } from './common/lookup.js';

/** The region's default VPC, if it still exists. */
export function defaultVpc(reader: RecordReader, region: string): Vpc | undefined {
  return listInRegion<Vpc>(reader, KIND.vpc, region, (v) => v.isDefault)[0];
}

export function securityGroupArn(group: SecurityGroup): string {
  return `arn:aws:ec2:${group.region}:${group.ownerId}:security-group/${group.id}`;
}

export function mustGetGroup(reader: RecordReader, region: string, id: string): SecurityGroup {
  return mustGet<SecurityGroup>(reader, KIND.securityGroup, region, id, 'sg', 'security-group');
}

/** `The security group 'web' does not exist in default VPC 'vpc-…'` (observed). */
export function groupByName(reader: RecordReader, region: string, name: string): SecurityGroup {
  const vpc = defaultVpc(reader, region);
  const group = vpc && listInRegion<SecurityGroup>(reader, KIND.securityGroup, region, (g) => g.vpcId === vpc.id && g.groupName === name)[0];
  if (!group) throw new AwsError('InvalidGroup.NotFound', `The security group '${name}' does not exist in default VPC '${vpc?.id ?? 'none'}'`);
  return group;
}

/** The group a call names by `GroupId` or (default VPC) `GroupName`; one of them is required. */
export function groupFromInput(reader: RecordReader, region: string, input: { GroupId?: string; GroupName?: string }): SecurityGroup {
  if (input.GroupId !== undefined) return mustGetGroup(reader, region, input.GroupId);
  if (input.GroupName !== undefined) return groupByName(reader, region, input.GroupName);
  throw new AwsError('MissingParameter', 'The request must contain the parameter groupName or groupId');
}

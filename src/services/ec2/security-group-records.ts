import type { OperationContext } from '../context.js';
import type { SecurityGroup, SecurityGroupRule, Tag } from '../../state/records/ec2.js';
import { ec2Id } from '../../kernel/ids.js';

/**
 * A new security group record. Every group starts with one egress rule allowing all traffic to
 * 0.0.0.0/0; the VPC's `default` group also admits all inbound traffic from its own members
 * (ec2-route53-acm.md §1.8).
 */
export function newSecurityGroup(ctx: OperationContext, vpcId: string, groupName: string, description: string, tags: readonly Tag[], isDefault = false): SecurityGroup {
  const id = ec2Id('sg');
  const ingress: SecurityGroupRule[] = isDefault ? [{ ruleId: ec2Id('sgr'), ipProtocol: '-1', referencedGroupId: id, referencedUserId: ctx.accountId }] : [];
  return {
    id,
    region: ctx.region,
    ownerId: ctx.accountId,
    tags,
    createdAt: ctx.clock.now().toISOString(),
    groupName,
    description,
    vpcId,
    ingress,
    egress: [{ ruleId: ec2Id('sgr'), ipProtocol: '-1', cidrIpv4: '0.0.0.0/0' }],
  };
}

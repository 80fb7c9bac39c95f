/**
 * Test kit for EC2 handler tests: writes subnets and security groups straight into the store,
 * the way CreateSubnet and CreateSecurityGroup leave them, so tests of other operations do not
 * depend on those handlers.
 */
import type { OperationContext } from '../../src/services/context.js';
import { KIND, type SecurityGroup, type Subnet } from '../../src/state/records/ec2.js';
import { ec2Id } from '../../src/kernel/ids.js';
import { zonesOf } from '../../src/services/ec2/common/regions.js';
import { newSecurityGroup } from '../../src/services/ec2/security-group-records.js';
import { ec2Service } from '../../src/services/ec2/index.js';
import { call } from './context.js';

/** CreateVpc through the service; returns the VPC id. */
export async function makeVpc(ctx: OperationContext, cidrBlock: string): Promise<string> {
  return (await call(ec2Service, ctx, 'CreateVpc', { CidrBlock: cidrBlock })).Vpc.VpcId;
}

/** A subnet record in `vpcId`; the zone defaults to the region's first. */
export function putSubnet(ctx: OperationContext, vpcId: string, cidrBlock: string, zoneIndex = 0): Subnet {
  const zone = zonesOf(ctx.region)[zoneIndex]!;
  const subnet: Subnet = {
    id: ec2Id('subnet'),
    region: ctx.region,
    ownerId: ctx.accountId,
    tags: [],
    createdAt: ctx.clock.now().toISOString(),
    vpcId,
    cidrBlock,
    availabilityZone: zone.name,
    availabilityZoneId: zone.id,
    defaultForAz: false,
    mapPublicIpOnLaunch: false,
    state: 'available',
  };
  return ctx.store.transact((tx) => tx.put(KIND.subnet, subnet));
}

/** A security group record in `vpcId`. */
export function putSecurityGroup(ctx: OperationContext, vpcId: string, name: string): SecurityGroup {
  return ctx.store.transact((tx) => tx.put(KIND.securityGroup, newSecurityGroup(ctx, vpcId, name, name, [])));
}

/** The `default` group of a VPC. */
export function defaultGroup(ctx: OperationContext, vpcId: string): SecurityGroup {
  return ctx.store.list<SecurityGroup>(KIND.securityGroup, (g) => g.vpcId === vpcId && g.groupName === 'default')[0]!;
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ec2Service } from './index.js';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import type { OperationContext } from '../context.js';
import { Ec2Fixture } from '../../state/views/testing-fixtures.js';

async function vpc(ctx: OperationContext, cidr = '10.0.0.0/16'): Promise<string> {
  return (await call(ec2Service, ctx, 'CreateVpc', { CidrBlock: cidr })).Vpc.VpcId;
}

async function group(ctx: OperationContext, vpcId: string | undefined, name: string): Promise<string> {
  return (await call(ec2Service, ctx, 'CreateSecurityGroup', { VpcId: vpcId, GroupName: name, Description: `${name} group` })).GroupId;
}

async function describe(ctx: OperationContext, id: string): Promise<any> {
  return (await call(ec2Service, ctx, 'DescribeSecurityGroups', { GroupIds: [id] })).SecurityGroups[0];
}

const SSH = { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] };

test('the default group: self-referencing ingress, egress to everywhere, cannot be deleted (checklist 8)', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const d = await call(ec2Service, ctx, 'DescribeSecurityGroups', { Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: ['default'] }] });
  assert.equal(d.SecurityGroups.length, 1);
  const g = d.SecurityGroups[0];
  assert.equal(g.Description, 'default VPC security group');
  assert.deepEqual(g.IpPermissions, [{ IpProtocol: '-1', FromPort: undefined, ToPort: undefined, IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [{ GroupId: g.GroupId, UserId: '000000000000' }] }]);
  assert.deepEqual(g.IpPermissionsEgress, [{ IpProtocol: '-1', FromPort: undefined, ToPort: undefined, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }]);
  assert.equal(g.SecurityGroupArn, `arn:aws:ec2:eu-west-1:000000000000:security-group/${g.GroupId}`);
  const e = await callError(ec2Service, ctx, 'DeleteSecurityGroup', { GroupId: g.GroupId });
  assert.equal(e.code, 'CannotDelete');
  assert.equal(e.message, `the specified group: "${g.GroupId}" name: "default" cannot be deleted by a user`);
});

test('CreateSecurityGroup: shape, default VPC when VpcId is absent, name and description rules (checklist 17)', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const out = await call(ec2Service, ctx, 'CreateSecurityGroup', { VpcId: vpcId, GroupName: 'web', Description: 'web tier', TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'team', Value: 'a' }] }] });
  assert.match(out.GroupId, /^sg-[0-9a-f]{17}$/);
  assert.equal(out.SecurityGroupArn, `arn:aws:ec2:eu-west-1:000000000000:security-group/${out.GroupId}`);
  assert.deepEqual(out.Tags, [{ Key: 'team', Value: 'a' }]);
  const g = await describe(ctx, out.GroupId);
  assert.deepEqual(g.IpPermissions, []);
  assert.equal(g.IpPermissionsEgress.length, 1);
  assert.equal(g.VpcId, vpcId);
  const dup = await callError(ec2Service, ctx, 'CreateSecurityGroup', { VpcId: vpcId, GroupName: 'WEB', Description: 'again' });
  assert.equal(dup.code, 'InvalidGroup.Duplicate');
  assert.equal(dup.message, `The security group 'WEB' already exists for VPC '${vpcId}'`);
  const sg = await callError(ec2Service, ctx, 'CreateSecurityGroup', { VpcId: vpcId, GroupName: 'sg-web', Description: 'x' });
  assert.equal(sg.message, 'Value (sg-web) for parameter GroupName is invalid. Group names may not be in the format sg-*.');
  assert.equal((await callError(ec2Service, ctx, 'CreateSecurityGroup', { VpcId: vpcId, GroupName: 'default', Description: 'x' })).code, 'InvalidGroup.Reserved');
  assert.equal((await callError(ec2Service, ctx, 'CreateSecurityGroup', { VpcId: vpcId, GroupName: 'x' })).code, 'MissingParameter');
  const quote = await callError(ec2Service, ctx, 'CreateSecurityGroup', { VpcId: vpcId, GroupName: 'x', Description: "the app's port" });
  assert.equal(quote.message, 'Invalid security group description. Valid descriptions are strings less than 256 characters from the following set:  a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*');
  assert.equal((await callError(ec2Service, ctx, 'CreateSecurityGroup', { VpcId: 'vpc-0123456789abcdef0', GroupName: 'x', Description: 'x' })).code, 'InvalidVpcID.NotFound');
  // Without VpcId the group lands in the default VPC, where names also work.
  const inDefault = await group(ctx, undefined, 'legacy');
  const defaultVpcId = (await call(ec2Service, ctx, 'DescribeVpcs', { Filters: [{ Name: 'is-default', Values: ['true'] }] })).Vpcs[0].VpcId;
  assert.equal((await describe(ctx, inDefault)).VpcId, defaultVpcId);
  const byName = await call(ec2Service, ctx, 'DescribeSecurityGroups', { GroupNames: ['legacy'] });
  assert.equal(byName.SecurityGroups[0].GroupId, inDefault);
  const web = await callError(ec2Service, ctx, 'DescribeSecurityGroups', { GroupNames: ['web'] });
  assert.equal(web.code, 'InvalidGroup.NotFound');
  assert.equal(web.message, `The security group 'web' does not exist in default VPC '${defaultVpcId}'`);
  assert.equal((await callError(ec2Service, ctx, 'CreateSecurityGroup', { VpcId: vpcId, GroupName: 'y', Description: 'y', DryRun: true })).code, 'DryRunOperation');
});

test('AuthorizeSecurityGroupIngress: Return true with one sgr- per source; duplicates refused (checklist 16)', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const id = await group(ctx, vpcId, 'web');
  const out = await call(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: id, IpPermissions: [SSH] });
  assert.equal(out.Return, true);
  assert.equal(out.SecurityGroupRules.length, 1);
  const rule = out.SecurityGroupRules[0];
  assert.match(rule.SecurityGroupRuleId, /^sgr-[0-9a-f]{17}$/);
  assert.equal(rule.GroupId, id);
  assert.equal(rule.GroupOwnerId, '000000000000');
  assert.equal(rule.IsEgress, false);
  assert.deepEqual([rule.IpProtocol, rule.FromPort, rule.ToPort, rule.CidrIpv4], ['tcp', 22, 22, '0.0.0.0/0']);
  assert.equal(rule.SecurityGroupRuleArn, `arn:aws:ec2:eu-west-1:000000000000:security-group-rule/${rule.SecurityGroupRuleId}`);
  const dup = await callError(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: id, IpPermissions: [{ ...SSH, IpProtocol: '6', IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'other text' }] }] });
  assert.equal(dup.code, 'InvalidPermission.Duplicate');
  assert.equal(dup.message, 'the specified rule "peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW" already exists');
  const other = await group(ctx, vpcId, 'app');
  await call(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: id, IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: other }] }] });
  const allDup = await callError(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: id, IpPermissions: [{ IpProtocol: 'all', FromPort: 5, ToPort: 6, UserIdGroupPairs: [{ GroupId: other }] }] });
  assert.equal(allDup.message, `the specified rule "peer: ${other}, ALL, ALLOW" already exists`);
  await call(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: id, IpPermissions: [{ IpProtocol: '50', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] });
  const espDup = await callError(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: id, IpPermissions: [{ IpProtocol: '50', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] });
  assert.equal(espDup.message, 'the specified rule "peer: 0.0.0.0/0, protocol: 50, ALLOW" already exists');
  assert.equal((await callError(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: id, IpPermissions: [{ ...SSH, FromPort: 2222, ToPort: 2222 }], DryRun: true })).code, 'DryRunOperation');
  assert.equal((await describe(ctx, id)).IpPermissions.length, 3);
});

test('Authorize validation: ports, protocol, CIDR, description, sources, unknown groups', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const id = await group(ctx, vpcId, 'web');
  const noPorts = await callError(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: id, IpPermissions: [{ IpProtocol: 'tcp', IpRanges: [{ CidrIp: '10.0.0.0/8' }] }] });
  assert.equal(noPorts.code, 'InvalidParameterValue');
  assert.equal(noPorts.message, 'Invalid value for portRange. Must specify both from and to ports with TCP/UDP.');
  assert.equal((await callError(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: id, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 90, ToPort: 80, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }] })).code, 'InvalidParameterValue');
  assert.equal((await callError(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: id, IpPermissions: [{ IpProtocol: 'bogus', IpRanges: [{ CidrIp: '10.0.0.0/8' }] }] })).message, "Invalid value 'bogus' for IP protocol. Unknown protocol.");
  assert.equal((await callError(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: id, IpPermissions: [{ ...SSH, IpRanges: [{ CidrIp: '10.0.0.0/33' }] }] })).message, 'CIDR block 10.0.0.0/33 is malformed');
  const desc = await callError(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: id, IpPermissions: [{ ...SSH, IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'café' }] }] });
  assert.equal(desc.message, 'Invalid rule description. Valid descriptions are strings less than 256 characters from the following set:  a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*');
  assert.equal((await callError(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: id, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 1, ToPort: 2 }] })).code, 'MissingParameter');
  const ghost = await callError(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: id, IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-0123456789abcdef0' }] }] });
  assert.equal(ghost.code, 'InvalidGroup.NotFound');
  assert.equal(ghost.message, "The security group 'sg-0123456789abcdef0' does not exist");
  assert.equal((await callError(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: 'sg-0123456789abcdef0', IpPermissions: [SSH] })).code, 'InvalidGroup.NotFound');
  assert.equal((await callError(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: 'sg-zz', IpPermissions: [SSH] })).code, 'InvalidGroupId.Malformed');
  assert.equal((await callError(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { IpPermissions: [SSH] })).message, 'The request must contain the parameter groupName or groupId');
  assert.equal((await callError(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: id, IpPermissions: [SSH], TagSpecifications: [{ ResourceType: 'security-group-rule', Tags: [{ Key: 'a', Value: 'b' }] }] })).code, 'NotImplemented');
  // ICMP keeps type and code; `6` reads as tcp.
  const icmp = await call(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: id, IpPermissions: [{ IpProtocol: 'icmp', FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }, { IpProtocol: '6', FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: 'pl-6da54004' }] }] });
  assert.deepEqual(icmp.SecurityGroupRules.map((r: any) => [r.IpProtocol, r.FromPort, r.ToPort]), [['icmp', 8, -1], ['tcp', 443, 443]]);
  assert.equal(icmp.SecurityGroupRules[1].PrefixListId, 'pl-6da54004');
});

test('IpPermissions group rules by protocol and ports, as AWS shows them', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const web = await group(ctx, vpcId, 'web');
  const lb = await group(ctx, vpcId, 'lb');
  const out = await call(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', {
    GroupId: web,
    IpPermissions: [
      { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '10.0.0.0/16' }, { CidrIp: '10.9.0.7/16', Description: 'vpn users' }], UserIdGroupPairs: [{ GroupId: lb, Description: 'from the LB' }] },
    ],
  });
  assert.equal(out.SecurityGroupRules.length, 3);
  await call(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: web, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, Ipv6Ranges: [{ CidrIpv6: '::/0' }] }] });
  const g = await describe(ctx, web);
  assert.deepEqual(g.IpPermissions, [
    {
      IpProtocol: 'tcp',
      FromPort: 80,
      ToPort: 80,
      IpRanges: [{ CidrIp: '10.0.0.0/16' }, { CidrIp: '10.9.0.0/16', Description: 'vpn users' }],
      Ipv6Ranges: [{ CidrIpv6: '::/0' }],
      PrefixListIds: [],
      UserIdGroupPairs: [{ GroupId: lb, UserId: '000000000000', Description: 'from the LB' }],
    },
  ]);
});

test('legacy flat form and GroupName in the default VPC', async () => {
  const ctx = testContext();
  const web = await group(ctx, undefined, 'web');
  await group(ctx, undefined, 'admins');
  const flat = await call(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupName: 'web', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '203.0.113.0/24' });
  assert.deepEqual(flat.SecurityGroupRules.map((r: any) => [r.IpProtocol, r.FromPort, r.CidrIpv4]), [['tcp', 443, '203.0.113.0/24']]);
  const source = await call(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: web, SourceSecurityGroupName: 'admins' });
  assert.deepEqual(source.SecurityGroupRules.map((r: any) => [r.IpProtocol, r.FromPort, r.ToPort]), [['icmp', -1, -1], ['tcp', 0, 65535], ['udp', 0, 65535]]);
  assert.equal((await callError(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: web, SourceSecurityGroupName: 'admins', IpProtocol: 'tcp' })).code, 'InvalidParameterCombination');
  assert.equal((await callError(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: web, CidrIp: '1.2.3.4/32', IpProtocol: 'tcp', FromPort: 1, ToPort: 1, IpPermissions: [SSH] })).code, 'InvalidParameterCombination');
  assert.equal((await callError(ec2Service, ctx, 'AuthorizeSecurityGroupEgress', { GroupId: web, CidrIp: '1.2.3.4/32', IpProtocol: 'tcp', FromPort: 1, ToPort: 1 })).code, 'NotImplemented');
  await call(ec2Service, ctx, 'RevokeSecurityGroupIngress', { GroupName: 'web', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '203.0.113.0/24' });
  assert.equal((await describe(ctx, web)).IpPermissions.length, 3);
});

test('Revoke: by permission (NotFound outside the default VPC, UnknownIpPermissions inside) and by rule id', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const id = await group(ctx, vpcId, 'web');
  const added = await call(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: id, IpPermissions: [SSH, { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] });
  const missing = await callError(ec2Service, ctx, 'RevokeSecurityGroupIngress', { GroupId: id, IpPermissions: [SSH, { IpProtocol: 'tcp', FromPort: 25, ToPort: 25, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] });
  assert.equal(missing.code, 'InvalidPermission.NotFound');
  assert.equal(missing.message, 'The specified rule does not exist in this security group.');
  assert.equal((await describe(ctx, id)).IpPermissions.length, 2);
  const revoked = await call(ec2Service, ctx, 'RevokeSecurityGroupIngress', { GroupId: id, IpPermissions: [SSH] });
  assert.equal(revoked.Return, true);
  assert.equal(revoked.RevokedSecurityGroupRules[0].SecurityGroupRuleId, added.SecurityGroupRules[0].SecurityGroupRuleId);
  const byId = await call(ec2Service, ctx, 'RevokeSecurityGroupIngress', { GroupId: id, SecurityGroupRuleIds: [added.SecurityGroupRules[1].SecurityGroupRuleId] });
  assert.equal(byId.RevokedSecurityGroupRules.length, 1);
  assert.deepEqual((await describe(ctx, id)).IpPermissions, []);
  const ghost = await callError(ec2Service, ctx, 'RevokeSecurityGroupIngress', { GroupId: id, SecurityGroupRuleIds: ['sgr-0123456789abcdef0'] });
  assert.equal(ghost.code, 'InvalidSecurityGroupRuleId.NotFound');
  assert.equal(ghost.message, "The security group rule ID 'sgr-0123456789abcdef0' does not exist");
  // Egress: the default allow-all rule can be revoked by permission.
  await call(ec2Service, ctx, 'RevokeSecurityGroupEgress', { GroupId: id, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] });
  assert.deepEqual((await describe(ctx, id)).IpPermissionsEgress, []);
  const egress = await call(ec2Service, ctx, 'AuthorizeSecurityGroupEgress', { GroupId: id, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] });
  assert.equal(egress.SecurityGroupRules[0].IsEgress, true);
  // In the default VPC an unknown rule is reported, not refused.
  const legacy = await group(ctx, undefined, 'legacy');
  const soft = await call(ec2Service, ctx, 'RevokeSecurityGroupIngress', { GroupId: legacy, IpPermissions: [SSH] });
  assert.equal(soft.Return, true);
  assert.deepEqual(soft.RevokedSecurityGroupRules, []);
  assert.equal(soft.UnknownIpPermissions[0].IpRanges[0].CidrIp, '0.0.0.0/0');
});

test('DeleteSecurityGroup: in use by an ENI or another group is a DependencyViolation (checklist 18)', async () => {
  const ctx = testContext();
  const fx = new Ec2Fixture(ctx.store, ctx.region);
  const vpcId = await vpc(ctx);
  const subnetId = (await call(ec2Service, ctx, 'CreateSubnet', { VpcId: vpcId, CidrBlock: '10.0.1.0/24' })).Subnet.SubnetId;
  const onEni = await group(ctx, vpcId, 'on-eni');
  const eni = fx.networkInterface(subnetId, '10.0.1.50', { groups: [onEni] });
  const e = await callError(ec2Service, ctx, 'DeleteSecurityGroup', { GroupId: onEni });
  assert.equal(e.code, 'DependencyViolation');
  assert.equal(e.message, `resource ${onEni} has a dependent object`);
  fx.delete('ec2.network-interface', eni.id);
  const referenced = await group(ctx, vpcId, 'referenced');
  const referrer = await group(ctx, vpcId, 'referrer');
  await call(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: referrer, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: referenced }] }] });
  assert.equal((await callError(ec2Service, ctx, 'DeleteSecurityGroup', { GroupId: referenced })).code, 'DependencyViolation');
  // A self-reference does not hold a group.
  await call(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: referrer, IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: referrer }] }] });
  assert.equal((await callError(ec2Service, ctx, 'DeleteSecurityGroup', { GroupId: referrer, DryRun: true })).code, 'DryRunOperation');
  assert.deepEqual(await call(ec2Service, ctx, 'DeleteSecurityGroup', { GroupId: referrer }), { Return: true, GroupId: referrer });
  await call(ec2Service, ctx, 'DeleteSecurityGroup', { GroupId: referenced });
  await call(ec2Service, ctx, 'DeleteSecurityGroup', { GroupId: onEni });
  await group(ctx, undefined, 'by-name');
  await call(ec2Service, ctx, 'DeleteSecurityGroup', { GroupName: 'by-name' });
  assert.equal((await callError(ec2Service, ctx, 'DeleteSecurityGroup', { GroupId: referrer })).code, 'InvalidGroup.NotFound');
});

test('groups of a peered VPC may be referenced; of an unpeered one, not', async () => {
  const ctx = testContext();
  const fx = new Ec2Fixture(ctx.store, ctx.region);
  const a = await vpc(ctx, '10.0.0.0/16');
  const b = await vpc(ctx, '10.1.0.0/16');
  const ga = await group(ctx, a, 'a');
  const gb = await group(ctx, b, 'b');
  const perm = { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: gb }] };
  const e = await callError(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: ga, IpPermissions: [perm] });
  assert.equal(e.code, 'InvalidGroup.NotFound');
  assert.equal(e.message, 'You have specified two resources that belong to different networks.');
  const pcx = fx.peering(a, b);
  await call(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: ga, IpPermissions: [perm] });
  const pair = (await describe(ctx, ga)).IpPermissions[0].UserIdGroupPairs[0];
  assert.deepEqual(pair, { GroupId: gb, UserId: '000000000000', VpcId: b, VpcPeeringConnectionId: pcx.id, PeeringStatus: 'active' });
});

test('DescribeSecurityGroups filters, ids, pagination, region scope; DescribeSecurityGroupRules', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) ids.push(await group(ctx, vpcId, `g${i}`));
  await call(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: ids[1], IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: ids[2] }] }] });
  await call(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: ids[3], IpPermissions: [{ IpProtocol: 'udp', FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }] });
  const q = (Filters: object[]) => call(ec2Service, ctx, 'DescribeSecurityGroups', { Filters: [{ Name: 'vpc-id', Values: [vpcId] }, ...Filters] });
  assert.deepEqual((await q([{ Name: 'ip-permission.from-port', Values: ['443'] }])).SecurityGroups.map((g: any) => g.GroupId), [ids[1]]);
  assert.deepEqual((await q([{ Name: 'ip-permission.group-id', Values: [ids[2]] }])).SecurityGroups.map((g: any) => g.GroupId), [ids[1]]);
  assert.deepEqual((await q([{ Name: 'ip-permission.group-name', Values: ['g2'] }])).SecurityGroups.map((g: any) => g.GroupId), [ids[1]]);
  assert.deepEqual((await q([{ Name: 'ip-permission.cidr', Values: ['10.*'] }, { Name: 'ip-permission.protocol', Values: ['udp'] }])).SecurityGroups.map((g: any) => g.GroupId), [ids[3]]);
  assert.equal((await q([{ Name: 'egress.ip-permission.cidr', Values: ['0.0.0.0/0'] }])).SecurityGroups.length, 7);
  assert.equal((await q([{ Name: 'description', Values: ['g5 group'] }])).SecurityGroups[0].GroupId, ids[5]);
  const nf = await callError(ec2Service, ctx, 'DescribeSecurityGroups', { GroupIds: ['sg-0123456789abcdef0', 'sg-0123456789abcdef1'] });
  assert.equal(nf.code, 'InvalidGroup.NotFound');
  assert.equal(nf.message, "The security group 'sg-0123456789abcdef0, sg-0123456789abcdef1' does not exist");
  const p1 = await call(ec2Service, ctx, 'DescribeSecurityGroups', { MaxResults: 5, Filters: [{ Name: 'vpc-id', Values: [vpcId] }] });
  const p2 = await call(ec2Service, ctx, 'DescribeSecurityGroups', { MaxResults: 5, NextToken: p1.NextToken, Filters: [{ Name: 'vpc-id', Values: [vpcId] }] });
  assert.equal(p1.SecurityGroups.length + p2.SecurityGroups.length, 7);
  assert.equal((await callError(ec2Service, ctx, 'DescribeSecurityGroups', { DryRun: true })).code, 'DryRunOperation');
  const us = testContext({ region: 'us-east-1', store: ctx.store });
  assert.equal((await callError(ec2Service, us, 'DescribeSecurityGroups', { GroupIds: [ids[0]] })).code, 'InvalidGroup.NotFound');
  // Rules: one row per rule, all-traffic rules read -1/-1.
  const rules = await call(ec2Service, ctx, 'DescribeSecurityGroupRules', { Filters: [{ Name: 'group-id', Values: [ids[1]] }] });
  assert.equal(rules.SecurityGroupRules.length, 2);
  const egress = rules.SecurityGroupRules.find((r: any) => r.IsEgress);
  assert.deepEqual([egress.IpProtocol, egress.FromPort, egress.ToPort, egress.CidrIpv4], ['-1', -1, -1, '0.0.0.0/0']);
  const ingress = rules.SecurityGroupRules.find((r: any) => !r.IsEgress);
  assert.deepEqual(ingress.ReferencedGroupInfo, { GroupId: ids[2], UserId: '000000000000' });
  const one = await call(ec2Service, ctx, 'DescribeSecurityGroupRules', { SecurityGroupRuleIds: [ingress.SecurityGroupRuleId] });
  assert.equal(one.SecurityGroupRules[0].GroupId, ids[1]);
  assert.equal((await callError(ec2Service, ctx, 'DescribeSecurityGroupRules', { SecurityGroupRuleIds: ['sgr-0123456789abcdef0'] })).code, 'InvalidSecurityGroupRuleId.NotFound');
  const r1 = await call(ec2Service, ctx, 'DescribeSecurityGroupRules', { MaxResults: 5 });
  assert.equal(r1.SecurityGroupRules.length, 5);
  assert.ok(r1.NextToken);
  assert.equal((await call(ec2Service, us, 'DescribeSecurityGroupRules', { Filters: [{ Name: 'group-id', Values: [ids[1]] }] })).SecurityGroupRules.length, 0);
});

test('a direction holds at most 60 rules', async () => {
  const ctx = testContext();
  const vpcId = await vpc(ctx);
  const id = await group(ctx, vpcId, 'big');
  const perms = Array.from({ length: 60 }, (_, i) => ({ IpProtocol: 'tcp', FromPort: 1000 + i, ToPort: 1000 + i, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }));
  await call(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: id, IpPermissions: perms });
  const e = await callError(ec2Service, ctx, 'AuthorizeSecurityGroupIngress', { GroupId: id, IpPermissions: [SSH] });
  assert.equal(e.code, 'RulesPerSecurityGroupLimitExceeded');
});

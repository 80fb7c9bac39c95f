import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callError } from '../../../test/helpers/context.js';
import { ELBV2_KIND, targetKey, type TargetHealthRecord } from '../../state/records/elbv2.js';
import { elbv2Service } from './index.js';
import { internalNlb, tcpTargetGroup, world, type World } from './fixtures.test.js';

async function health(w: World, tgArn: string, targets?: unknown[]) {
  return (await w.call('DescribeTargetHealth', { TargetGroupArn: tgArn, Targets: targets })).TargetHealthDescriptions.map((d: any) => [d.Target.Id, d.Target.Port, d.HealthCheckPort, d.TargetHealth.State, d.TargetHealth.Reason]);
}

async function listen(w: World, lbArn: string, tgArn: string) {
  return (await w.call('CreateListener', { LoadBalancerArn: lbArn, Protocol: 'TCP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }] })).Listeners[0];
}

test('instance targets: unused/NotInUse until a listener uses the group, then initial; health records win (checklist 12, 15)', async () => {
  const w = world();
  const i1 = w.ec2.instance(w.subnetA, '10.0.1.10');
  const i2 = w.ec2.instance(w.subnetB, '10.0.2.10');
  const tg = await tcpTargetGroup(w);
  await w.call('RegisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: i1.id }, { Id: i2.id, Port: 8080 }] });
  assert.deepEqual(await health(w, tg.TargetGroupArn), [
    [i1.id, 80, '80', 'unused', 'Target.NotInUse'],
    [i2.id, 8080, '8080', 'unused', 'Target.NotInUse'],
  ]);
  const lb = await internalNlb(w);
  await listen(w, lb.LoadBalancerArn, tg.TargetGroupArn);
  assert.deepEqual(await health(w, tg.TargetGroupArn), [
    [i1.id, 80, '80', 'initial', 'Elb.RegistrationInProgress'],
    [i2.id, 8080, '8080', 'initial', 'Elb.RegistrationInProgress'],
  ]);
  // What the data plane's health checker writes is what DescribeTargetHealth reports.
  w.ctx.store.transact((tx) => tx.put<TargetHealthRecord>(ELBV2_KIND.targetHealth, { id: targetKey(tg.TargetGroupArn, i1.id, 80), state: 'healthy', updatedAt: new Date().toISOString() }));
  assert.deepEqual((await health(w, tg.TargetGroupArn, [{ Id: i1.id }]))[0], [i1.id, 80, '80', 'healthy', undefined]);
  // A stopped instance is unused / Target.InvalidState (§1.8).
  w.ec2.setInstanceState(i2, 'stopped');
  assert.deepEqual((await health(w, tg.TargetGroupArn, [{ Id: i2.id, Port: 8080 }]))[0], [i2.id, 8080, '8080', 'unused', 'Target.InvalidState']);
});

test('an unregistered target named explicitly is unused / Target.NotRegistered (checklist 16)', async () => {
  const w = world();
  const tg = await tcpTargetGroup(w);
  assert.deepEqual(await health(w, tg.TargetGroupArn, [{ Id: 'i-0123456789abcdef0' }]), [['i-0123456789abcdef0', 80, '80', 'unused', 'Target.NotRegistered']]);
  const e = await callError(elbv2Service, w.ctx, 'DescribeTargetHealth', { TargetGroupArn: tg.TargetGroupArn.replace(/[0-9a-f]{16}$/, '0000000000000000') });
  assert.deepEqual([e.code, e.message], ['TargetGroupNotFound', 'One or more target groups not found']);
});

test('deregistration drains for the deregistration delay, then the target is gone (checklist 17)', async () => {
  const w = world();
  const i1 = w.ec2.instance(w.subnetA, '10.0.1.10');
  const tg = await tcpTargetGroup(w);
  await w.call('ModifyTargetGroupAttributes', { TargetGroupArn: tg.TargetGroupArn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '120' }] });
  const lb = await internalNlb(w);
  await listen(w, lb.LoadBalancerArn, tg.TargetGroupArn);
  await w.call('RegisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: i1.id }] });
  await w.call('DeregisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: i1.id }] });
  assert.deepEqual(await health(w, tg.TargetGroupArn), [[i1.id, 80, '80', 'draining', 'Target.DeregistrationInProgress']]);
  w.advance(119);
  assert.equal((await health(w, tg.TargetGroupArn))[0][3], 'draining');
  w.advance(1);
  assert.deepEqual(await health(w, tg.TargetGroupArn), []);
  assert.deepEqual(await health(w, tg.TargetGroupArn, [{ Id: i1.id }]), [[i1.id, 80, '80', 'unused', 'Target.NotRegistered']]);
  // Registering again starts over as initial.
  await w.call('RegisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: i1.id }] });
  assert.equal((await health(w, tg.TargetGroupArn))[0][3], 'initial');
  // Deregistering something never registered succeeds (§1.1).
  await w.call('DeregisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: 'i-0123456789abcdef0' }] });
});

test('instance target errors: malformed id, other VPC, not running', async () => {
  const w = world();
  const tg = await tcpTargetGroup(w);
  const reg = (Id: string) => callError(elbv2Service, w.ctx, 'RegisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id }] });
  const bad = await reg('10.19.173.98');
  assert.deepEqual([bad.code, bad.message], ['ValidationError', "Instance ID '10.19.173.98' is not valid"]);
  const other = w.ec2.instance(w.ec2.subnet(w.ec2.vpc('10.9.0.0/16'), '10.9.1.0/24'), '10.9.1.10');
  const e2 = await reg(other.id);
  assert.deepEqual([e2.code, e2.message], ['InvalidTarget', 'The specified target does not exist or is not in the same VPC as the target group.']);
  const stopped = w.ec2.instance(w.subnetA, '10.0.1.11', { state: 'stopped' });
  const e3 = await reg(stopped.id);
  assert.deepEqual([e3.code, e3.message], ['InvalidTarget', `The following targets are not in a running state and cannot be registered: '${stopped.id}'`]);
  const terminated = w.ec2.instance(w.subnetA, '10.0.1.12', { state: 'terminated' });
  assert.equal((await reg(terminated.id)).code, 'InvalidTarget');
});

test('ip targets: inside the VPC subnets, outside with an AZ, ALB groups need all, loopback hosts (checklist 10, 11)', async () => {
  const w = world();
  const nlbTg = await tcpTargetGroup(w, 'ip-tg', { TargetType: 'ip' });
  const albTg = (await w.call('CreateTargetGroup', { Name: 'alb-ip', Protocol: 'HTTPS', Port: 443, VpcId: w.vpcId, TargetType: 'ip' })).TargetGroups[0];
  const reg = (tg: any, t: Record<string, unknown>) => callError(elbv2Service, w.ctx, 'RegisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [t] });
  await w.call('RegisterTargets', { TargetGroupArn: nlbTg.TargetGroupArn, Targets: [{ Id: '10.0.1.20' }] });
  const inside = await reg(nlbTg, { Id: '10.0.1.21', AvailabilityZone: 'all' });
  assert.equal(inside.message, "The IP address '10.0.1.21' is within the VPC, and cannot have its Availability Zone overridden to 'all' from 'eu-west-1a'");
  // 10.0.200.5 is in the VPC CIDR but in no subnet: it counts as outside (§1.7).
  const noAz = await reg(nlbTg, { Id: '10.0.200.5' });
  assert.equal(noAz.message, "You must specify a valid Availability Zone or select 'all' for all enabled Availability zones, since the IP address '10.0.200.5' is outside the VPC");
  await w.call('RegisterTargets', { TargetGroupArn: nlbTg.TargetGroupArn, Targets: [{ Id: '10.130.6.97', AvailabilityZone: 'eu-west-1a' }] });
  const albZone = await reg(albTg, { Id: '192.168.1.5', AvailabilityZone: 'eu-west-1a' });
  assert.equal(albZone.message, "The Availability Zone for IP address '192.168.1.5' must be 'all' for Application Load Balancer target groups, when not within the VPC");
  assert.equal((await reg(nlbTg, { Id: '8.8.8.8', AvailabilityZone: 'all' })).code, 'ValidationError');
  await w.call('RegisterTargets', { TargetGroupArn: albTg.TargetGroupArn, Targets: [{ Id: '127.0.0.1', Port: 3000, AvailabilityZone: 'all' }] });
  assert.deepEqual(await health(w, albTg.TargetGroupArn), [['127.0.0.1', 3000, '3000', 'unused', 'Target.NotInUse']]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callError } from '../../../test/helpers/context.js';
import { KIND, type NetworkInterface } from '../../state/records/ec2.js';
import { elbv2Service } from './index.js';
import { internalNlb, tcpTargetGroup, world } from './fixtures.test.js';

test('an internal NLB in two subnets: ARN, DNS name, hosted zone, node ENIs, provisioning then active', async () => {
  const w = world();
  const lb = await internalNlb(w);
  assert.match(lb.LoadBalancerArn, /^arn:aws:elasticloadbalancing:eu-west-1:000000000000:loadbalancer\/net\/my-nlb\/[0-9a-f]{16}$/);
  const id = lb.LoadBalancerArn.split('/').pop();
  // §1.2: NLB DNS name carries the ARN id, region after `elb`, no internal- prefix.
  assert.equal(lb.DNSName, `my-nlb-${id}.elb.eu-west-1.amazonaws.com`);
  assert.equal(lb.CanonicalHostedZoneId, 'Z2IFOLAFXWLO4F');
  assert.deepEqual(lb.State, { Code: 'provisioning' });
  assert.equal(lb.Scheme, 'internal');
  assert.equal(lb.Type, 'network');
  assert.equal(lb.VpcId, w.vpcId);
  assert.deepEqual(lb.SecurityGroups, []);

  const enis = w.ctx.store.list<NetworkInterface>(KIND.networkInterface, (n) => n.description === `ELB net/my-nlb/${id}`);
  assert.equal(enis.length, 2);
  for (const eni of enis) {
    assert.equal(eni.interfaceType, 'network_load_balancer');
    assert.equal(eni.requesterManaged, true);
    assert.equal(eni.requesterId, 'amazon-elb');
    assert.equal(eni.status, 'in-use');
  }
  assert.deepEqual(enis.map((e) => e.privateIpAddress).sort(), ['10.0.1.4', '10.0.2.4']);
  assert.deepEqual(
    lb.AvailabilityZones.map((z: any) => [z.ZoneName, z.SubnetId, z.LoadBalancerAddresses[0].PrivateIPv4Address]),
    [['eu-west-1a', w.subnetA, '10.0.1.4'], ['eu-west-1b', w.subnetB, '10.0.2.4']],
  );

  const described = (await w.call('DescribeLoadBalancers', { Names: ['my-nlb'] })).LoadBalancers;
  assert.equal(described.length, 1);
  assert.deepEqual(described[0].State, { Code: 'active' });
});

test('SubnetMappings pin an internal NLB node address', async () => {
  const w = world();
  const out = await w.call('CreateLoadBalancer', { Name: 'pinned', Type: 'network', Scheme: 'internal', SubnetMappings: [{ SubnetId: w.subnetA, PrivateIPv4Address: '10.0.1.50' }] });
  assert.equal(out.LoadBalancers[0].AvailabilityZones[0].LoadBalancerAddresses[0].PrivateIPv4Address, '10.0.1.50');
  const e = await callError(elbv2Service, w.ctx, 'CreateLoadBalancer', { Name: 'x', Type: 'network', SubnetMappings: [{ SubnetId: w.subnetA, AllocationId: 'eipalloc-1' }] });
  assert.equal(e.code, 'NotImplemented');
});

test('an internal ALB: internal- DNS prefix with a decimal suffix, default security group, interface ENIs', async () => {
  const w = world();
  const out = await w.call('CreateLoadBalancer', { Name: 'my-alb', Scheme: 'internal', Subnets: [w.subnetA, w.subnetB] });
  const lb = out.LoadBalancers[0];
  assert.match(lb.LoadBalancerArn, /:loadbalancer\/app\/my-alb\/[0-9a-f]{16}$/);
  assert.match(lb.DNSName, /^internal-my-alb-\d{1,10}\.eu-west-1\.elb\.amazonaws\.com$/);
  assert.equal(lb.CanonicalHostedZoneId, 'Z32O12XQLNTSW2');
  assert.equal(lb.Type, 'application');
  assert.deepEqual(lb.SecurityGroups, [w.ec2.defaultSecurityGroup(w.vpcId).id]);
  assert.deepEqual(lb.AvailabilityZones[0].LoadBalancerAddresses, []);
  const enis = w.ctx.store.list<NetworkInterface>(KIND.networkInterface, (n) => n.description.startsWith('ELB app/my-alb/'));
  assert.equal(enis.length, 2);
  assert.ok(enis.every((e) => e.interfaceType === 'interface' && e.requesterId === 'amazon-elb' && e.groups[0] === lb.SecurityGroups[0]));
});

test('ALB needs two zones; NLB accepts one (checklist 5)', async () => {
  const w = world();
  const e = await callError(elbv2Service, w.ctx, 'CreateLoadBalancer', { Name: 'one-az', Subnets: [w.subnetA] });
  assert.equal(e.code, 'ValidationError');
  assert.equal(e.message, 'At least two subnets in two different Availability Zones must be specified');
  await w.call('CreateLoadBalancer', { Name: 'one-az', Type: 'network', Subnets: [w.subnetA] });
});

test('identical CreateLoadBalancer is idempotent; different settings → DuplicateLoadBalancerName', async () => {
  const w = world();
  const first = await internalNlb(w);
  const again = await internalNlb(w);
  assert.equal(again.LoadBalancerArn, first.LoadBalancerArn);
  assert.equal(w.ctx.store.list(KIND.networkInterface).length, 2);
  const e = await callError(elbv2Service, w.ctx, 'CreateLoadBalancer', { Name: 'my-nlb', Type: 'network', Scheme: 'internal', Subnets: [w.subnetA] });
  assert.equal(e.code, 'DuplicateLoadBalancerName');
});

test('name rules, unknown subnets and subnets of different VPCs', async () => {
  const w = world();
  const err = (input: Record<string, unknown>) => callError(elbv2Service, w.ctx, 'CreateLoadBalancer', { Type: 'network', Subnets: [w.subnetA], ...input });
  assert.equal((await err({ Name: 'internal-x' })).code, 'ValidationError');
  assert.equal((await err({ Name: '-x' })).message, "Load balancer name '-x' cannot begin or end with '-'");
  assert.equal((await err({ Name: 'a'.repeat(33) })).message, `Load balancer name '${'a'.repeat(33)}' cannot be longer than '32' characters`);
  assert.equal((await err({ Name: 'a_b' })).code, 'ValidationError');
  assert.equal((await err({ Name: 'ok', Subnets: ['subnet-404'] })).code, 'SubnetNotFound');
  const other = w.ec2.subnet(w.ec2.vpc('10.9.0.0/16'), '10.9.1.0/24', 'eu-west-1c');
  assert.equal((await err({ Name: 'ok', Subnets: [w.subnetA, other.id] })).code, 'InvalidConfigurationRequest');
  assert.equal((await err({ Name: 'ok', CustomerOwnedIpv4Pool: 'x' })).code, 'NotImplemented');
});

test('DescribeLoadBalancers: not-found messages and paging', async () => {
  const w = world();
  await internalNlb(w, 'a1');
  await internalNlb(w, 'a2');
  await internalNlb(w, 'a3');
  const byName = await callError(elbv2Service, w.ctx, 'DescribeLoadBalancers', { Names: ['foobar-terraform-elb'] });
  assert.deepEqual([byName.code, byName.message], ['LoadBalancerNotFound', "Load balancers '[foobar-terraform-elb]' not found"]);
  const byArn = await callError(elbv2Service, w.ctx, 'DescribeLoadBalancers', { LoadBalancerArns: ['arn:aws:elasticloadbalancing:eu-west-1:000000000000:loadbalancer/net/x/0000000000000000'] });
  assert.deepEqual([byArn.code, byArn.message], ['LoadBalancerNotFound', 'One or more load balancers not found']);
  const p1 = await w.call('DescribeLoadBalancers', { PageSize: 2 });
  assert.equal(p1.LoadBalancers.length, 2);
  assert.ok(p1.NextMarker);
  const p2 = await w.call('DescribeLoadBalancers', { PageSize: 2, Marker: p1.NextMarker });
  assert.equal(p2.LoadBalancers.length, 1);
  assert.equal(p2.NextMarker, undefined);
});

test('DeleteLoadBalancer removes node ENIs and listeners, keeps target groups; missing LB succeeds; deletion protection refuses', async () => {
  const w = world();
  const lb = await internalNlb(w);
  const tg = await tcpTargetGroup(w);
  await w.call('CreateListener', { LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'TCP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] });
  await w.call('ModifyLoadBalancerAttributes', { LoadBalancerArn: lb.LoadBalancerArn, Attributes: [{ Key: 'deletion_protection.enabled', Value: 'true' }] });
  const refused = await callError(elbv2Service, w.ctx, 'DeleteLoadBalancer', { LoadBalancerArn: lb.LoadBalancerArn });
  assert.equal(refused.code, 'OperationNotPermitted');
  await w.call('ModifyLoadBalancerAttributes', { LoadBalancerArn: lb.LoadBalancerArn, Attributes: [{ Key: 'deletion_protection.enabled', Value: 'false' }] });
  await w.call('DeleteLoadBalancer', { LoadBalancerArn: lb.LoadBalancerArn });
  assert.equal(w.ctx.store.list(KIND.networkInterface).length, 0);
  assert.equal(w.ctx.store.list('elbv2.listener').length, 0);
  assert.equal((await w.call('DescribeTargetGroups', {})).TargetGroups.length, 1);
  await w.call('DeleteLoadBalancer', { LoadBalancerArn: lb.LoadBalancerArn });
});

test('load balancer attributes: NLB and ALB defaults, validation', async () => {
  const w = world();
  const nlb = await internalNlb(w);
  const attrs = Object.fromEntries((await w.call('DescribeLoadBalancerAttributes', { LoadBalancerArn: nlb.LoadBalancerArn })).Attributes.map((a: any) => [a.Key, a.Value]));
  assert.equal(attrs['deletion_protection.enabled'], 'false');
  assert.equal(attrs['load_balancing.cross_zone.enabled'], 'false');
  assert.equal(attrs['ipv6.deny_all_igw_traffic'], 'true');
  assert.equal(attrs['idle_timeout.timeout_seconds'], undefined);
  const alb = (await w.call('CreateLoadBalancer', { Name: 'alb', Subnets: [w.subnetA, w.subnetB] })).LoadBalancers[0];
  const albAttrs = Object.fromEntries((await w.call('DescribeLoadBalancerAttributes', { LoadBalancerArn: alb.LoadBalancerArn })).Attributes.map((a: any) => [a.Key, a.Value]));
  assert.equal(albAttrs['idle_timeout.timeout_seconds'], '60');
  assert.equal(albAttrs['routing.http.xff_header_processing.mode'], 'append');
  assert.equal(albAttrs['load_balancing.cross_zone.enabled'], 'true');
  const bad = await callError(elbv2Service, w.ctx, 'ModifyLoadBalancerAttributes', { LoadBalancerArn: alb.LoadBalancerArn, Attributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '30' }, { Key: 'idle_timeout.timeout_seconds', Value: '5000' }] });
  assert.equal(bad.code, 'ValidationError');
  // All or nothing: the first, valid change was not applied.
  const after = (await w.call('DescribeLoadBalancerAttributes', { LoadBalancerArn: alb.LoadBalancerArn })).Attributes.find((a: any) => a.Key === 'idle_timeout.timeout_seconds');
  assert.equal(after.Value, '60');
  assert.equal((await callError(elbv2Service, w.ctx, 'ModifyLoadBalancerAttributes', { LoadBalancerArn: alb.LoadBalancerArn, Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: 'false' }] })).code, 'ValidationError');
});

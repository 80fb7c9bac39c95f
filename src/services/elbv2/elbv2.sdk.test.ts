/**
 * An internal NLB, a TCP target group with instance targets and a listener, driven by
 * @aws-sdk/client-elastic-load-balancing-v2: the SDK serializes, the query codec parses, the real
 * handlers answer, the codec serializes and the SDK reads the answer back.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetHealthCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  LoadBalancerNotFoundException,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { serviceResponder } from '../../../test/helpers/context.js';
import { CLIENT_CONFIG, sdkHandler } from '../../protocol/sdk-harness.test.js';
import { elbv2Service } from './index.js';
import { world } from './fixtures.test.js';

function clientFor(ctx: ReturnType<typeof world>['ctx']) {
  const respond = serviceResponder(elbv2Service, ctx);
  return new ElasticLoadBalancingV2Client({ ...CLIENT_CONFIG, requestHandler: sdkHandler(respond) });
}

test('an internal NLB built with the SDK reads back with the SDK', async () => {
  const w = world();
  const elb = clientFor(w.ctx);
  const i1 = w.ec2.instance(w.subnetA, '10.0.1.10');
  const created = await elb.send(new CreateLoadBalancerCommand({ Name: 'sdk-nlb', Type: 'network', Scheme: 'internal', Subnets: [w.subnetA, w.subnetB], Tags: [{ Key: 'k', Value: 'v' }] }));
  const lb = created.LoadBalancers![0]!;
  assert.equal(lb.State?.Code, 'provisioning');
  assert.ok(lb.CreatedTime instanceof Date);
  assert.equal(lb.DNSName, `sdk-nlb-${lb.LoadBalancerArn!.split('/').pop()}.elb.eu-west-1.amazonaws.com`);
  assert.deepEqual(lb.AvailabilityZones!.map((z) => z.LoadBalancerAddresses![0]!.PrivateIPv4Address), ['10.0.1.4', '10.0.2.4']);

  const tg = (await elb.send(new CreateTargetGroupCommand({ Name: 'sdk-tg', Protocol: 'TCP', Port: 80, VpcId: w.vpcId, HealthCheckProtocol: 'HTTP', HealthCheckPath: '/health' }))).TargetGroups![0]!;
  assert.deepEqual([tg.HealthCheckTimeoutSeconds, tg.Matcher?.HttpCode, tg.HealthCheckEnabled], [6, '200-399', true]);
  await elb.send(new RegisterTargetsCommand({ TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: i1.id }] }));
  const before = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }));
  assert.deepEqual(before.TargetHealthDescriptions![0]!.TargetHealth, { State: 'unused', Reason: 'Target.NotInUse', Description: 'Target group is not configured to receive traffic from the load balancer' });
  const listener = (await elb.send(new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'TCP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] }))).Listeners![0]!;
  assert.equal(listener.DefaultActions![0]!.ForwardConfig!.TargetGroups![0]!.Weight, 1);
  const after = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }));
  assert.deepEqual(after.TargetHealthDescriptions![0], { Target: { Id: i1.id, Port: 80 }, HealthCheckPort: '80', TargetHealth: { State: 'initial', Reason: 'Elb.RegistrationInProgress', Description: 'Target registration is in progress' } });

  const described = await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [lb.LoadBalancerArn!] }));
  assert.equal(described.LoadBalancers![0]!.State?.Code, 'active');
  const attrs = await elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: tg.TargetGroupArn }));
  assert.ok(attrs.Attributes!.some((a) => a.Key === 'deregistration_delay.timeout_seconds' && a.Value === '300'));
  const tags = await elb.send(new DescribeTagsCommand({ ResourceArns: [lb.LoadBalancerArn!] }));
  assert.deepEqual(tags.TagDescriptions![0]!.Tags, [{ Key: 'k', Value: 'v' }]);

  await assert.rejects(elb.send(new DescribeLoadBalancersCommand({ Names: ['missing'] })), (e: unknown) => {
    assert.ok(e instanceof LoadBalancerNotFoundException);
    assert.equal(e.message, "Load balancers '[missing]' not found");
    return true;
  });
});

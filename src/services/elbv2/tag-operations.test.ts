import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callError } from '../../../test/helpers/context.js';
import { elbv2Service } from './index.js';
import { internalNlb, tcpTargetGroup, world } from './fixtures.test.js';

test('tags on load balancers, target groups and listeners', async () => {
  const w = world();
  const lb = (await w.call('CreateLoadBalancer', { Name: 'tagged', Type: 'network', Subnets: [w.subnetA], Tags: [{ Key: 'env', Value: 'dev' }] })).LoadBalancers[0];
  const tg = await tcpTargetGroup(w);
  const l = (await w.call('CreateListener', { LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'TCP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] })).Listeners[0];
  await w.call('AddTags', { ResourceArns: [lb.LoadBalancerArn, tg.TargetGroupArn, l.ListenerArn], Tags: [{ Key: 'team', Value: 'net' }, { Key: 'flag' }] });
  await w.call('RemoveTags', { ResourceArns: [lb.LoadBalancerArn], TagKeys: ['env'] });
  const out = await w.call('DescribeTags', { ResourceArns: [lb.LoadBalancerArn, tg.TargetGroupArn, l.ListenerArn] });
  assert.deepEqual(out.TagDescriptions.map((d: any) => d.Tags), [
    [{ Key: 'team', Value: 'net' }, { Key: 'flag' }],
    [{ Key: 'team', Value: 'net' }, { Key: 'flag' }],
    [{ Key: 'team', Value: 'net' }, { Key: 'flag' }],
  ]);
  const dup = await callError(elbv2Service, w.ctx, 'AddTags', { ResourceArns: [lb.LoadBalancerArn], Tags: [{ Key: 'a' }, { Key: 'a' }] });
  assert.equal(dup.code, 'DuplicateTagKeys');
  const missing = await callError(elbv2Service, w.ctx, 'DescribeTags', { ResourceArns: [tg.TargetGroupArn.replace(/[0-9a-f]{16}$/, '0000000000000000')] });
  assert.equal(missing.code, 'TargetGroupNotFound');
  const nlb2 = await internalNlb(w, 'other');
  assert.equal((await callError(elbv2Service, w.ctx, 'DescribeTags', { ResourceArns: [`${nlb2.LoadBalancerArn}0`] })).code, 'LoadBalancerNotFound');
});

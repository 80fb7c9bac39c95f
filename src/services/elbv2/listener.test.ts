import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callError } from '../../../test/helpers/context.js';
import { elbv2Service } from './index.js';
import { acmCertificate, internalNlb, tcpTargetGroup, world } from './fixtures.test.js';

test('NLB TCP listener: normalised forward action, idempotent create, DuplicateListener, modify, describe, delete', async () => {
  const w = world();
  const lb = await internalNlb(w);
  const tg = await tcpTargetGroup(w);
  const input = { LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'TCP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] };
  const l = (await w.call('CreateListener', input)).Listeners[0];
  assert.match(l.ListenerArn, /:listener\/net\/my-nlb\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
  assert.deepEqual(l.DefaultActions, [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn, ForwardConfig: { TargetGroups: [{ TargetGroupArn: tg.TargetGroupArn, Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } } }]);
  assert.equal((await w.call('CreateListener', input)).Listeners[0].ListenerArn, l.ListenerArn);
  const tg2 = await tcpTargetGroup(w, 'tg2');
  const dup = await callError(elbv2Service, w.ctx, 'CreateListener', { ...input, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg2.TargetGroupArn }] });
  assert.deepEqual([dup.code, dup.message], ['DuplicateListener', 'A listener with the specified port already exists.']);
  const modified = (await w.call('ModifyListener', { ListenerArn: l.ListenerArn, Port: 8080 })).Listeners[0];
  assert.equal(modified.Port, 8080);
  assert.deepEqual((await w.call('DescribeListeners', { LoadBalancerArn: lb.LoadBalancerArn })).Listeners.map((x: any) => [x.Port, x.Protocol]), [[8080, 'TCP']]);
  await w.call('DeleteListener', { ListenerArn: l.ListenerArn });
  const gone = await callError(elbv2Service, w.ctx, 'DescribeListeners', { ListenerArns: [l.ListenerArn] });
  assert.deepEqual([gone.code, gone.message], ['ListenerNotFound', 'One or more listeners not found']);
});

test('listener refusals: protocol for the LB type, incompatible TG protocol, other VPC, second LB, NLB fixed-response', async () => {
  const w = world();
  const lb = await internalNlb(w);
  const tg = await tcpTargetGroup(w);
  const create = (input: Record<string, unknown>) => callError(elbv2Service, w.ctx, 'CreateListener', { LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'TCP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }], ...input });
  assert.equal((await create({ Protocol: 'HTTP' })).code, 'UnsupportedProtocol');
  const udpTg = await tcpTargetGroup(w, 'udp', { Protocol: 'UDP' });
  assert.equal((await create({ DefaultActions: [{ Type: 'forward', TargetGroupArn: udpTg.TargetGroupArn }] })).code, 'IncompatibleProtocols');
  const httpTg = (await w.call('CreateTargetGroup', { Name: 'http', Protocol: 'HTTP', Port: 80, VpcId: w.vpcId })).TargetGroups[0];
  assert.equal((await create({ DefaultActions: [{ Type: 'forward', TargetGroupArn: httpTg.TargetGroupArn }] })).code, 'IncompatibleProtocols');
  const otherVpc = w.ec2.vpc('10.9.0.0/16');
  const far = await w.call('CreateTargetGroup', { Name: 'far', Protocol: 'TCP', Port: 80, VpcId: otherVpc.id });
  assert.equal((await create({ DefaultActions: [{ Type: 'forward', TargetGroupArn: far.TargetGroups[0].TargetGroupArn }] })).code, 'ValidationError');
  assert.equal((await create({ DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }] })).code, 'InvalidLoadBalancerAction');
  assert.equal((await create({ DefaultActions: [{ Type: 'forward', TargetGroupArn: `${tg.TargetGroupArn}0` }] })).code, 'TargetGroupNotFound');
  assert.equal((await create({ LoadBalancerArn: `${lb.LoadBalancerArn}0` })).code, 'LoadBalancerNotFound');
  for (const Protocol of ['TLS', 'UDP', 'TCP_UDP']) assert.equal((await create({ Protocol })).code, 'NotImplemented', Protocol);
  assert.equal((await create({ MutualAuthentication: { Mode: 'verify' } })).code, 'NotImplemented');
  await w.call('CreateListener', { LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'TCP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] });
  const lb2 = await internalNlb(w, 'second');
  const limit = await callError(elbv2Service, w.ctx, 'CreateListener', { LoadBalancerArn: lb2.LoadBalancerArn, Protocol: 'TCP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] });
  assert.equal(limit.code, 'TargetGroupAssociationLimit');
});

test('ALB listener: HTTP forward with weights, fixed-response, redirect; HTTPS defaults its SSL policy', async () => {
  const w = world();
  const alb = (await w.call('CreateLoadBalancer', { Name: 'alb', Scheme: 'internal', Subnets: [w.subnetA, w.subnetB] })).LoadBalancers[0];
  const a = (await w.call('CreateTargetGroup', { Name: 'a', Protocol: 'HTTP', Port: 80, VpcId: w.vpcId })).TargetGroups[0];
  const b = (await w.call('CreateTargetGroup', { Name: 'b', Protocol: 'HTTPS', Port: 443, VpcId: w.vpcId, TargetType: 'ip' })).TargetGroups[0];
  const fwd = (await w.call('CreateListener', { LoadBalancerArn: alb.LoadBalancerArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: a.TargetGroupArn, Weight: 10 }, { TargetGroupArn: b.TargetGroupArn, Weight: 20 }] } }] })).Listeners[0];
  assert.equal(fwd.DefaultActions[0].TargetGroupArn, undefined);
  assert.deepEqual(fwd.DefaultActions[0].ForwardConfig.TargetGroups.map((t: any) => t.Weight), [10, 20]);
  const fixed = (await w.call('CreateListener', { LoadBalancerArn: alb.LoadBalancerArn, Protocol: 'HTTP', Port: 81, DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503', ContentType: 'text/plain', MessageBody: 'down' } }] })).Listeners[0];
  assert.deepEqual(fixed.DefaultActions[0].FixedResponseConfig, { StatusCode: '503', ContentType: 'text/plain', MessageBody: 'down' });
  const redirect = (await w.call('CreateListener', { LoadBalancerArn: alb.LoadBalancerArn, Protocol: 'HTTP', Port: 82, DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }] })).Listeners[0];
  assert.deepEqual(redirect.DefaultActions[0].RedirectConfig, { Protocol: 'HTTPS', Port: '443', Host: '#{host}', Path: '/#{path}', Query: '#{query}', StatusCode: 'HTTP_301' });
  const https = (await w.call('CreateListener', { LoadBalancerArn: alb.LoadBalancerArn, Protocol: 'HTTPS', Port: 443, Certificates: [{ CertificateArn: acmCertificate(w) }], DefaultActions: [{ Type: 'forward', TargetGroupArn: a.TargetGroupArn }] })).Listeners[0];
  assert.equal(https.SslPolicy, 'ELBSecurityPolicy-2016-08');
  const toHttp = await callError(elbv2Service, w.ctx, 'ModifyListener', { ListenerArn: https.ListenerArn, DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTP', StatusCode: 'HTTP_302' } }] });
  assert.equal(toHttp.code, 'InvalidLoadBalancerAction');
  const plain = (await w.call('ModifyListener', { ListenerArn: https.ListenerArn, Protocol: 'HTTP' })).Listeners[0];
  assert.deepEqual([plain.SslPolicy, plain.Certificates], [undefined, undefined]);
});

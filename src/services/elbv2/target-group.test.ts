import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callError } from '../../../test/helpers/context.js';
import { elbv2Service } from './index.js';
import { internalNlb, tcpTargetGroup, world } from './fixtures.test.js';

test('TCP target group defaults: TCP health check, traffic-port, 30 s, 10 s, 5/2, no path or matcher (checklist 7)', async () => {
  const w = world();
  const tg = await tcpTargetGroup(w);
  assert.match(tg.TargetGroupArn, /^arn:aws:elasticloadbalancing:eu-west-1:000000000000:targetgroup\/tcp-tg\/[0-9a-f]{16}$/);
  assert.deepEqual(
    [tg.Protocol, tg.Port, tg.VpcId, tg.TargetType, tg.HealthCheckProtocol, tg.HealthCheckPort, tg.HealthCheckEnabled, tg.HealthCheckIntervalSeconds, tg.HealthCheckTimeoutSeconds, tg.HealthyThresholdCount, tg.UnhealthyThresholdCount, tg.HealthCheckPath, tg.Matcher, tg.ProtocolVersion],
    ['TCP', 80, w.vpcId, 'instance', 'TCP', 'traffic-port', true, 30, 10, 5, 2, undefined, undefined, undefined],
  );
  assert.deepEqual(tg.LoadBalancerArns, []);
  // NLB target group with an HTTP check: 6 s and 200-399 (§1.5).
  const http = await tcpTargetGroup(w, 'tcp-http', { HealthCheckProtocol: 'HTTP' });
  assert.deepEqual([http.HealthCheckTimeoutSeconds, http.HealthCheckPath, http.Matcher], [6, '/', { HttpCode: '200-399' }]);
});

test('HTTP target group defaults: HTTP, /, 30 s, 5 s, 5/2, matcher 200, HTTP1 (checklist 7)', async () => {
  const w = world();
  const tg = (await w.call('CreateTargetGroup', { Name: 'web', Protocol: 'HTTP', Port: 8080, VpcId: w.vpcId, TargetType: 'ip' })).TargetGroups[0];
  assert.deepEqual(
    [tg.HealthCheckProtocol, tg.HealthCheckPath, tg.HealthCheckIntervalSeconds, tg.HealthCheckTimeoutSeconds, tg.HealthyThresholdCount, tg.UnhealthyThresholdCount, tg.Matcher, tg.ProtocolVersion, tg.TargetType],
    ['HTTP', '/', 30, 5, 5, 2, { HttpCode: '200' }, 'HTTP1', 'ip'],
  );
  const https = (await w.call('CreateTargetGroup', { Name: 'vpce', Protocol: 'HTTPS', Port: 443, VpcId: w.vpcId, TargetType: 'ip', Matcher: { HttpCode: '200,403' } })).TargetGroups[0];
  assert.deepEqual([https.HealthCheckProtocol, https.Matcher], ['HTTPS', { HttpCode: '200,403' }]);
});

test('health-check validation: timeout vs interval, matcher grammar and ranges, TCP check on HTTP (checklist 8, 9)', async () => {
  const w = world();
  const err = (input: Record<string, unknown>) => callError(elbv2Service, w.ctx, 'CreateTargetGroup', { Name: 'x', Port: 80, VpcId: w.vpcId, ...input });
  const t1 = await err({ Protocol: 'HTTP', HealthCheckIntervalSeconds: 10, HealthCheckTimeoutSeconds: 10 });
  assert.deepEqual([t1.code, t1.message], ['ValidationError', "Health check timeout '10' must be smaller than the interval '10'"]);
  const t2 = await err({ Protocol: 'TCP', HealthCheckIntervalSeconds: 10, HealthCheckTimeoutSeconds: 11 });
  assert.equal(t2.message, "Health check timeout '11' must be smaller than or equal to the interval '10'");
  await tcpTargetGroup(w, 'equal-ok', { HealthCheckIntervalSeconds: 10, HealthCheckTimeoutSeconds: 10 });
  await w.call('CreateTargetGroup', { Name: 'range', Protocol: 'HTTP', Port: 80, VpcId: w.vpcId, Matcher: { HttpCode: '200-299' } });
  const m1 = await err({ Protocol: 'HTTP', Matcher: { HttpCode: '500' } });
  assert.deepEqual([m1.code, m1.message], ['InvalidParameterValue', 'HttpCode must be like 200 | 200-399 | 200,201 ...']);
  assert.equal((await err({ Protocol: 'HTTP', Matcher: { HttpCode: '2xx' } })).code, 'InvalidParameterValue');
  await tcpTargetGroup(w, 'nlb-599', { HealthCheckProtocol: 'HTTP', Matcher: { HttpCode: '200-599' } });
  assert.equal((await err({ Protocol: 'HTTP', HealthCheckProtocol: 'TCP' })).code, 'ValidationError');
  assert.equal((await err({ Protocol: 'HTTP', HealthCheckIntervalSeconds: 301 })).code, 'ValidationError');
});

test('required members, unknown VPC, name rules, unsupported target types', async () => {
  const w = world();
  const err = (input: Record<string, unknown>) => callError(elbv2Service, w.ctx, 'CreateTargetGroup', { Name: 'x', ...input });
  assert.equal((await err({})).message, 'A protocol must be specified');
  assert.equal((await err({ Protocol: 'TCP' })).message, 'A port must be specified');
  assert.equal((await err({ Protocol: 'TCP', Port: 80 })).message, 'A VPC ID must be specified');
  assert.equal((await err({ Protocol: 'TCP', Port: 80, VpcId: 'vpc-404' })).message, "The VPC ID 'vpc-404' is not found");
  assert.equal((await err({ Name: 'bad-', Protocol: 'TCP', Port: 80, VpcId: w.vpcId })).message, "Target group name 'bad-' cannot begin or end with '-'");
  assert.equal((await err({ TargetType: 'lambda' })).code, 'NotImplemented');
});

test('idempotent create, DuplicateTargetGroupName, describe by name/ARN/LB, modify, delete in use → ResourceInUse', async () => {
  const w = world();
  const tg = await tcpTargetGroup(w);
  assert.equal((await tcpTargetGroup(w)).TargetGroupArn, tg.TargetGroupArn);
  assert.equal((await callError(elbv2Service, w.ctx, 'CreateTargetGroup', { Name: 'tcp-tg', Protocol: 'TCP', Port: 81, VpcId: w.vpcId })).code, 'DuplicateTargetGroupName');
  assert.equal((await w.call('DescribeTargetGroups', { Names: ['tcp-tg'] })).TargetGroups[0].TargetGroupArn, tg.TargetGroupArn);
  const nf = await callError(elbv2Service, w.ctx, 'DescribeTargetGroups', { Names: ['nope'] });
  assert.deepEqual([nf.code, nf.message], ['TargetGroupNotFound', 'One or more target groups not found']);

  const lb = await internalNlb(w);
  assert.deepEqual((await w.call('DescribeTargetGroups', { LoadBalancerArn: lb.LoadBalancerArn })).TargetGroups, []);
  const listener = (await w.call('CreateListener', { LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'TCP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] })).Listeners[0];
  const used = (await w.call('DescribeTargetGroups', { LoadBalancerArn: lb.LoadBalancerArn })).TargetGroups;
  assert.deepEqual(used.map((t: any) => [t.TargetGroupArn, t.LoadBalancerArns]), [[tg.TargetGroupArn, [lb.LoadBalancerArn]]]);

  const modified = (await w.call('ModifyTargetGroup', { TargetGroupArn: tg.TargetGroupArn, HealthCheckProtocol: 'HTTP', HealthCheckPath: '/health' })).TargetGroups[0];
  assert.deepEqual([modified.HealthCheckProtocol, modified.HealthCheckPath, modified.HealthCheckTimeoutSeconds, modified.Matcher], ['HTTP', '/health', 6, { HttpCode: '200-399' }]);

  const inUse = await callError(elbv2Service, w.ctx, 'DeleteTargetGroup', { TargetGroupArn: tg.TargetGroupArn });
  assert.equal(inUse.code, 'ResourceInUse');
  await w.call('DeleteListener', { ListenerArn: listener.ListenerArn });
  await w.call('DeleteTargetGroup', { TargetGroupArn: tg.TargetGroupArn });
  assert.deepEqual((await w.call('DescribeTargetGroups', {})).TargetGroups, []);
});

test('target group attributes: defaults per family and target type; validation', async () => {
  const w = world();
  const attrs = async (arn: string) => Object.fromEntries((await w.call('DescribeTargetGroupAttributes', { TargetGroupArn: arn })).Attributes.map((a: any) => [a.Key, a.Value]));
  const inst = await attrs((await tcpTargetGroup(w)).TargetGroupArn);
  assert.equal(inst['deregistration_delay.timeout_seconds'], '300');
  assert.equal(inst['preserve_client_ip.enabled'], 'true');
  assert.equal(inst['proxy_protocol_v2.enabled'], 'false');
  assert.equal(inst['stickiness.type'], 'source_ip');
  assert.equal(inst['deregistration_delay.connection_termination.enabled'], 'false');
  const ipTg = await tcpTargetGroup(w, 'ip-tg', { TargetType: 'ip' });
  assert.equal((await attrs(ipTg.TargetGroupArn))['preserve_client_ip.enabled'], 'false');
  const udp = await attrs((await tcpTargetGroup(w, 'udp', { Protocol: 'UDP', TargetType: 'ip' })).TargetGroupArn);
  assert.deepEqual([udp['preserve_client_ip.enabled'], udp['deregistration_delay.connection_termination.enabled']], ['true', 'true']);
  const http = await attrs((await w.call('CreateTargetGroup', { Name: 'h', Protocol: 'HTTP', Port: 80, VpcId: w.vpcId })).TargetGroups[0].TargetGroupArn);
  assert.deepEqual([http['stickiness.type'], http['load_balancing.algorithm.type'], http['stickiness.lb_cookie.duration_seconds'], http['preserve_client_ip.enabled']], ['lb_cookie', 'round_robin', '86400', undefined]);

  const out = await w.call('ModifyTargetGroupAttributes', { TargetGroupArn: ipTg.TargetGroupArn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '10' }, { Key: 'proxy_protocol_v2.enabled', Value: 'true' }] });
  assert.ok(out.Attributes.some((a: any) => a.Key === 'deregistration_delay.timeout_seconds' && a.Value === '10'));
  assert.equal((await callError(elbv2Service, w.ctx, 'ModifyTargetGroupAttributes', { TargetGroupArn: ipTg.TargetGroupArn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '3601' }] })).code, 'ValidationError');
  assert.equal((await callError(elbv2Service, w.ctx, 'ModifyTargetGroupAttributes', { TargetGroupArn: ipTg.TargetGroupArn, Attributes: [{ Key: 'slow_start.duration_seconds', Value: '30' }] })).code, 'ValidationError');
});

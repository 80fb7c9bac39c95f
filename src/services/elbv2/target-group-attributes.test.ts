import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callError } from '../../../test/helpers/context.js';
import { elbv2Service } from './index.js';
import { tcpTargetGroup, world, type World } from './fixtures.test.js';

async function httpGroup(w: World, name = 'http'): Promise<string> {
  return (await w.call('CreateTargetGroup', { Name: name, Protocol: 'HTTP', Port: 80, VpcId: w.vpcId, TargetType: 'ip' })).TargetGroups[0].TargetGroupArn;
}

const attrsOf = async (w: World, arn: string) => Object.fromEntries((await w.call('DescribeTargetGroupAttributes', { TargetGroupArn: arn })).Attributes.map((a: any) => [a.Key, a.Value]));
const modify = (w: World, arn: string, attrs: Record<string, string>) => w.call('ModifyTargetGroupAttributes', { TargetGroupArn: arn, Attributes: Object.entries(attrs).map(([Key, Value]) => ({ Key, Value })) });
const refusal = async (w: World, arn: string, attrs: Record<string, string>) => {
  const e = await callError(elbv2Service, w.ctx, 'ModifyTargetGroupAttributes', { TargetGroupArn: arn, Attributes: Object.entries(attrs).map(([Key, Value]) => ({ Key, Value })) });
  return [e.code, e.message];
};

test('ALB target group: algorithm, stickiness, slow start and deregistration delay the data plane reads', async () => {
  const w = world();
  const arn = await httpGroup(w);
  const d = await attrsOf(w, arn);
  assert.deepEqual(
    [d['load_balancing.algorithm.type'], d['stickiness.enabled'], d['stickiness.type'], d['stickiness.lb_cookie.duration_seconds'], d['stickiness.app_cookie.cookie_name'], d['stickiness.app_cookie.duration_seconds'], d['slow_start.duration_seconds'], d['deregistration_delay.timeout_seconds']],
    ['round_robin', 'false', 'lb_cookie', '86400', '', '86400', '0', '300'],
  );
  await modify(w, arn, { 'load_balancing.algorithm.type': 'least_outstanding_requests', 'stickiness.enabled': 'true', 'stickiness.lb_cookie.duration_seconds': '604800', 'deregistration_delay.timeout_seconds': '0', 'slow_start.duration_seconds': '0' });
  await modify(w, arn, { 'stickiness.app_cookie.cookie_name': 'SESSIONID', 'stickiness.app_cookie.duration_seconds': '1' });
  const after = await attrsOf(w, arn);
  assert.deepEqual(
    [after['load_balancing.algorithm.type'], after['stickiness.enabled'], after['stickiness.type'], after['stickiness.app_cookie.cookie_name'], after['stickiness.lb_cookie.duration_seconds'], after['deregistration_delay.timeout_seconds']],
    ['least_outstanding_requests', 'true', 'lb_cookie', 'SESSIONID', '604800', '0'],
  );
});

test('ALB target group refusals: ranges, values, stickiness types, cookie names; unsupported values answer not implemented', async () => {
  const w = world();
  const arn = await httpGroup(w);
  assert.deepEqual(await refusal(w, arn, { 'deregistration_delay.timeout_seconds': '3601' }), ['ValidationError', "'deregistration_delay.timeout_seconds' value '3601' must be between '0-3600' inclusive"]);
  assert.equal((await refusal(w, arn, { 'load_balancing.algorithm.type': 'random' }))[0], 'ValidationError');
  assert.equal((await refusal(w, arn, { 'load_balancing.algorithm.type': 'weighted_random' }))[0], 'NotImplemented');
  assert.equal((await refusal(w, arn, { 'load_balancing.algorithm.anomaly_mitigation': 'on' }))[0], 'NotImplemented');
  assert.equal((await refusal(w, arn, { 'slow_start.duration_seconds': '29' }))[0], 'ValidationError');
  assert.equal((await refusal(w, arn, { 'slow_start.duration_seconds': '30' }))[0], 'NotImplemented');
  assert.equal((await refusal(w, arn, { 'stickiness.lb_cookie.duration_seconds': '0' }))[0], 'ValidationError');
  assert.equal((await refusal(w, arn, { 'stickiness.app_cookie.duration_seconds': '604801' }))[0], 'ValidationError');
  assert.equal((await refusal(w, arn, { 'stickiness.enabled': 'yes' }))[0], 'ValidationError');
  assert.deepEqual(await refusal(w, arn, { 'stickiness.type': 'source_ip' }), ['InvalidConfigurationRequest', "Stickiness type 'source_ip' is not supported for target groups with the HTTP protocol"]);
  assert.deepEqual(await refusal(w, arn, { 'stickiness.type': 'cookie' }), ['ValidationError', "'Stickiness type' must be one of [app_cookie, lb_cookie, source_ip]"]);
  // Application-based stickiness is not carried out by the ALB data plane.
  assert.equal((await refusal(w, arn, { 'stickiness.type': 'app_cookie', 'stickiness.app_cookie.cookie_name': 'SESSIONID' }))[0], 'NotImplemented');
  assert.equal((await refusal(w, arn, { 'stickiness.app_cookie.cookie_name': 'AWSALBAPP-0' }))[0], 'ValidationError');
  assert.equal((await refusal(w, arn, { 'stickiness.app_cookie.cookie_name': 'bad name' }))[0], 'ValidationError');
  assert.equal((await refusal(w, arn, { 'load_balancing.cross_zone.enabled': 'false' }))[0], 'NotImplemented');
  assert.equal((await refusal(w, arn, { 'target_group_health.dns_failover.minimum_healthy_targets.count': '2' }))[0], 'NotImplemented');
  assert.deepEqual(await refusal(w, arn, { 'proxy_protocol_v2.enabled': 'true' }), ['ValidationError', "Target group attribute key 'proxy_protocol_v2.enabled' is not recognized"]);
  // All or nothing: a valid change next to a refused one is not applied.
  assert.equal((await refusal(w, arn, { 'deregistration_delay.timeout_seconds': '10', 'load_balancing.algorithm.type': 'weighted_random' }))[0], 'NotImplemented');
  assert.equal((await attrsOf(w, arn))['deregistration_delay.timeout_seconds'], '300');
});

test('NLB target group: source_ip stickiness only; ALB keys are not recognized', async () => {
  const w = world();
  const arn = (await tcpTargetGroup(w)).TargetGroupArn;
  await modify(w, arn, { 'stickiness.enabled': 'true', 'stickiness.type': 'source_ip' });
  assert.equal((await attrsOf(w, arn))['stickiness.enabled'], 'true');
  assert.deepEqual(await refusal(w, arn, { 'stickiness.type': 'lb_cookie' }), ['InvalidConfigurationRequest', "Stickiness type 'lb_cookie' is not supported for target groups with the TCP protocol"]);
  assert.equal((await refusal(w, arn, { 'load_balancing.algorithm.type': 'round_robin' }))[0], 'ValidationError');
  const udp = (await tcpTargetGroup(w, 'udp', { Protocol: 'UDP', TargetType: 'ip' })).TargetGroupArn;
  assert.equal((await refusal(w, udp, { 'preserve_client_ip.enabled': 'false' }))[0], 'ValidationError');
});

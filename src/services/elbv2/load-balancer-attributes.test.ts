import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callError } from '../../../test/helpers/context.js';
import { elbv2Service } from './index.js';
import { internalNlb, world, type World } from './fixtures.test.js';

async function alb(w: World): Promise<string> {
  return (await w.call('CreateLoadBalancer', { Name: 'alb', Scheme: 'internal', Subnets: [w.subnetA, w.subnetB] })).LoadBalancers[0].LoadBalancerArn;
}

const attrsOf = async (w: World, arn: string) => Object.fromEntries((await w.call('DescribeLoadBalancerAttributes', { LoadBalancerArn: arn })).Attributes.map((a: any) => [a.Key, a.Value]));
const modify = (w: World, arn: string, attrs: Record<string, string>) => w.call('ModifyLoadBalancerAttributes', { LoadBalancerArn: arn, Attributes: Object.entries(attrs).map(([Key, Value]) => ({ Key, Value })) });
const refusal = async (w: World, arn: string, Key: string, Value: string) => {
  const e = await callError(elbv2Service, w.ctx, 'ModifyLoadBalancerAttributes', { LoadBalancerArn: arn, Attributes: [{ Key, Value }] });
  return [e.code, e.message];
};

test('ALB attributes the data plane reads: defaults, valid values stored under AWS key names', async () => {
  const w = world();
  const arn = await alb(w);
  const defaults = await attrsOf(w, arn);
  assert.deepEqual(
    [
      defaults['idle_timeout.timeout_seconds'],
      defaults['client_keep_alive.seconds'],
      defaults['routing.http.xff_header_processing.mode'],
      defaults['routing.http.xff_client_port.enabled'],
      defaults['routing.http.preserve_host_header.enabled'],
      defaults['routing.http.x_amzn_tls_version_and_cipher_suite.enabled'],
      defaults['routing.http.drop_invalid_header_fields.enabled'],
      defaults['routing.http.desync_mitigation_mode'],
      defaults['deletion_protection.enabled'],
      defaults['routing.http2.enabled'],
    ],
    ['60', '3600', 'append', 'false', 'false', 'false', 'false', 'defensive', 'false', 'true'],
  );
  const set = {
    'idle_timeout.timeout_seconds': '4000',
    'client_keep_alive.seconds': '60',
    'routing.http.xff_header_processing.mode': 'preserve',
    'routing.http.xff_client_port.enabled': 'true',
    'routing.http.preserve_host_header.enabled': 'true',
    'routing.http.x_amzn_tls_version_and_cipher_suite.enabled': 'true',
    'routing.http.drop_invalid_header_fields.enabled': 'true',
    'routing.http2.enabled': 'false',
  };
  await modify(w, arn, set);
  const after = await attrsOf(w, arn);
  for (const [k, v] of Object.entries(set)) assert.equal(after[k], v, k);
  await modify(w, arn, { 'idle_timeout.timeout_seconds': '1', 'routing.http.xff_header_processing.mode': 'remove', 'routing.http.desync_mitigation_mode': 'defensive', 'client_keep_alive.seconds': '604800' });
  assert.equal((await attrsOf(w, arn))['idle_timeout.timeout_seconds'], '1');
});

test('ALB attribute values out of range or outside their value set are refused with ValidationError; the call changes nothing', async () => {
  const w = world();
  const arn = await alb(w);
  for (const [key, value] of [
    ['idle_timeout.timeout_seconds', '0'],
    ['idle_timeout.timeout_seconds', '4001'],
    ['idle_timeout.timeout_seconds', '6.5'],
    ['client_keep_alive.seconds', '59'],
    ['client_keep_alive.seconds', '604801'],
    ['routing.http.xff_header_processing.mode', 'replace'],
    ['routing.http.desync_mitigation_mode', 'off'],
    ['routing.http.xff_client_port.enabled', 'yes'],
    ['routing.http.preserve_host_header.enabled', 'TRUE'],
    ['routing.http.x_amzn_tls_version_and_cipher_suite.enabled', '1'],
    ['routing.http.drop_invalid_header_fields.enabled', ''],
    ['routing.http2.enabled', 'on'],
    ['deletion_protection.enabled', 'no'],
  ] as const) {
    const [code, message] = await refusal(w, arn, key, value);
    assert.equal(code, 'ValidationError', `${key}=${value}`);
    assert.ok(message.startsWith(`Load balancer attribute value '${value}' is not valid for load balancer attribute key '${key}'`), message);
  }
  // Only defensive desync mitigation is carried out (localvpc's parser refuses ambiguous requests).
  assert.equal((await refusal(w, arn, 'routing.http.desync_mitigation_mode', 'strictest'))[0], 'NotImplemented');
  assert.deepEqual(await refusal(w, arn, 'routing.http.bogus', 'true'), ['ValidationError', "Load balancer attribute key 'routing.http.bogus' is not recognized"]);
  // NLB-only keys are not ALB keys.
  assert.equal((await refusal(w, arn, 'dns_record.client_routing_policy', 'any_availability_zone'))[0], 'ValidationError');
  assert.equal((await attrsOf(w, arn))['idle_timeout.timeout_seconds'], '60');
});

test('attributes localvpc does not carry out accept only their defaults', async () => {
  const w = world();
  const arn = await alb(w);
  // Defaults are accepted (tools send them on create).
  await modify(w, arn, { 'access_logs.s3.enabled': 'false', 'waf.fail_open.enabled': 'false', 'connection_logs.s3.enabled': 'false', 'zonal_shift.config.enabled': 'false' });
  for (const [key, value] of [
    ['access_logs.s3.enabled', 'true'],
    ['access_logs.s3.bucket', 'logs'],
    ['waf.fail_open.enabled', 'true'],
    ['connection_logs.s3.enabled', 'true'],
    ['health_check_logs.s3.enabled', 'true'],
    ['zonal_shift.config.enabled', 'true'],
  ] as const) {
    assert.equal((await refusal(w, arn, key, value))[0], 'NotImplemented', key);
  }
  const nlb = (await internalNlb(w)).LoadBalancerArn;
  await modify(w, nlb, { 'dns_record.client_routing_policy': 'any_availability_zone', 'load_balancing.cross_zone.enabled': 'true' });
  assert.equal((await refusal(w, nlb, 'dns_record.client_routing_policy', 'availability_zone_affinity'))[0], 'NotImplemented');
  assert.equal((await refusal(w, nlb, 'dns_record.client_routing_policy', 'nearest'))[0], 'ValidationError');
  assert.equal((await attrsOf(w, nlb))['load_balancing.cross_zone.enabled'], 'true');
});

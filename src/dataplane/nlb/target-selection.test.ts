/**
 * Target selection for new NLB flows (elbv2-vpc-endpoints.md §3): eligibility, the zone rules
 * with cross-zone load balancing off by default, healthy targets only unless none is healthy
 * (fail-open), round robin standing for the flow hash, and `source_ip` stickiness.
 *
 * Entries are built by hand: these functions read nothing but the snapshot entries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NodeEntry, TargetEntry, TargetGroupEntry } from '../lb/snapshot.js';
import type { TargetHealthState } from '../../state/records/elbv2.js';
import { candidateTargets, crossZoneEnabled, isEligible, isHealthy, TargetPicker } from './target-selection.js';

const TG_ARN = 'arn:aws:elasticloadbalancing:eu-west-1:000000000000:targetgroup/tg/0123456789abcdef';

function target(id: string, options: { zone?: string; health?: TargetHealthState; draining?: boolean; ip?: string | null; instanceState?: string } = {}): TargetEntry {
  return {
    key: `${TG_ARN}|${id}|8080`,
    targetId: id,
    port: 8080,
    ip: options.ip === null ? undefined : (options.ip ?? '10.0.1.10'),
    availabilityZone: options.zone,
    instanceState: options.instanceState,
    draining: options.draining ?? false,
    drainEndsAt: options.draining ? Date.now() + 60_000 : undefined,
    observed: options.health ? { state: options.health, reason: undefined, description: undefined } : undefined,
  };
}

function group(targets: readonly TargetEntry[], attributes: Record<string, string> = {}, arn = TG_ARN): TargetGroupEntry {
  return {
    arn,
    name: 'tg',
    region: 'eu-west-1',
    protocol: 'TCP',
    port: 8080,
    vpcId: 'vpc-00000000000000001',
    targetType: 'instance',
    healthCheck: { enabled: true, protocol: 'TCP', port: 'traffic-port', intervalSeconds: 30, timeoutSeconds: 10, healthyThresholdCount: 5, unhealthyThresholdCount: 2 },
    attributes: { 'stickiness.enabled': 'false', 'stickiness.type': 'source_ip', 'load_balancing.cross_zone.enabled': 'use_load_balancer_configuration', ...attributes },
    loadBalancerArns: [],
    targets,
  };
}

function node(zoneName: string): NodeEntry {
  return { zoneName, subnetId: `subnet-${zoneName}`, networkInterfaceId: `eni-${zoneName}`, privateIp: '10.0.1.4', hostAddress: '127.9.1.4' };
}

const ids = (targets: readonly TargetEntry[]) => targets.map((t) => t.targetId);

test('isEligible: registered, with an address, and (instance targets) running', () => {
  assert.equal(isEligible(target('ip-target')), true);
  assert.equal(isEligible(target('i-running', { instanceState: 'running' })), true);
  for (const state of ['pending', 'stopping', 'stopped', 'shutting-down', 'terminated']) {
    assert.equal(isEligible(target('i-x', { instanceState: state })), false, state);
  }
  assert.equal(isEligible(target('draining', { draining: true, health: 'healthy' })), false);
  assert.equal(isEligible(target('no-address', { ip: null, health: 'healthy' })), false);
});

test('isHealthy: only the state healthy counts', () => {
  assert.equal(isHealthy(target('a', { health: 'healthy' })), true);
  for (const state of ['initial', 'unhealthy', 'unhealthy.draining', 'unused', 'draining', 'unavailable'] as const) {
    assert.equal(isHealthy(target('a', { health: state })), false, state);
  }
  assert.equal(isHealthy(target('never-checked')), false);
});

test('cross-zone off: a node sends to healthy targets of its own zone, plus those registered in zone all or of unknown zone', () => {
  const tg = group([
    target('a1', { zone: 'eu-west-1a', health: 'healthy' }),
    target('b1', { zone: 'eu-west-1b', health: 'healthy' }),
    target('all', { zone: 'all', health: 'healthy' }),
    target('unknown', { health: 'healthy' }),
    target('a2', { zone: 'eu-west-1a', health: 'unhealthy' }),
  ]);
  assert.deepEqual(ids(candidateTargets(tg, node('eu-west-1a'), false)), ['a1', 'all', 'unknown']);
  assert.deepEqual(ids(candidateTargets(tg, node('eu-west-1b'), false)), ['b1', 'all', 'unknown']);
});

test('cross-zone on (or no node): healthy targets of every zone', () => {
  const tg = group([target('a1', { zone: 'eu-west-1a', health: 'healthy' }), target('b1', { zone: 'eu-west-1b', health: 'healthy' }), target('b2', { zone: 'eu-west-1b', health: 'initial' })]);
  assert.deepEqual(ids(candidateTargets(tg, node('eu-west-1a'), true)), ['a1', 'b1']);
  assert.deepEqual(ids(candidateTargets(tg, undefined, false)), ['a1', 'b1']);
});

test('no healthy target in the node zone: the healthy targets of the other zones take the flow (DNS fail-over)', () => {
  const tg = group([target('a1', { zone: 'eu-west-1a', health: 'unhealthy' }), target('b1', { zone: 'eu-west-1b', health: 'healthy' }), target('b2', { zone: 'eu-west-1b', health: 'unhealthy' })]);
  assert.deepEqual(ids(candidateTargets(tg, node('eu-west-1a'), false)), ['b1']);
});

test('healthy targets only while one is healthy; with none healthy, every eligible target of every zone (fail-open)', () => {
  const some = group([target('a1', { zone: 'eu-west-1a', health: 'healthy' }), target('a2', { zone: 'eu-west-1a', health: 'unhealthy' }), target('a3', { zone: 'eu-west-1a', health: 'initial' }), target('a4', { zone: 'eu-west-1a' })]);
  assert.deepEqual(ids(candidateTargets(some, node('eu-west-1a'), false)), ['a1']);

  const none = group([
    target('a1', { zone: 'eu-west-1a', health: 'unhealthy' }),
    target('b1', { zone: 'eu-west-1b', health: 'unhealthy' }),
    target('a2', { zone: 'eu-west-1a', health: 'initial' }),
    target('stopped', { zone: 'eu-west-1a', health: 'unhealthy', instanceState: 'stopped' }),
    target('gone', { zone: 'eu-west-1a', health: 'unhealthy', draining: true }),
  ]);
  assert.deepEqual(ids(candidateTargets(none, node('eu-west-1a'), false)), ['a1', 'b1', 'a2']);
});

test('a healthy target that is draining or stopped takes no new flow, and does not stop fail-open', () => {
  const tg = group([target('draining', { health: 'healthy', draining: true }), target('stopped', { health: 'healthy', instanceState: 'stopped' }), target('sick', { health: 'unhealthy' })]);
  assert.deepEqual(ids(candidateTargets(tg, node('eu-west-1a'), false)), ['sick']);
});

test('nothing eligible: no candidate', () => {
  assert.deepEqual(candidateTargets(group([]), node('eu-west-1a'), false), []);
  assert.deepEqual(candidateTargets(group([target('d', { draining: true }), target('x', { ip: null })]), node('eu-west-1a'), false), []);
});

test('crossZoneEnabled: the target group attribute wins; use_load_balancer_configuration defers to the load balancer', () => {
  const lbOn = { 'load_balancing.cross_zone.enabled': 'true' };
  const lbOff = { 'load_balancing.cross_zone.enabled': 'false' };
  assert.equal(crossZoneEnabled(group([]), lbOff), false);
  assert.equal(crossZoneEnabled(group([]), lbOn), true);
  assert.equal(crossZoneEnabled(group([]), {}), false, 'NLB default: off');
  assert.equal(crossZoneEnabled(group([], { 'load_balancing.cross_zone.enabled': 'true' }), lbOff), true);
  assert.equal(crossZoneEnabled(group([], { 'load_balancing.cross_zone.enabled': 'false' }), lbOn), false);
});

test('TargetPicker: round robin over the candidates, one counter per target group', () => {
  const picker = new TargetPicker();
  const targets = [target('t1'), target('t2'), target('t3')];
  const one = group(targets);
  const other = group(targets, {}, `${TG_ARN}-other`);
  const picks = Array.from({ length: 7 }, () => picker.pick(one, targets, '10.0.3.10')!.targetId);
  assert.deepEqual(picks, ['t1', 't2', 't3', 't1', 't2', 't3', 't1']);
  // Another group starts from its own first target.
  assert.equal(picker.pick(other, targets, undefined)!.targetId, 't1');
  assert.equal(picker.pick(one, targets, undefined)!.targetId, 't2');
  // A shrinking candidate list still gets a valid target.
  assert.equal(picker.pick(one, [targets[2]!], undefined)!.targetId, 't3');
  assert.equal(picker.pick(one, [], '10.0.3.10'), undefined);
});

test('TargetPicker: source_ip stickiness sends one client address to one target, and spreads client addresses', () => {
  const picker = new TargetPicker();
  const targets = [target('t1'), target('t2'), target('t3')];
  const sticky = group(targets, { 'stickiness.enabled': 'true' });
  const first = picker.pick(sticky, targets, '10.0.3.10')!.targetId;
  for (let i = 0; i < 10; i++) assert.equal(picker.pick(sticky, targets, '10.0.3.10')!.targetId, first);
  // Another picker (another data plane) agrees: the choice is a function of the address.
  assert.equal(new TargetPicker().pick(sticky, targets, '10.0.3.10')!.targetId, first);
  const chosen = new Set<string>();
  for (let i = 1; i <= 60; i++) chosen.add(picker.pick(sticky, targets, `10.0.3.${i}`)!.targetId);
  assert.deepEqual([...chosen].sort(), ['t1', 't2', 't3']);
  // Without a client address (the internet, a VPC link) stickiness cannot apply: round robin.
  assert.deepEqual(
    [1, 2, 3].map(() => picker.pick(sticky, targets, undefined)!.targetId),
    ['t1', 't2', 't3'],
  );
  assert.equal(picker.pick(sticky, [], '10.0.3.10'), undefined);
});

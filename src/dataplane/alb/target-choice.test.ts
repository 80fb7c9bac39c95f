/**
 * Target choice of an ALB (elbv2-vpc-endpoints.md §1.6, §2.1, checklist 17, 32), on
 * hand-built snapshot entries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TargetHealthState } from '../../state/records/elbv2.js';
import type { LoadBalancerEntry, NodeEntry, TargetEntry, TargetGroupEntry } from '../lb/snapshot.js';
import { encodeSticky } from './sticky-cookies.js';
import { AlbTargetPicker, albCandidates } from './target-choice.js';

const NODE_A: NodeEntry = { zoneName: 'eu-west-1a', subnetId: 's-a', networkInterfaceId: 'eni-a', privateIp: '10.0.1.4', hostAddress: '127.9.1.4' };
const NODE_B: NodeEntry = { zoneName: 'eu-west-1b', subnetId: 's-b', networkInterfaceId: 'eni-b', privateIp: '10.0.2.4', hostAddress: '127.9.2.4' };
const LB = { arn: 'lb', nodes: [NODE_A, NODE_B], attributes: { 'load_balancing.cross_zone.enabled': 'true' } } as unknown as LoadBalancerEntry;
const NOW = new Date();

function target(id: string, state: TargetHealthState | undefined, over: Partial<TargetEntry> = {}): TargetEntry {
  return {
    key: `tg|${id}|80`,
    targetId: id,
    port: 80,
    ip: id,
    availabilityZone: 'eu-west-1a',
    instanceState: undefined,
    draining: false,
    drainEndsAt: undefined,
    observed: state ? { state, reason: undefined, description: undefined } : undefined,
    ...over,
  };
}

function group(targets: TargetEntry[], attributes: Record<string, string> = {}): TargetGroupEntry {
  return { arn: 'tg', name: 'web', attributes, targets } as unknown as TargetGroupEntry;
}

const ids = (ts: readonly TargetEntry[]) => ts.map((t) => t.targetId);

test('healthy targets only while there is one; all unhealthy → all of them (fail open)', () => {
  assert.deepEqual(ids(albCandidates(group([target('a', 'healthy'), target('b', 'unhealthy')]), LB, NODE_A)), ['a']);
  assert.deepEqual(ids(albCandidates(group([target('a', 'unhealthy'), target('b', 'unhealthy')]), LB, NODE_A)), ['a', 'b']);
});

test('never-checked and initial targets take nothing; draining, stopped and disabled-zone targets neither', () => {
  assert.deepEqual(ids(albCandidates(group([target('a', undefined), target('b', 'initial')]), LB, NODE_A)), []);
  assert.deepEqual(ids(albCandidates(group([target('a', 'initial'), target('b', 'unhealthy')]), LB, NODE_A)), ['b']);
  assert.deepEqual(ids(albCandidates(group([target('a', 'healthy', { draining: true }), target('b', 'unhealthy')]), LB, NODE_A)), ['b']);
  assert.deepEqual(ids(albCandidates(group([target('a', 'healthy', { instanceState: 'stopped' }), target('b', 'healthy', { instanceState: 'running' })]), LB, NODE_A)), ['b']);
  assert.deepEqual(ids(albCandidates(group([target('a', 'healthy', { availabilityZone: 'eu-west-1c' }), target('b', 'healthy', { availabilityZone: 'all' })]), LB, NODE_A)), ['b']);
});

test('cross-zone on (ALB default): every zone; off on the group: the node keeps its zone while it has a healthy target', () => {
  const targets = [target('a', 'healthy'), target('b', 'healthy', { availabilityZone: 'eu-west-1b' })];
  assert.deepEqual(ids(albCandidates(group(targets), LB, NODE_A)), ['a', 'b']);
  const off = { 'load_balancing.cross_zone.enabled': 'false' };
  assert.deepEqual(ids(albCandidates(group(targets, off), LB, NODE_B)), ['b']);
  assert.deepEqual(ids(albCandidates(group([target('a', 'healthy'), target('b', 'unhealthy', { availabilityZone: 'eu-west-1b' })], off), LB, NODE_B)), ['a']);
});

test('round robin in registration order; no candidate → a reason', () => {
  const picker = new AlbTargetPicker();
  const tg = group([target('a', 'healthy'), target('b', 'healthy'), target('c', 'healthy')]);
  assert.deepEqual([1, 2, 3, 4].map(() => picker.choose(tg, LB, NODE_A, [], NOW).target!.targetId), ['a', 'b', 'c', 'a']);
  const none = picker.choose(group([]), LB, NODE_A, [], NOW);
  assert.equal(none.target, undefined);
  assert.match((none as { reason: string }).reason, /no registered targets/);
  assert.match((picker.choose(group([target('a', 'initial')]), LB, NODE_A, [], NOW) as { reason: string }).reason, /initial/);
});

test('least outstanding requests: the target with the fewest requests in flight', () => {
  const picker = new AlbTargetPicker();
  const tg = group([target('a', 'healthy'), target('b', 'healthy')], { 'load_balancing.algorithm.type': 'least_outstanding_requests' });
  const endA = picker.begin('tg|a|80');
  picker.begin('tg|a|80');
  assert.equal(picker.inFlight('tg|a|80'), 2);
  assert.deepEqual([1, 2, 3].map(() => picker.choose(tg, LB, NODE_A, [], NOW).target!.targetId), ['b', 'b', 'b']);
  const endB = picker.begin('tg|b|80');
  picker.begin('tg|b|80');
  picker.begin('tg|b|80');
  assert.equal(picker.choose(tg, LB, NODE_A, [], NOW).target!.targetId, 'a');
  endA();
  endA();
  assert.equal(picker.inFlight('tg|a|80'), 1, 'ending twice counts once');
  endB();
});

test('lb_cookie stickiness: the AWSALB target while it is a candidate, and the cookies every time', () => {
  const picker = new AlbTargetPicker();
  const sticky = { 'stickiness.enabled': 'true', 'stickiness.type': 'lb_cookie', 'stickiness.lb_cookie.duration_seconds': '120' };
  const tg = group([target('a', 'healthy'), target('b', 'healthy')], sticky);
  const raw = ['Cookie', `AWSALB=${encodeSticky('tg|b|80')}`];
  for (let i = 0; i < 4; i++) assert.equal(picker.choose(tg, LB, NODE_A, raw, NOW).target!.targetId, 'b');
  const choice = picker.choose(tg, LB, NODE_A, [], NOW);
  assert.ok(choice.target);
  const cookies = (choice as { cookies: readonly string[] }).cookies;
  assert.equal(cookies[0], `AWSALB=${encodeSticky(choice.target.key)}; Expires=${new Date(NOW.getTime() + 120_000).toUTCString()}; Path=/`);
  assert.match(cookies[1]!, /^AWSALBCORS=/);
  // The named target turned unhealthy: a healthy one instead.
  const moved = group([target('a', 'healthy'), target('b', 'unhealthy')], sticky);
  assert.equal(picker.choose(moved, LB, NODE_A, raw, NOW).target!.targetId, 'a');
  // Stickiness off: no cookies.
  assert.deepEqual((picker.choose(group([target('a', 'healthy')]), LB, NODE_A, raw, NOW) as { cookies: readonly string[] }).cookies, []);
});

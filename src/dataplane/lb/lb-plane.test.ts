/**
 * LbPlane: the load-balancing snapshot kept current from the store's change feed and the
 * network plane's snapshots; draining targets leave when their delay (on the scalable clock)
 * ends. Wire 171 is this file's (no sockets are opened here).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '../../../test/helpers/eventually.js';
import { createClock, type Clock } from '../../kernel/clock.js';
import { createLogger, silentLogger } from '../../kernel/log.js';
import { ACM_KIND } from '../../state/records/acm.js';
import { ELBV2_KIND, type ListenerRule, type TargetRegistration } from '../../state/records/elbv2.js';
import { NetworkPlane } from '../network/network-plane.js';
import { balancer, lbWorld, setHealth, webInstance, type LbWorld } from './fixtures.test.js';
import { LbPlane } from './lb-plane.js';
import type { LbSnapshot } from './snapshot.js';

const WIRE = 171;

/** Lets queued microtasks (the scheduled recompiles) and one macrotask turn run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function planes(w: LbWorld, clock: Clock = createClock(1), logger = silentLogger) {
  const network = new NetworkPlane(w.store, clock, logger);
  const lb = new LbPlane(w.store, network, clock, logger);
  const heard: LbSnapshot[] = [];
  lb.onSnapshot((s) => heard.push(s));
  return {
    network,
    lb,
    heard,
    close: async () => {
      lb.close();
      await network.close();
    },
  };
}

const targetsOf = (s: LbSnapshot, tgArn: string) => s.targetGroups.get(tgArn)?.targets ?? [];

describe('LbPlane', () => {
  it('compiles at construction, recompiles once per burst of ELBv2 commits, and snapshot() is never stale', async () => {
    const w = lbWorld(WIRE);
    const a = webInstance(w, w.subnetA, '10.0.1.10').instance;
    const b = webInstance(w, w.subnetB, '10.0.2.10').instance;
    const nlb = await balancer(w, { targets: [a.id, b.id] });
    const p = planes(w);
    try {
      const first = p.lb.snapshot();
      assert.equal(first.generation, 1);
      assert.deepEqual([...first.loadBalancers.keys()], [nlb.lbArn]);
      assert.equal(targetsOf(first, nlb.tgArn).length, 2);

      // Two commits in one synchronous burst: nothing heard yet, then one recompile that saw both.
      setHealth(w, nlb.tgArn, a.id, 'healthy');
      setHealth(w, nlb.tgArn, b.id, 'unhealthy');
      assert.equal(p.heard.length, 0);
      await settle();
      assert.deepEqual(
        p.heard.map((s) => s.generation),
        [2],
      );
      assert.deepEqual(
        targetsOf(p.heard[0]!, nlb.tgArn).map((t) => t.observed?.state),
        ['healthy', 'unhealthy'],
      );
      assert.equal(p.lb.snapshot(), p.heard[0], 'the snapshot heard is the one in service');

      // A read right after a commit recompiles on the spot (and is heard once).
      setHealth(w, nlb.tgArn, a.id, 'unhealthy');
      const now = p.lb.snapshot();
      assert.equal(now.generation, 3);
      assert.equal(targetsOf(now, nlb.tgArn)[0]!.observed?.state, 'unhealthy');
      await settle();
      assert.deepEqual(
        p.heard.map((s) => s.generation),
        [2, 3],
        'the scheduled recompile found nothing stale left',
      );

      // Through the ELBv2 handlers: a new listener is served.
      await w.call('CreateListener', { LoadBalancerArn: nlb.lbArn, Protocol: 'TCP', Port: 81, DefaultActions: [{ Type: 'forward', TargetGroupArn: nlb.tgArn }] });
      await settle();
      assert.deepEqual(
        p.lb.snapshot().loadBalancers.get(nlb.lbArn)!.listeners.map((l) => l.port),
        [80, 81],
      );
    } finally {
      await p.close();
    }
  });

  it('listener rules and ACM certificates recompile', async () => {
    const w = lbWorld(WIRE);
    const alb = await balancer(w, { type: 'application' });
    const p = planes(w);
    try {
      const rule: ListenerRule = {
        id: `${alb.listenerArn.replace(':listener/', ':listener-rule/')}/1`,
        region: 'eu-west-1',
        tags: [],
        createdAt: new Date().toISOString(),
        listenerArn: alb.listenerArn,
        priority: 7,
        conditions: [{ Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET'] } }],
        actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '204' } }],
      };
      w.store.transact((tx) => tx.put(ELBV2_KIND.rule, rule));
      await settle();
      assert.equal(p.heard.length, 1);
      assert.deepEqual(
        p.heard[0]!.loadBalancers.get(alb.lbArn)!.listeners[0]!.rules.map((r) => r.priority),
        [7, 'default'],
      );
      w.store.transact((tx) => tx.put(ACM_KIND.certificate, { id: 'arn:aws:acm:eu-west-1:000000000000:certificate/x', status: 'PENDING_VALIDATION' }));
      await settle();
      assert.equal(p.heard.length, 2);
    } finally {
      await p.close();
    }
  });

  it('records of other services do not recompile', async () => {
    const w = lbWorld(WIRE);
    await balancer(w);
    const p = planes(w);
    try {
      const before = p.lb.snapshot();
      w.store.transact((tx) => tx.put('apigateway.rest-api', { id: 'a1b2c3d4e5' }));
      await settle();
      assert.equal(p.heard.length, 0);
      assert.equal(p.lb.snapshot(), before);
    } finally {
      await p.close();
    }
  });

  it('a new network snapshot recompiles: instance states and node addresses follow EC2', async () => {
    const w = lbWorld(WIRE);
    const { instance } = webInstance(w, w.subnetA, '10.0.1.10');
    const nlb = await balancer(w, { targets: [instance.id] });
    const p = planes(w);
    try {
      assert.equal(targetsOf(p.lb.snapshot(), nlb.tgArn)[0]!.instanceState, 'running');
      w.ec2.setInstanceState(instance, 'stopped');
      await eventually(() => assert.equal(targetsOf(p.heard.at(-1)!, nlb.tgArn)[0]!.instanceState, 'stopped'));
      assert.equal(targetsOf(p.lb.snapshot(), nlb.tgArn)[0]!.instanceState, 'stopped');
      // An EC2 change unrelated to load balancers still brings a fresh snapshot (one per network snapshot).
      const count = p.heard.length;
      w.ec2.securityGroup(w.vpcId, 'unrelated');
      await eventually(() => assert.equal(p.heard.length, count + 1));
    } finally {
      await p.close();
    }
  });

  it('a draining target leaves the snapshot when its deregistration delay ends, on the scalable clock', async () => {
    const w = lbWorld(WIRE);
    const a = webInstance(w, w.subnetA, '10.0.1.10').instance;
    const b = webInstance(w, w.subnetB, '10.0.2.10').instance;
    // 150 and 400 AWS seconds at time scale 1000: 150 ms and 400 ms.
    const short = await balancer(w, { name: 'short', targets: [a.id], attributes: { 'deregistration_delay.timeout_seconds': '150' } });
    const long = await balancer(w, { name: 'long', targets: [b.id], attributes: { 'deregistration_delay.timeout_seconds': '400' } });
    const p = planes(w, createClock(1000));
    try {
      await w.call('DeregisterTargets', { TargetGroupArn: long.tgArn, Targets: [{ Id: b.id }] });
      await w.call('DeregisterTargets', { TargetGroupArn: short.tgArn, Targets: [{ Id: a.id }] });
      const deregisteredAt = (tg: string) => Date.parse(w.store.list<TargetRegistration>(ELBV2_KIND.target, (r) => r.targetGroupArn === tg)[0]!.deregisteredAt!);
      const shortEnds = deregisteredAt(short.tgArn) + 150;
      const longEnds = deregisteredAt(long.tgArn) + 400;

      const draining = p.lb.snapshot();
      assert.deepEqual(
        [...targetsOf(draining, short.tgArn), ...targetsOf(draining, long.tgArn)].map((t) => [t.targetId, t.draining, t.drainEndsAt]),
        [
          [a.id, true, shortEnds],
          [b.id, true, longEnds],
        ],
      );

      // The plane wakes itself for the earliest end, then for the next one.
      await eventually(() => assert.deepEqual(targetsOf(p.heard.at(-1)!, short.tgArn), []), { timeoutMs: 3000 });
      assert.ok(Date.now() >= shortEnds, 'not before the delay is over');
      assert.equal(targetsOf(p.lb.snapshot(), long.tgArn).length, 1, 'the longer delay is still running');
      await eventually(() => assert.deepEqual(targetsOf(p.heard.at(-1)!, long.tgArn), []), { timeoutMs: 3000 });
      assert.ok(Date.now() >= longEnds);
      assert.ok(Date.now() - longEnds < 2000, 'the delay ran scaled, not in AWS seconds');
    } finally {
      await p.close();
    }
  });

  it('a listener that throws is logged and the others still hear the snapshot', async () => {
    const w = lbWorld(WIRE);
    const { instance } = webInstance(w, w.subnetA, '10.0.1.10');
    const nlb = await balancer(w, { targets: [instance.id] });
    const lines: string[] = [];
    const logger = createLogger('test', 'debug', (line) => lines.push(line));
    const network = new NetworkPlane(w.store, createClock(1), logger);
    const lb = new LbPlane(w.store, network, createClock(1), logger);
    const heard: number[] = [];
    lb.onSnapshot(() => {
      throw new Error('listener bug');
    });
    const unsubscribe = lb.onSnapshot((s) => heard.push(s.generation));
    try {
      setHealth(w, nlb.tgArn, instance.id, 'healthy');
      await settle();
      assert.deepEqual(heard, [2]);
      assert.ok(
        lines.some((l) => l.includes('[test:lb] snapshot listener failed') && l.includes('listener bug')),
        lines.join('\n'),
      );
      // Unsubscribing stops the deliveries to that listener.
      unsubscribe();
      setHealth(w, nlb.tgArn, instance.id, 'unhealthy');
      await settle();
      assert.deepEqual(heard, [2]);
    } finally {
      lb.close();
      await network.close();
    }
  });

  it('close() stops recompiling and cancels the drain timer', async () => {
    const w = lbWorld(WIRE);
    const { instance } = webInstance(w, w.subnetA, '10.0.1.10');
    // 50 AWS seconds at time scale 1000.
    const nlb = await balancer(w, { targets: [instance.id], attributes: { 'deregistration_delay.timeout_seconds': '50' } });
    const p = planes(w, createClock(1000));
    try {
      await w.call('DeregisterTargets', { TargetGroupArn: nlb.tgArn, Targets: [{ Id: instance.id }] });
      const last = p.lb.snapshot();
      assert.equal(targetsOf(last, nlb.tgArn)[0]!.draining, true);
      const heard = p.heard.length;
      p.lb.close();
      setHealth(w, nlb.tgArn, instance.id, 'unhealthy');
      // Past the drain end: no timer fires a recompile.
      await pause(150);
      assert.equal(p.heard.length, heard);
      assert.equal(p.lb.snapshot(), last);
    } finally {
      await p.close();
    }
  });
});

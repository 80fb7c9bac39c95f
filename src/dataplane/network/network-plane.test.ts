import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClock } from '../../kernel/clock.js';
import { silentLogger } from '../../kernel/log.js';
import { openFixture } from '../testing-fixtures.js';
import { NetworkPlane } from './network-plane.js';

test('a burst of commits costs one recompile, and snapshot() is never stale', async () => {
  const { store, f } = openFixture();
  const plane = new NetworkPlane(store, createClock(), silentLogger);
  try {
    const generations: number[] = [];
    plane.onSnapshot((s) => generations.push(s.generation));
    const start = plane.snapshot().generation;
    // 1. Several commits in one synchronous burst.
    const vpc = f.vpc('10.0.0.0/16');
    f.subnet(vpc, '10.0.1.0/24');
    f.subnet(vpc, '10.0.2.0/24');
    // 2. Nothing recompiled yet; the microtask is pending.
    assert.deepEqual(generations, []);
    // 3. After the microtask batch: exactly one recompile, which sees all three commits.
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(generations, [start + 1]);
    assert.equal(plane.snapshot().subnets.size, 2);
    // 4. A read right after a commit recompiles on the spot.
    f.subnet(vpc, '10.0.3.0/24');
    assert.equal(plane.snapshot().subnets.size, 3);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(generations.length, 2, 'the scheduled recompile found nothing stale left to do');
  } finally {
    await plane.close();
    store.close();
  }
});

test('changes to records outside the network do not recompile', async () => {
  const { store } = openFixture();
  const plane = new NetworkPlane(store, createClock(), silentLogger);
  try {
    const before = plane.snapshot();
    store.transact((tx) => tx.put('elbv2.load-balancer-attribute-cache', { id: 'x' }));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(plane.snapshot(), before);
  } finally {
    await plane.close();
    store.close();
  }
});

test('close() closes the proxies it opened', async () => {
  const { store } = openFixture();
  const plane = new NetworkPlane(store, createClock(), silentLogger);
  const proxy = await plane.openVantageProxy('internet');
  const res = await fetch(proxy.url + '/').catch((e: unknown) => e);
  assert.ok(res instanceof Response && res.status === 400, 'origin-form requests are refused with 400');
  await plane.close();
  await assert.rejects(fetch(proxy.url + '/'));
  await assert.rejects(plane.openVantageProxy('internet'), /closed/);
  store.close();
});

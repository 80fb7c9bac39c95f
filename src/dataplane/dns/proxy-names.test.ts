/**
 * `localvpc exec`'s path for a name: a vantage proxy of startDataplane resolves a public zone's
 * CNAME to an apex aliased to a load balancer (ec2-route53-acm.md §2.6, checklist 38 "alias A →
 * ALB node IPs") and connects through it to a backend process; an alias that resolves nowhere
 * leaves the proxy nothing to connect to. The load balancer is an NLB, whose listeners
 * startDataplane runs; an ALB's name resolves the same way (hosted-zone-names.test.ts).
 * Wire 197 is this file's own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClock } from '../../kernel/clock.js';
import { silentLogger } from '../../kernel/log.js';
import { startDataplane } from '../dataplane.js';
import { balancer, lbWorld, webInstance } from '../lb/fixtures.test.js';
import { NamesFixture } from './testing-records.js';

test('a vantage proxy follows a CNAME to an alias of a load balancer and reaches the backend behind it', async () => {
  const w = lbWorld(197);
  const { instance } = webInstance(w, w.subnetA, '10.0.1.10');
  const nlb = await balancer(w, { name: 'front', targets: [instance.id] });
  const names = new NamesFixture(w.ec2);
  const zone = names.zone('vpcdemo.com', { apexRecords: true });
  names.alias(zone, 'vpcdemo.com', 'A', nlb.dnsName, 'Z2IFOLAFXWLO4F');
  names.record(zone, 'www.vpcdemo.com', 'CNAME', ['vpcdemo.com']);
  names.alias(zone, 'nowhere.vpcdemo.com', 'A', 'gone-0123456789abcdef.elb.eu-west-1.amazonaws.com', 'Z2IFOLAFXWLO4F');

  const backend = http.createServer((req, res) => res.end(`hello ${req.headers.host}`)).listen(8080, w.host('10.0.1.10'));
  await once(backend, 'listening');
  const stateDir = mkdtempSync(join(tmpdir(), 'localvpc-names-'));
  const dataplane = await startDataplane({ store: w.store, clock: createClock(), log: silentLogger, stateDir });
  try {
    const proxy = await dataplane.openVantageProxy(w.subnetC);
    const get = async (url: string) => {
      const req = http.get({ host: '127.0.0.1', port: proxy.port, path: url, agent: false });
      const [res] = (await once(req, 'response')) as [http.IncomingMessage];
      let body = '';
      for await (const chunk of res) body += String(chunk);
      return { status: res.statusCode, body };
    };
    assert.equal(dataplane.resolver.resolveName('www.vpcdemo.com', { kind: 'vpc', vpcId: w.vpcId }), '10.0.1.4');
    assert.deepEqual(await get('http://www.vpcdemo.com/'), { status: 200, body: 'hello www.vpcdemo.com' });
    assert.deepEqual(await get('http://vpcdemo.com/'), { status: 200, body: 'hello vpcdemo.com' });
    assert.equal((await get('http://nowhere.vpcdemo.com/')).status, 502);
  } finally {
    await dataplane.close();
    await new Promise((resolve) => backend.close(resolve));
    w.store.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
});

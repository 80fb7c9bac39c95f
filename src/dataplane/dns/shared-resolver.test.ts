/**
 * The data plane serves one resolver to the vantage proxies and the DNS server: a name answers
 * in both or in neither. Wire 149 is this file's own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClock } from '../../kernel/clock.js';
import { silentLogger } from '../../kernel/log.js';
import { KIND, type Vpc } from '../../state/records/ec2.js';
import { openFixture } from '../testing-fixtures.js';
import { startDataplane } from '../dataplane.js';
import { query, rcodeOf, udpExchange } from './testing-client.js';

const NAME = 'ip-10-0-1-5.eu-west-1.compute.internal';

test('startDataplane with dns: the DNS server and the vantage proxy answer from the same resolver', async () => {
  const { store, f } = openFixture();
  const vpc = f.vpc('10.0.0.0/16', { wires: [149] });
  const subnet = f.subnet(vpc, '10.0.1.0/24');
  const web = f.securityGroup(vpc, 'web', { ingress: [{ protocol: 'tcp', ports: [1, 65535], cidr: '10.0.0.0/16' }] });
  f.instance(subnet, '10.0.1.5', { groups: [web] });
  const backend = http.createServer((req, res) => res.end(`hello from ${req.socket.localAddress}`)).listen(0, '127.149.1.5');
  await once(backend, 'listening');
  const port = (backend.address() as net.AddressInfo).port;
  const stateDir = mkdtempSync(join(tmpdir(), 'localvpc-dns-'));
  const dataplane = await startDataplane({ store, clock: createClock(), log: silentLogger, stateDir, dns: { host: '127.0.0.1', port: 0 } });
  const proxy = await dataplane.openVantageProxy(vpc.id);
  // A fresh connection per request, in absolute form: the proxy resolves the name each time.
  const viaProxy = async () => {
    const req = http.get({ host: '127.0.0.1', port: proxy.port, path: `http://${NAME}:${port}/`, agent: false });
    const [res] = (await once(req, 'response')) as [http.IncomingMessage];
    let body = '';
    for await (const chunk of res) body += String(chunk);
    return { status: res.statusCode, body };
  };
  const viaDns = () => udpExchange(dataplane.dns!.port, query(NAME, 'A'), { source: '127.149.1.9' });
  try {
    assert.equal(dataplane.dns?.description, `udp+tcp 127.0.0.1:${dataplane.dns?.port}`);
    assert.equal(dataplane.resolver.resolveName(NAME, { kind: 'vpc', vpcId: vpc.id }), '10.0.1.5');
    assert.deepEqual(await viaProxy(), { status: 200, body: 'hello from 127.149.1.5' });
    assert.equal((await viaDns()).answers?.map((a) => (a as { data: string }).data).join(), '10.0.1.5');

    f.update<Vpc>(KIND.vpc, vpc.id, (v) => ({ ...v, enableDnsSupport: false }));
    assert.equal((await viaProxy()).status, 502, 'the proxy cannot resolve the name either');
    assert.equal(rcodeOf(await viaDns()), 3);
  } finally {
    await dataplane.close();
    backend.close();
    store.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
});

test('startDataplane without dns runs no DNS server; a taken --dns-port fails the start cleanly', async () => {
  const { store } = openFixture();
  const stateDir = mkdtempSync(join(tmpdir(), 'localvpc-dns-'));
  try {
    const plain = await startDataplane({ store, clock: createClock(), log: silentLogger, stateDir });
    assert.equal(plain.dns, undefined);
    await plain.close();

    const holder = net.createServer().listen(0, '127.0.0.1');
    await once(holder, 'listening');
    try {
      const taken = (holder.address() as net.AddressInfo).port;
      await assert.rejects(startDataplane({ store, clock: createClock(), log: silentLogger, stateDir, dns: { host: '127.0.0.1', port: taken } }), /--dns-port/);
    } finally {
      holder.close();
    }
  } finally {
    store.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
});

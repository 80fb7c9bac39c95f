/**
 * Real sockets: queries over UDP and TCP from source addresses on VPC and VPN wires. Wires
 * 146–148 are this file's own, so test files running in parallel never share a host address.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import net from 'node:net';
import { once } from 'node:events';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import type { OptAnswer } from 'dns-packet';
import { createClock } from '../../kernel/clock.js';
import { silentLogger } from '../../kernel/log.js';
import { KIND, type Vpc } from '../../state/records/ec2.js';
import { openFixture } from '../testing-fixtures.js';
import { NetworkPlane } from '../network/network-plane.js';
import { createResolver } from './resolver.js';
import { bindUdpAndTcp, DnsBindError } from './bind.js';
import { startDnsServer, type DnsServer } from './server.js';
import { query, rcodeOf, TcpClient, udpExchange, udpSend } from './testing-client.js';

const DIG = '/usr/bin/dig';
const NAME = 'ip-10-0-1-5.eu-west-1.compute.internal';
const IN_VPC = '127.146.1.9';
const IN_VPC_NO_DNS = '127.147.1.9';
const IN_CUSTOMER_NETWORK = '127.148.0.10';

const { store, f } = openFixture();
const app = f.vpc('10.0.0.0/16', { wires: [146] });
f.instance(f.subnet(app, '10.0.1.0/24'), '10.0.1.5');
const quiet = f.vpc('10.7.0.0/16', { wires: [147] });
f.update<Vpc>(KIND.vpc, quiet.id, (v) => ({ ...v, enableDnsSupport: false }));
f.vpnConnection(f.vpnGateway(app), ['192.168.0.0/16'], { wire: 148 });

let plane: NetworkPlane;
let server: DnsServer;

before(async () => {
  plane = new NetworkPlane(store, createClock(1), silentLogger);
  server = await startDnsServer({ host: '127.0.0.1', port: 0, network: plane, resolver: createResolver(plane), logger: silentLogger });
});

after(async () => {
  await server.close();
  await plane.close();
  store.close();
});

function addressOf(answer: unknown): string {
  return (answer as { data: string }).data;
}

test('port 0 picks one port for both UDP and TCP, described as udp+tcp', () => {
  assert.ok(server.port > 0);
  assert.equal(server.host, '127.0.0.1');
  assert.equal(server.description, `udp+tcp 127.0.0.1:${server.port}`);
});

test('UDP from a host in the VPC: the A record is the AWS-style address, TTL 60', async () => {
  const r = await udpExchange(server.port, query(NAME, 'A'), { source: IN_VPC });
  assert.equal(rcodeOf(r), 0);
  assert.equal(r.answers?.length, 1);
  assert.equal(addressOf(r.answers![0]), '10.0.1.5');
  assert.equal((r.answers![0] as { ttl: number }).ttl, 60);
  const mixed = await udpExchange(server.port, query('IP-10-0-1-5.EU-WEST-1.COMPUTE.INTERNAL.', 'A'), { source: IN_VPC });
  assert.equal(addressOf(mixed.answers![0]), '10.0.1.5', 'names are case-insensitive');
  const east = await udpExchange(server.port, query('ip-10-0-1-5.ec2.internal', 'A'), { source: IN_VPC });
  assert.equal(addressOf(east.answers![0]), '10.0.1.5', 'the us-east-1 form');
});

test('UDP: the same name from 127.0.0.1 (the internet) and from a customer network is NXDOMAIN', async () => {
  for (const source of ['127.0.0.1', IN_CUSTOMER_NETWORK]) {
    const r = await udpExchange(server.port, query(NAME, 'A'), { source });
    assert.equal(rcodeOf(r), 3, source);
    assert.deepEqual(r.answers, [], source);
  }
});

test('UDP: AAAA for an existing name is NODATA; an unknown name is NXDOMAIN (nothing is forwarded)', async () => {
  const aaaa = await udpExchange(server.port, query(NAME, 'AAAA'), { source: IN_VPC });
  assert.equal(rcodeOf(aaaa), 0);
  assert.deepEqual(aaaa.answers, []);
  const unknown = await udpExchange(server.port, query('example.com', 'A'), { source: IN_VPC });
  assert.equal(rcodeOf(unknown), 3);
});

test('UDP with EDNS gets an OPT record back', async () => {
  const r = await udpExchange(server.port, query(NAME, 'A', { edns: true }), { source: IN_VPC });
  assert.equal(addressOf(r.answers![0]), '10.0.1.5');
  assert.equal(r.additionals?.find((a): a is OptAnswer => a.type === 'OPT')?.udpPayloadSize, 1232);
});

test('a VPC with enableDnsSupport false gets NXDOMAIN; turning it on answers at once (change feed)', async () => {
  assert.equal(rcodeOf(await udpExchange(server.port, query('ip-10-7-0-5.eu-west-1.compute.internal', 'A'), { source: IN_VPC_NO_DNS })), 3);
  f.update<Vpc>(KIND.vpc, quiet.id, (v) => ({ ...v, enableDnsSupport: true }));
  try {
    const r = await udpExchange(server.port, query('ip-10-7-0-5.eu-west-1.compute.internal', 'A'), { source: IN_VPC_NO_DNS });
    assert.equal(addressOf(r.answers![0]), '10.7.0.5');
  } finally {
    f.update<Vpc>(KIND.vpc, quiet.id, (v) => ({ ...v, enableDnsSupport: false }));
  }
});

test('TCP: several queries on one connection, pipelined, answered in order in the view of the source', async () => {
  const client = await TcpClient.connect(server.port, { source: IN_VPC });
  try {
    client.send(query(NAME, 'A', { id: 11 }), query(NAME, 'AAAA', { id: 12 }), query('nowhere.internal', 'A', { id: 13 }));
    const [a, aaaa, nx] = [await client.next(), await client.next(), await client.next()];
    assert.deepEqual([a.id, aaaa.id, nx.id], [11, 12, 13]);
    assert.equal(addressOf(a.answers![0]), '10.0.1.5');
    assert.equal(rcodeOf(aaaa), 0);
    assert.deepEqual(aaaa.answers, []);
    assert.equal(rcodeOf(nx), 3);
    client.send(query(NAME, 'A', { id: 14 }));
    assert.equal(addressOf((await client.next()).answers![0]), '10.0.1.5', 'the connection stays open for more');
  } finally {
    client.close();
  }
  const internet = await TcpClient.connect(server.port, { source: '127.0.0.1' });
  try {
    internet.send(query(NAME, 'A'));
    assert.equal(rcodeOf(await internet.next()), 3);
  } finally {
    internet.close();
  }
});

test('garbage over UDP gets no answer and does not stop the server', async () => {
  for (const garbage of [Buffer.from('garbage'), Buffer.alloc(0), Buffer.alloc(512, 0xff), Buffer.from([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 63])]) {
    assert.equal(await udpSend(server.port, garbage, { source: IN_VPC, timeoutMs: 150 }), undefined);
  }
  const r = await udpExchange(server.port, query(NAME, 'A'), { source: IN_VPC });
  assert.equal(addressOf(r.answers![0]), '10.0.1.5');
});

test('garbage over TCP closes that connection only', async () => {
  const bad = await TcpClient.connect(server.port, { source: IN_VPC });
  bad.send(Buffer.from([0, 5, 1, 2, 3, 4, 5]));
  await bad.closed;
  const good = await TcpClient.connect(server.port, { source: IN_VPC });
  try {
    good.send(query(NAME, 'A'));
    assert.equal(addressOf((await good.next()).answers![0]), '10.0.1.5');
  } finally {
    good.close();
  }
});

test('dig from a host address on the VPC wire gets 10.0.1.5, over UDP and TCP; from 127.0.0.1 nothing', async (t) => {
  if (!existsSync(DIG)) {
    t.skip('dig is not installed (Debian: dnsutils)');
    return;
  }
  const dig = async (...args: string[]) => (await promisify(execFile)(DIG, ['@127.0.0.1', '-p', String(server.port), '+time=2', '+tries=1', ...args])).stdout.trim();
  assert.equal(await dig('-b', IN_VPC, '+short', NAME), '10.0.1.5');
  assert.equal(await dig('-b', IN_VPC, '+short', '+tcp', NAME), '10.0.1.5');
  assert.equal(await dig('-b', IN_VPC, '+short', NAME, 'AAAA'), '');
  assert.equal(await dig('+short', NAME), '');
  assert.match(await dig(NAME), /status: NXDOMAIN/);
  assert.match(await dig('-b', IN_VPC, NAME), /status: NOERROR[\s\S]*ANSWER SECTION:\s+ip-10-0-1-5\.eu-west-1\.compute\.internal\.\s+60\s+IN\s+A\s+10\.0\.1\.5/);
});

test('a UDP port in use fails with an error naming --dns-port', async () => {
  const holder = dgram.createSocket('udp4');
  holder.bind(0, '127.0.0.1');
  await once(holder, 'listening');
  try {
    const port = holder.address().port;
    await assert.rejects(
      startDnsServer({ host: '127.0.0.1', port, network: plane, resolver: createResolver(plane), logger: silentLogger }),
      (e: unknown) => e instanceof DnsBindError && e.code === 'EADDRINUSE' && /DNS port \d+ is already in use \(127\.0\.0\.1:\d+\/udp\).*--dns-port/.test(e.message),
    );
  } finally {
    holder.close();
  }
});

test('a TCP port in use fails with an error naming --dns-port, and releases the UDP port', async () => {
  const holder = net.createServer().listen(0, '127.0.0.1');
  await once(holder, 'listening');
  const port = (holder.address() as net.AddressInfo).port;
  try {
    await assert.rejects(
      startDnsServer({ host: '127.0.0.1', port, network: plane, resolver: createResolver(plane), logger: silentLogger }),
      (e: unknown) => e instanceof DnsBindError && /\/tcp\).*--dns-port/.test(e.message),
    );
    const udp = dgram.createSocket('udp4');
    udp.bind(port, '127.0.0.1');
    await once(udp, 'listening');
    udp.close();
  } finally {
    holder.close();
  }
});

test('port 0 tries another port when TCP cannot have the one UDP got', async () => {
  const udpSockets: dgram.Socket[] = [];
  let tcpCalls = 0;
  const bound = await bindUdpAndTcp(
    '127.0.0.1',
    0,
    () => {
      const s = dgram.createSocket('udp4');
      udpSockets.push(s);
      return s;
    },
    () => {
      const server = net.createServer();
      if (tcpCalls++ === 0) {
        // The first port is "taken" for TCP.
        server.listen = (() => {
          process.nextTick(() => server.emit('error', Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' })));
          return server;
        }) as typeof server.listen;
      }
      return server;
    },
  );
  try {
    assert.equal(tcpCalls, 2);
    assert.equal(udpSockets.length, 2);
    assert.equal(bound.udp, udpSockets[1]);
    assert.equal(bound.udp.address().port, bound.port);
    assert.equal((bound.tcp.address() as net.AddressInfo).port, bound.port);
    assert.throws(() => udpSockets[0]!.address(), 'the first UDP socket was closed');
  } finally {
    bound.udp.close();
    bound.tcp.close();
  }
});

test('close() frees both sockets and ends open connections', async () => {
  const own = await startDnsServer({ port: 0, network: plane, resolver: createResolver(plane), logger: silentLogger });
  const client = await TcpClient.connect(own.port, { source: IN_VPC });
  await own.close();
  await own.close();
  await client.closed;
  const udp = dgram.createSocket('udp4');
  udp.bind(own.port, '127.0.0.1');
  await once(udp, 'listening');
  udp.close();
  const refused = net.connect(own.port, '127.0.0.1');
  const [error] = (await once(refused, 'error')) as [NodeJS.ErrnoException];
  assert.equal(error.code, 'ECONNREFUSED');
});

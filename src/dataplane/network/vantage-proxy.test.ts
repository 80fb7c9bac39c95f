/**
 * Real sockets: a backend bound to an instance's host address on its VPC wire, reached through a
 * vantage proxy standing in a peered VPC. Wires 101–104 are this file's own, so that test files
 * running in parallel never share a host address.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { once } from 'node:events';
import { ProxyAgent, request } from 'undici';
import { createClock } from '../../kernel/clock.js';
import { silentLogger } from '../../kernel/log.js';
import { eventually } from '../../../test/helpers/eventually.js';
import { openFixture } from '../testing-fixtures.js';
import { NetworkPlane } from './network-plane.js';
import type { VantageProxy } from './vantage-proxy.js';

const { store, f } = openFixture();
const A = f.vpc('10.0.0.0/16', { wires: [101] });
const B = f.vpc('10.1.0.0/16', { wires: [102] });
const a1 = f.subnet(A, '10.0.1.0/24');
const b1 = f.subnet(B, '10.1.1.0/24');
const client = f.instance(a1, '10.0.1.10', { groups: [f.securityGroup(A, 'client')] });
f.instance(b1, '10.1.1.10', { groups: [f.securityGroup(B, 'web', { ingress: [{ protocol: 'tcp', ports: [1, 65535], cidr: '10.0.0.0/16' }] })] });
const pcx = f.peering(A, B);
f.route(f.mainRouteTable(A), '10.1.0.0/16', { vpcPeeringConnectionId: pcx.id });
f.route(f.mainRouteTable(B), '10.0.0.0/16', { vpcPeeringConnectionId: pcx.id });

const BACKEND_HOST = '127.102.1.10';
let backend: http.Server;
let backendPort: number;
let closedPort: number;
let plane: NetworkPlane;
let proxy: VantageProxy;

before(async () => {
  backend = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ from: req.socket.remoteAddress, host: req.headers.host, url: req.url, method: req.method, body: Buffer.concat(chunks).toString(), proxyConnection: req.headers['proxy-connection'] ?? null }));
    });
  });
  backend.on('upgrade', (req: http.IncomingMessage, socket: net.Socket) => {
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\nX-From: ${req.socket.remoteAddress}\r\n\r\n`);
    socket.pipe(socket);
  });
  backend.listen(0, BACKEND_HOST);
  await once(backend, 'listening');
  backendPort = (backend.address() as net.AddressInfo).port;
  // A port on the backend's address where nothing listens.
  const probe = net.createServer().listen(0, BACKEND_HOST);
  await once(probe, 'listening');
  closedPort = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));

  plane = new NetworkPlane(store, createClock(1), silentLogger);
  proxy = await plane.openVantageProxy(client.id);
});

after(async () => {
  await plane.close();
  await new Promise((resolve) => backend.close(resolve));
  store.close();
});

/** A plain http request to the proxy in absolute form. */
function viaProxy(target: string, options: { method?: string; body?: string; agent?: http.Agent; headers?: Record<string, string> } = {}): Promise<{ status: number; body: string; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.request(proxy.url, { method: options.method ?? 'GET', path: target, agent: options.agent ?? false, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), reused: req.reusedSocket }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Opens a CONNECT tunnel and returns the socket with the proxy's response head (or times out). */
async function connectTunnel(authority: string, timeoutMs = 2000): Promise<{ socket: net.Socket; head: string }> {
  const socket = net.connect(proxy.port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
  let received = '';
  const head = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
    const onData = (c: Buffer) => {
      received += c.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      clearTimeout(timer);
      socket.off('data', onData);
      resolve(received);
    };
    socket.on('data', onData);
  });
  return { socket, head };
}

test('absolute-form http through the proxy reaches the backend from the instance host address', async () => {
  const r = await viaProxy(`http://10.1.1.10:${backendPort}/hello?x=1`, { method: 'POST', body: 'ping', headers: { 'Proxy-Connection': 'keep-alive' } });
  assert.equal(r.status, 200);
  const seen = JSON.parse(r.body);
  assert.deepEqual(seen, { from: '127.101.1.10', host: `10.1.1.10:${backendPort}`, url: '/hello?x=1', method: 'POST', body: 'ping', proxyConnection: null });
});

test('undici ProxyAgent works in absolute form and through CONNECT', async () => {
  for (const proxyTunnel of [false, true]) {
    const dispatcher = new ProxyAgent({ uri: proxy.url, proxyTunnel });
    try {
      const res = await request(`http://10.1.1.10:${backendPort}/undici`, { dispatcher });
      assert.equal(res.statusCode, 200, `proxyTunnel=${proxyTunnel}`);
      const seen = (await res.body.json()) as { from: string; url: string };
      assert.equal(seen.from, '127.101.1.10');
      assert.equal(seen.url, '/undici');
    } finally {
      await dispatcher.close();
    }
  }
});

test('keep-alive between client and proxy carries several requests on one connection', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await viaProxy(`http://10.1.1.10:${backendPort}/1`, { agent });
    const second = await viaProxy(`http://10.1.1.10:${backendPort}/2`, { agent });
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    assert.equal(second.reused, true);
  } finally {
    agent.destroy();
  }
});

test('EC2 private DNS names resolve; unknown names get 502', async () => {
  const ok = await viaProxy(`http://ip-10-1-1-10.eu-west-1.compute.internal:${backendPort}/dns`);
  assert.equal(ok.status, 200);
  assert.equal(JSON.parse(ok.body).host, `ip-10-1-1-10.eu-west-1.compute.internal:${backendPort}`);
  const bad = await viaProxy('http://nothing.example.internal/');
  assert.equal(bad.status, 502);
  assert.match(bad.body, /cannot resolve nothing\.example\.internal/);
  const { socket, head } = await connectTunnel('nothing.example.internal:443');
  socket.destroy();
  assert.match(head, /^HTTP\/1\.1 502 /);
});

test('reachable address, closed port: 502 for http and for CONNECT', async () => {
  const r = await viaProxy(`http://10.1.1.10:${closedPort}/`);
  assert.equal(r.status, 502);
  assert.match(r.body, new RegExp(`nothing listens on 10\\.1\\.1\\.10:${closedPort}`));
  const { socket, head } = await connectTunnel(`10.1.1.10:${closedPort}`);
  socket.destroy();
  assert.match(head, /^HTTP\/1\.1 502 Bad Gateway/);
});

test('CONNECT tunnels a TCP stream to the backend', async () => {
  const { socket, head } = await connectTunnel(`10.1.1.10:${backendPort}`);
  assert.match(head, /^HTTP\/1\.1 200 /);
  socket.write(`GET /tunnel HTTP/1.1\r\nHost: 10.1.1.10\r\nConnection: close\r\n\r\n`);
  let text = '';
  socket.on('data', (c: Buffer) => (text += c.toString()));
  await once(socket, 'end');
  assert.match(text, /^HTTP\/1\.1 200 OK/);
  assert.match(text, /"from":"127\.101\.1\.10"/);
  assert.match(text, /"url":"\/tunnel"/);
});

test('an Upgrade request in absolute form is tunnelled after its head', async () => {
  const socket = net.connect(proxy.port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(`GET http://10.1.1.10:${backendPort}/ws HTTP/1.1\r\nHost: 10.1.1.10:${backendPort}\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n`);
  let text = '';
  socket.on('data', (c: Buffer) => (text += c.toString()));
  await eventually(() => assert.match(text, /^HTTP\/1\.1 101 Switching Protocols\r\n[\s\S]*X-From: 127\.101\.1\.10\r\n\r\n$/));
  socket.write('ping');
  await eventually(() => assert.match(text, /\r\n\r\nping$/));
  socket.destroy();
});

test('without a route the request is dropped: no answer, for http and CONNECT', async () => {
  f.deleteRoute(f.mainRouteTable(A), '10.1.0.0/16');
  try {
    const outcome = await Promise.race([
      viaProxy(`http://10.1.1.10:${backendPort}/dropped`).then((r) => `answered ${r.status}`),
      new Promise<string>((resolve) => setTimeout(() => resolve('timed out'), 1000)),
    ]);
    assert.equal(outcome, 'timed out');
    await assert.rejects(connectTunnel(`10.1.1.10:${backendPort}`, 1000), /timed out/);
  } finally {
    f.route(f.mainRouteTable(A), '10.1.0.0/16', { vpcPeeringConnectionId: pcx.id });
  }
  // With the route back, the same request goes through again.
  const r = await viaProxy(`http://10.1.1.10:${backendPort}/again`);
  assert.equal(r.status, 200);
});

test('a dropped connection is destroyed after the drop time (AWS seconds, scaled)', async () => {
  const fast = new NetworkPlane(store, createClock(1200), silentLogger, { dropAfterSeconds: 120 }); // 100 ms real
  const p = await fast.openVantageProxy('internet');
  try {
    const socket = net.connect(p.port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(`GET http://10.1.1.10:${backendPort}/ HTTP/1.1\r\nHost: 10.1.1.10\r\n\r\n`);
    let answered = false;
    socket.on('data', () => (answered = true));
    socket.on('error', () => {});
    await eventually(() => assert.equal(socket.destroyed || socket.readableEnded, true), { timeoutMs: 3000 });
    assert.equal(answered, false);
  } finally {
    await fast.close();
  }
});

test('opening a proxy for an unknown vantage fails clearly', async () => {
  await assert.rejects(plane.openVantageProxy('i-00000000000000fff'), /i-00000000000000fff does not exist/);
  await assert.rejects(plane.openVantageProxy('bogus'), /unknown vantage 'bogus'/);
});

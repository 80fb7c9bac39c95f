/**
 * The ALB data plane over real sockets (elbv2-vpc-endpoints.md §2, checklist 18–33, 40).
 *
 * Wire 231 is this file's own (VPC 10.0.0.0/16 on 127.231.0.0/16), wire 232 its VPN customer
 * network (192.168.0.0/16). Load balancers, target groups and listeners are built through the
 * ELBv2 handlers; listener rules, HTTPS listeners and ACM certificates are written as the
 * control plane stores them (state/records), and target health as the health checker writes it.
 * NetworkPlane + LbPlane + AlbListeners run as dataplane.ts wires them, at time scale 100 (the
 * 10 s connect timeout is 100 ms, the 60 s idle timeout 600 ms).
 *
 * Backends are HTTP(S) servers on the targets' host addresses, port 8080; clients connect from
 * a host address of subnet C (10.0.3.10, a bare host) to a node's host address and listener
 * port, through the port map.
 */
import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../../../test/helpers/eventually.js';
import { createClock } from '../../kernel/clock.js';
import { silentLogger } from '../../kernel/log.js';
import { ACM_KIND, type AcmCertificate } from '../../state/records/acm.js';
import { ELBV2_KIND, type Listener, type ListenerAction, type ListenerRule, type RuleCondition } from '../../state/records/elbv2.js';
import { balancer, lbWorld, setHealth, webInstance, type BalancerSpec, type LbWorld } from '../lb/fixtures.test.js';
import { LbPlane } from '../lb/lb-plane.js';
import { PortMap } from '../listeners/port-map.js';
import type { RuleSpec } from '../../state/views/testing-fixtures.js';
import { hostAddressOnWire } from '../network/host-address.js';
import { NetworkPlane } from '../network/network-plane.js';
import { LocalCa } from '../tls/ca.js';
import { AlbListeners } from './alb-listeners.js';
import { pageBody } from './local-reply.js';

const WIRE = 231;
const VPN_WIRE = 232;
const CLIENT = '10.0.3.10';
/** How long a silent connection is watched before concluding it is held (real ms). */
const SILENCE_MS = 250;

type Cleanup = () => unknown;

function cleanups(t: TestContext): (fn: Cleanup) => void {
  const fns: Cleanup[] = [];
  t.after(async () => {
    for (const fn of fns.reverse()) await fn();
  });
  return (fn) => fns.push(fn);
}

interface Harness {
  readonly w: LbWorld;
  readonly lb: LbPlane;
  readonly listeners: AlbListeners;
  /** The host address and bound port of a node's listener. */
  where(lbArn: string, port?: number, node?: number): { host: string; port: number; nodeIp: string };
  /** One request on a fresh connection. */
  send(lbArn: string, options?: SendOptions): Promise<Reply>;
  /** Raw bytes on a fresh connection; resolves with what came back once one response is complete or the connection closed. */
  raw(lbArn: string, bytes: string, options?: { from?: string; port?: number }): Promise<string>;
}

interface SendOptions {
  readonly from?: string;
  readonly port?: number;
  readonly node?: number;
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string | string[]>;
  readonly body?: Buffer | string;
}

interface Reply {
  /** The connection that carried the request. */
  readonly socket: net.Socket | null;
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly rawHeaders: string[];
  readonly body: string;
  readonly bytes: Buffer;
}

async function start(w: LbWorld, onCleanup: (fn: Cleanup) => void): Promise<Harness> {
  const clock = createClock(100);
  const portMap = new PortMap();
  const network = new NetworkPlane(w.store, clock, silentLogger, { resolvePort: (h, p) => portMap.resolve(h, p) });
  const lb = new LbPlane(w.store, network, clock, silentLogger);
  const listeners = new AlbListeners({ lb, network, portMap, clock, logger: silentLogger, dropAfterSeconds: 120 });
  onCleanup(async () => {
    await listeners.close();
    lb.close();
    await network.close();
  });
  await listeners.reconcile();
  const where = (lbArn: string, port = 80, node = 0) => {
    const n = lb.snapshot().loadBalancers.get(lbArn)!.nodes[node]!;
    return { host: n.hostAddress!, port: portMap.resolve(n.hostAddress!, port), nodeIp: n.privateIp };
  };
  const localOf = (from: string) => (from.startsWith('127.') ? from : w.host(from));
  return {
    w,
    lb,
    listeners,
    where,
    send: (lbArn, o = {}) => {
      const { host, port } = where(lbArn, o.port, o.node);
      return request({ host, port, localAddress: localOf(o.from ?? CLIENT), method: o.method ?? 'GET', path: o.path ?? '/', headers: { Host: 'app.example.com', ...o.headers }, agent: false }, o.body);
    },
    raw: (lbArn, bytes, o = {}) => {
      const { host, port } = where(lbArn, o.port);
      return rawExchange(host, port, localOf(o.from ?? CLIENT), bytes);
    },
  };
}

function request(options: http.RequestOptions, body?: Buffer | string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(options, (res) => {
      const socket = res.socket;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ socket, status: res.statusCode!, headers: res.headers, rawHeaders: res.rawHeaders, body: bytes.toString(), bytes });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function rawExchange(host: string, port: number, localAddress: string, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, localAddress });
    let got = Buffer.alloc(0);
    const done = () => {
      socket.destroy();
      resolve(got.toString('latin1'));
    };
    socket.on('data', (d: Buffer) => {
      got = Buffer.concat([got, d]);
      const text = got.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const length = /\r\nContent-Length: (\d+)\r\n/i.exec(text)?.[1];
      if (end >= 0 && length !== undefined && got.length >= end + 4 + Number(length)) done();
    });
    socket.on('close', done);
    socket.on('error', reject);
    socket.write(bytes);
  });
}

/** Replaces the Date header's value, for byte comparisons. */
const undated = (text: string) => text.replace(/\r\nDate: [^\r]+\r\n/, '\r\nDate: *\r\n');

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly remoteAddress: string | undefined;
  readonly body: Buffer;
}

interface Backend {
  readonly name: string;
  readonly seen: Seen[];
  readonly server: http.Server;
}

type Behaviour = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;

/** `{ backend, method, url }` as JSON, or what `behaviour` does. */
const answerJson =
  (name: string): Behaviour =>
  (req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ backend: name, method: req.method, url: req.url }));
  };

async function backend(hostAddress: string, name: string, onCleanup: (fn: Cleanup) => void, behaviour: Behaviour = answerJson(name), secure?: { cert: string; key: string; servernames: (string | false)[] }): Promise<Backend> {
  const seen: Seen[] = [];
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, remoteAddress: req.socket.remoteAddress, body });
      behaviour(req, res, body);
    });
  };
  const server = secure ? https.createServer({ cert: secure.cert, key: secure.key }, handler) : http.createServer(handler);
  if (secure) server.on('secureConnection', (s: tls.TLSSocket) => secure.servernames.push(s.servername as string | false));
  server.listen(8080, hostAddress);
  await once(server, 'listening');
  onCleanup(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { name, seen, server };
}

interface Alb {
  readonly lbArn: string;
  readonly listenerArn: string;
  readonly tgArn: string;
  readonly ids: string[];
  readonly hosts: string[];
  readonly sg: string;
}

/** An ALB admitting tcp from the VPC, with `n` instance targets at 10.0.1.<first>… (all healthy unless told). */
async function alb(w: LbWorld, n: number, first: number, spec: BalancerSpec & { health?: 'healthy' | 'unhealthy' | 'none'; targetIngress?: RuleSpec[] } = {}): Promise<Alb> {
  const sg = w.ec2.securityGroup(w.vpcId, `alb-${first}`, { ingress: [{ protocol: 'tcp', ports: [1, 65535], cidr: '10.0.0.0/16' }] });
  const ips = Array.from({ length: n }, (_, i) => `10.0.1.${first + i}`);
  const ids = ips.map((ip) => webInstance(w, w.subnetA, ip, spec.targetIngress).instance.id);
  const b = await balancer(w, { type: 'application', name: `alb${first}`, securityGroups: [sg.id], targets: ids, ...spec });
  if (spec.health !== 'none') for (const id of ids) setHealth(w, b.tgArn, id, spec.health ?? 'healthy');
  return { lbArn: b.lbArn, listenerArn: b.listenerArn, tgArn: b.tgArn, ids, hosts: ips.map((ip) => w.host(ip)), sg: sg.id };
}

/** A second target group of `alb` with one healthy instance target at 10.0.2.<last>. */
async function extraGroup(w: LbWorld, name: string, last: number): Promise<{ tgArn: string; host: string }> {
  const ip = `10.0.2.${last}`;
  const id = webInstance(w, w.subnetB, ip).instance.id;
  const tg = (await w.call('CreateTargetGroup', { Name: name, Protocol: 'HTTP', Port: 8080, VpcId: w.vpcId })).TargetGroups[0];
  await w.call('RegisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: id }] });
  setHealth(w, tg.TargetGroupArn, id, 'healthy');
  return { tgArn: tg.TargetGroupArn, host: w.host(ip) };
}

let ruleCounter = 0;
/** A listener rule as the control plane stores it. */
function putRule(w: LbWorld, listenerArn: string, priority: number, conditions: RuleCondition[], actions: ListenerAction[]): string {
  const id = `${listenerArn.replace(':listener/', ':listener-rule/')}/${(++ruleCounter).toString(16).padStart(16, '0')}`;
  const rule: ListenerRule = { id, region: 'eu-west-1', tags: [], createdAt: new Date().toISOString(), listenerArn, priority, conditions, actions };
  w.store.transact((tx) => tx.put(ELBV2_KIND.rule, rule));
  return id;
}

const forwardTo = (tgArn: string): ListenerAction[] => [{ Type: 'forward', TargetGroupArn: tgArn }];
const backendOf = (r: Reply) => (JSON.parse(r.body) as { backend: string }).backend;

/** Waits until the listener serves `check`. */
async function served<T>(check: () => Promise<T>): Promise<T> {
  return eventually(check);
}

describe('AlbListeners (real sockets)', () => {
  it('forwards to a target from the node address, with X-Forwarded-*, trace id and Host; bodies stream both ways', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const a = await alb(w, 1, 10);
    const echo = await backend(a.hosts[0]!, 'echo', after, (_req, res, body) => {
      res.writeHead(201, { 'X-Backend': 'echo' });
      res.end(body);
    });
    const h = await start(w, after);
    const { nodeIp } = h.where(a.lbArn);

    const payload = randomBytes(1 << 20);
    const reply = await h.send(a.lbArn, { method: 'POST', path: '/upload?x=1', body: payload, headers: { 'X-Forwarded-For': '203.0.113.9', 'X-Custom': 'yes' } });
    assert.equal(reply.status, 201);
    assert.ok(reply.bytes.equals(payload), 'the response body is the target\'s, byte for byte');
    assert.equal(reply.headers['x-backend'], 'echo');
    assert.equal(reply.headers.connection, 'keep-alive');
    const seen = echo.seen[0]!;
    assert.ok(seen.body.equals(payload), 'the target received the request body unchanged');
    assert.equal(seen.method, 'POST');
    assert.equal(seen.url, '/upload?x=1');
    assert.equal(seen.remoteAddress, w.host(nodeIp), 'the target sees the node\'s private IP');
    assert.equal(seen.headers['x-forwarded-for'], `203.0.113.9, ${CLIENT}`);
    assert.equal(seen.headers['x-forwarded-proto'], 'http');
    assert.equal(seen.headers['x-forwarded-port'], '80');
    assert.match(seen.headers['x-amzn-trace-id'] as string, /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    assert.equal(seen.headers.host, 'app.example.com');
    assert.equal(seen.headers['x-custom'], 'yes');

    // An incoming Root is kept, Self goes in front.
    await h.send(a.lbArn, { headers: { 'X-Amzn-Trace-Id': 'Root=1-67891233-abcdef012345678912345678;CalledFrom=app' } });
    assert.match(echo.seen[1]!.headers['x-amzn-trace-id'] as string, /^Self=1-[0-9a-f]{8}-[0-9a-f]{24};Root=1-67891233-abcdef012345678912345678;CalledFrom=app$/);
    assert.deepEqual(h.listeners.listeners().map((l) => [l.lbArn, l.port]).sort(), [[a.lbArn, 80], [a.lbArn, 80]]);
  });

  it('XFF modes, client port, preserve_host_header, and a non-default listener port appended to Host', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const a = await alb(w, 1, 12, { listenerPort: 8080 });
    const b = await backend(a.hosts[0]!, 'b', after);
    const h = await start(w, after);
    const set = async (attrs: Record<string, string>) => {
      await w.call('ModifyLoadBalancerAttributes', { LoadBalancerArn: a.lbArn, Attributes: Object.entries(attrs).map(([Key, Value]) => ({ Key, Value })) });
      await eventually(() => assert.equal(h.lb.snapshot().loadBalancers.get(a.lbArn)!.attributes[Object.keys(attrs)[0]!], Object.values(attrs)[0]));
    };
    await h.send(a.lbArn, { port: 8080, headers: { Host: 'app.example.com:8080' } });
    assert.equal(b.seen[0]!.headers.host, 'app.example.com:8080');
    assert.equal(b.seen[0]!.headers['x-forwarded-port'], '8080');

    await set({ 'routing.http.xff_client_port.enabled': 'true' });
    await h.send(a.lbArn, { port: 8080 });
    assert.match(b.seen[1]!.headers['x-forwarded-for'] as string, new RegExp(`^${CLIENT.replaceAll('.', '\\.')}:\\d+$`));

    await set({ 'routing.http.xff_header_processing.mode': 'preserve' });
    await h.send(a.lbArn, { port: 8080, headers: { 'X-Forwarded-For': '1.2.3.4' } });
    assert.equal(b.seen[2]!.headers['x-forwarded-for'], '1.2.3.4');

    await set({ 'routing.http.xff_header_processing.mode': 'remove' });
    await h.send(a.lbArn, { port: 8080, headers: { 'X-Forwarded-For': '1.2.3.4' } });
    assert.equal(b.seen[3]!.headers['x-forwarded-for'], undefined);

    await set({ 'routing.http.preserve_host_header.enabled': 'true' });
    await h.send(a.lbArn, { port: 8080, headers: { Host: 'app.example.com:9999' } });
    assert.equal(b.seen[4]!.headers.host, 'app.example.com:9999');
  });

  it('rules route by host, path, header, method, query and source IP; first match by priority, default last', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const a = await alb(w, 1, 14);
    const blue = await extraGroup(w, 'blue', 20);
    const green = await extraGroup(w, 'green', 21);
    await backend(a.hosts[0]!, 'default', after);
    await backend(blue.host, 'blue', after);
    await backend(green.host, 'green', after);
    putRule(w, a.listenerArn, 10, [{ Field: 'host-header', HostHeaderConfig: { Values: ['*.blue.example.com'] } }], forwardTo(blue.tgArn));
    putRule(w, a.listenerArn, 20, [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/green/*'] } }], forwardTo(green.tgArn));
    putRule(w, a.listenerArn, 5, [{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Canary', Values: ['y*'] } }], forwardTo(green.tgArn));
    putRule(w, a.listenerArn, 30, [{ Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['DELETE'] } }], forwardTo(blue.tgArn));
    putRule(w, a.listenerArn, 40, [{ Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'color', Value: 'blue' }] } }], forwardTo(blue.tgArn));
    putRule(w, a.listenerArn, 50, [{ Field: 'source-ip', SourceIpConfig: { Values: ['10.0.3.11/32'] } }], forwardTo(green.tgArn));
    const h = await start(w, after);
    await eventually(() => assert.equal(h.lb.snapshot().loadBalancers.get(a.lbArn)!.listeners[0]!.rules.length, 7));

    assert.equal(backendOf(await h.send(a.lbArn, { headers: { Host: 'Shop.Blue.Example.com' } })), 'blue');
    assert.equal(backendOf(await h.send(a.lbArn, { headers: { Host: 'blue.example.com' } })), 'default', '*.blue.example.com does not match blue.example.com');
    assert.equal(backendOf(await h.send(a.lbArn, { path: '/green/x?y=1' })), 'green');
    assert.equal(backendOf(await h.send(a.lbArn, { path: '/Green/x' })), 'default', 'paths are case-sensitive');
    // Priority 5 (header) beats priority 10 (host).
    assert.equal(backendOf(await h.send(a.lbArn, { headers: { Host: 'a.blue.example.com', 'X-Canary': 'YES' } })), 'green');
    assert.equal(backendOf(await h.send(a.lbArn, { method: 'DELETE' })), 'blue');
    assert.equal(backendOf(await h.send(a.lbArn, { path: '/?Color=BLUE' })), 'blue');
    assert.equal(backendOf(await h.send(a.lbArn, { from: '10.0.3.11' })), 'green', 'the TCP peer address matches source-ip');
    assert.equal(backendOf(await h.send(a.lbArn, { headers: { 'X-Forwarded-For': '10.0.3.11' } })), 'default', 'X-Forwarded-For does not');

    // Rules change under an open keep-alive connection without dropping it.
    await w.call('ModifyLoadBalancerAttributes', { LoadBalancerArn: a.lbArn, Attributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '4000' }] });
    await eventually(() => assert.equal(h.lb.snapshot().loadBalancers.get(a.lbArn)!.attributes['idle_timeout.timeout_seconds'], '4000'));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    after(() => agent.destroy());
    const { host, port } = h.where(a.lbArn);
    const viaAgent = () => request({ host, port, agent, localAddress: w.host(CLIENT), path: '/swap', headers: { Host: 'app.example.com' } });
    const first = await viaAgent();
    assert.equal(backendOf(first), 'default');
    putRule(w, a.listenerArn, 1, [{ Field: 'path-pattern', Values: ['/swap'] }], forwardTo(blue.tgArn));
    const swapped = await eventually(async () => {
      const r = await viaAgent();
      assert.equal(backendOf(r), 'blue');
      return r;
    });
    assert.equal(swapped.socket, first.socket, 'the same connection carried both');
  });

  it('fixed-response and redirect answer exactly', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const a = await alb(w, 1, 16);
    await backend(a.hosts[0]!, 'default', after);
    putRule(w, a.listenerArn, 1, [{ Field: 'path-pattern', Values: ['/teapot'] }], [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '418', ContentType: 'application/json', MessageBody: '{"short":"stout"}' } }]);
    putRule(w, a.listenerArn, 2, [{ Field: 'path-pattern', Values: ['/old/*'] }], [{ Type: 'redirect', RedirectConfig: { StatusCode: 'HTTP_301', Protocol: 'HTTPS', Port: '443', Path: '/new/#{path}' } }]);
    putRule(w, a.listenerArn, 3, [{ Field: 'path-pattern', Values: ['/moved'] }], [{ Type: 'redirect', RedirectConfig: { StatusCode: 'HTTP_302', Host: 'elsewhere.example.com', Query: '' } }]);
    const h = await start(w, after);
    await eventually(() => assert.equal(h.lb.snapshot().loadBalancers.get(a.lbArn)!.listeners[0]!.rules.length, 4));

    assert.equal(
      undated(await h.raw(a.lbArn, 'GET /teapot HTTP/1.1\r\nHost: app.example.com\r\n\r\n')),
      'HTTP/1.1 418 I\'m a Teapot\r\nServer: awselb/2.0\r\nDate: *\r\nContent-Type: application/json\r\nContent-Length: 17\r\nConnection: keep-alive\r\n\r\n{"short":"stout"}',
    );
    assert.equal(
      undated(await h.raw(a.lbArn, 'GET /old/page?q=1 HTTP/1.1\r\nHost: app.example.com\r\n\r\n')),
      `HTTP/1.1 301 Moved Permanently\r\nServer: awselb/2.0\r\nDate: *\r\nContent-Type: text/html\r\nContent-Length: 134\r\nConnection: keep-alive\r\nLocation: https://app.example.com:443/new/old/page?q=1\r\n\r\n${pageBody(301)}`,
    );
    const moved = await h.send(a.lbArn, { path: '/moved?q=2' });
    assert.equal(moved.status, 302);
    assert.equal(moved.headers.location, 'http://elsewhere.example.com:80/moved');
  });

  it('weighted forward splits 10:20 as 1:2; target group stickiness keeps a client on its group', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const a = await alb(w, 1, 18);
    const blue = await extraGroup(w, 'blue', 22);
    const green = await extraGroup(w, 'green', 23);
    await backend(blue.host, 'blue', after);
    await backend(green.host, 'green', after);
    const groups = [
      { TargetGroupArn: blue.tgArn, Weight: 10 },
      { TargetGroupArn: green.tgArn, Weight: 20 },
    ];
    putRule(w, a.listenerArn, 1, [{ Field: 'path-pattern', Values: ['/split'] }], [{ Type: 'forward', ForwardConfig: { TargetGroups: groups, TargetGroupStickinessConfig: { Enabled: false } } }]);
    putRule(w, a.listenerArn, 2, [{ Field: 'path-pattern', Values: ['/sticky'] }], [{ Type: 'forward', ForwardConfig: { TargetGroups: groups, TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 300 } } }]);
    const h = await start(w, after);
    await eventually(() => assert.equal(h.lb.snapshot().loadBalancers.get(a.lbArn)!.listeners[0]!.rules.length, 3));

    const counts: Record<string, number> = {};
    for (let i = 0; i < 30; i++) {
      const name = backendOf(await h.send(a.lbArn, { path: '/split' }));
      counts[name] = (counts[name] ?? 0) + 1;
    }
    assert.deepEqual(counts, { blue: 10, green: 20 });

    const first = await h.send(a.lbArn, { path: '/sticky' });
    const cookies = first.headers['set-cookie']!;
    assert.equal(cookies.length, 2);
    assert.match(cookies[0]!, /^AWSALBTG=[A-Za-z0-9+/]+=*; Expires=[^;]+ GMT; Path=\/$/);
    assert.match(cookies[1]!, /^AWSALBTGCORS=[A-Za-z0-9+/]+=*; Expires=[^;]+ GMT; Path=\/; SameSite=None; Secure$/);
    const cookie = cookies[0]!.split(';')[0]!;
    for (let i = 0; i < 6; i++) assert.equal(backendOf(await h.send(a.lbArn, { path: '/sticky', headers: { Cookie: cookie } })), backendOf(first));
  });

  it('503 for a group without targets, byte for byte; targets only initial get none either', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const empty = await alb(w, 0, 24);
    const h = await start(w, after);
    const expected = `HTTP/1.1 503 Service Temporarily Unavailable\r\nServer: awselb/2.0\r\nDate: *\r\nContent-Type: text/html\r\nContent-Length: 162\r\nConnection: keep-alive\r\n\r\n${pageBody(503)}`;
    assert.equal(undated(await served(() => h.raw(empty.lbArn, 'GET / HTTP/1.1\r\nHost: app.example.com\r\n\r\n'))), expected);

    const initial = await alb(w, 1, 25, { name: 'initial', health: 'none' });
    const b = await backend(initial.hosts[0]!, 'never', after);
    await eventually(() => assert.equal(h.listeners.listeners().filter((l) => l.lbArn === initial.lbArn).length, 2));
    assert.equal((await h.send(initial.lbArn)).status, 503);
    setHealth(w, initial.tgArn, initial.ids[0]!, 'initial');
    await eventually(() => assert.equal(h.lb.snapshot().targetGroups.get(initial.tgArn)!.targets[0]!.observed?.state, 'initial'));
    assert.equal((await h.send(initial.lbArn)).status, 503);
    assert.equal(b.seen.length, 0);
  });

  it('502 when the target resets or answers garbage; 504 when its security group drops the ALB', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const resets = await alb(w, 1, 26);
    const srv = await backend(resets.hosts[0]!, 'reset', after, (req) => req.socket.resetAndDestroy());
    const h = await start(w, after);
    const r = await h.raw(resets.lbArn, 'GET / HTTP/1.1\r\nHost: app.example.com\r\n\r\n');
    assert.equal(undated(r), `HTTP/1.1 502 Bad Gateway\r\nServer: awselb/2.0\r\nDate: *\r\nContent-Type: text/html\r\nContent-Length: 122\r\nConnection: keep-alive\r\n\r\n${pageBody(502)}`);
    assert.equal(srv.seen.length, 1);

    // A target that answers something that is not HTTP.
    const garbage = await alb(w, 1, 27, { name: 'garbage' });
    const raw = net.createServer((s) => s.once('data', () => s.end('NOT HTTP AT ALL\r\n\r\n')));
    raw.listen(8080, garbage.hosts[0]);
    await once(raw, 'listening');
    after(() => new Promise((resolve) => raw.close(resolve)));
    await eventually(() => assert.equal(h.listeners.listeners().filter((l) => l.lbArn === garbage.lbArn).length, 2));
    assert.equal((await h.send(garbage.lbArn)).status, 502);

    // A target whose group admits only the client subnet, not the ALB: the node's SYN goes unanswered.
    const dropped = await alb(w, 1, 28, { name: 'dropped', targetIngress: [{ protocol: 'tcp', ports: [1, 65535], cidr: '10.0.3.0/24' }] });
    const target = await backend(dropped.hosts[0]!, 'unreachable', after);
    await eventually(() => assert.equal(h.listeners.listeners().filter((l) => l.lbArn === dropped.lbArn).length, 2));
    await eventually(async () => {
      const reply = await h.send(dropped.lbArn);
      assert.equal(reply.status, 504);
      assert.equal(reply.body, pageBody(504));
      assert.equal(reply.headers['content-length'], '132');
    });
    assert.equal(target.seen.length, 0, 'nothing reached the target');
  });

  it('504 when the target does not answer within the idle timeout; 502 when TLS to the target fails either way', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const mute = await alb(w, 1, 48);
    const held: http.ServerResponse[] = [];
    await backend(mute.hosts[0]!, 'mute', after, (_req, res) => held.push(res));
    // 1 AWS second: 10 ms at time scale 100.
    await w.call('ModifyLoadBalancerAttributes', { LoadBalancerArn: mute.lbArn, Attributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '1' }] });
    // An HTTPS target group whose target speaks plain HTTP: the handshake fails.
    const plain = await alb(w, 1, 49, { name: 'plain', targetGroup: { Protocol: 'HTTPS' } });
    const plainTarget = await backend(plain.hosts[0]!, 'plain', after);
    const h = await start(w, after);
    await eventually(() => assert.equal(h.lb.snapshot().loadBalancers.get(mute.lbArn)!.attributes['idle_timeout.timeout_seconds'], '1'));
    const timedOut = await h.send(mute.lbArn);
    assert.equal(timedOut.status, 504);
    assert.equal(timedOut.body, pageBody(504));
    assert.equal(held.length, 1, 'the request reached the target, which never answered');
    const failed = await h.send(plain.lbArn);
    assert.equal(failed.status, 502);
    assert.equal(failed.body, pageBody(502));
    assert.equal(plainTarget.seen.length, 0);
  });

  it('fail-open when every target is unhealthy; only healthy ones once one is', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const a = await alb(w, 2, 30, { health: 'unhealthy' });
    await backend(a.hosts[0]!, 'one', after);
    await backend(a.hosts[1]!, 'two', after);
    const h = await start(w, after);
    const names = new Set<string>();
    for (let i = 0; i < 4; i++) names.add(backendOf(await h.send(a.lbArn)));
    assert.deepEqual([...names].sort(), ['one', 'two']);
    setHealth(w, a.tgArn, a.ids[1]!, 'healthy');
    await eventually(() => assert.equal(h.lb.snapshot().targetGroups.get(a.tgArn)!.targets[1]!.observed?.state, 'healthy'));
    for (let i = 0; i < 4; i++) assert.equal(backendOf(await h.send(a.lbArn)), 'two');
  });

  it('lb_cookie stickiness: AWSALB/AWSALBCORS with the configured expiry, and the client stays on its target', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const a = await alb(w, 2, 32, { attributes: { 'stickiness.enabled': 'true', 'stickiness.type': 'lb_cookie', 'stickiness.lb_cookie.duration_seconds': '600' } });
    await backend(a.hosts[0]!, 'one', after);
    await backend(a.hosts[1]!, 'two', after);
    const h = await start(w, after);
    const before = Date.now();
    const first = await h.send(a.lbArn);
    const [plain, cors] = first.headers['set-cookie']!;
    const m = /^AWSALB=([A-Za-z0-9+/]+=*); Expires=([^;]+); Path=\/$/.exec(plain!);
    assert.ok(m, plain);
    const expires = Date.parse(m[2]!);
    assert.ok(expires >= Math.floor(before / 1000) * 1000 + 600_000 && expires <= Date.now() + 600_000, 'expires after the stickiness duration');
    assert.equal(cors, `AWSALBCORS=${m[1]}; Expires=${m[2]}; Path=/; SameSite=None; Secure`);
    for (let i = 0; i < 5; i++) assert.equal(backendOf(await h.send(a.lbArn, { headers: { Cookie: `AWSALB=${m[1]}` } })), backendOf(first));
    // Without the cookie, round robin goes on.
    assert.notEqual(backendOf(await h.send(a.lbArn)), backendOf(await h.send(a.lbArn)));
  });

  it('least outstanding requests sends new requests to the target that is not busy; deregistered targets finish what they hold', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const a = await alb(w, 2, 34, { attributes: { 'load_balancing.algorithm.type': 'least_outstanding_requests' } });
    await w.call('ModifyLoadBalancerAttributes', { LoadBalancerArn: a.lbArn, Attributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '4000' }] });
    const held: http.ServerResponse[] = [];
    await backend(a.hosts[0]!, 'slow', after, (_req, res) => held.push(res));
    await backend(a.hosts[1]!, 'fast', after);
    const h = await start(w, after);
    const slow = h.send(a.lbArn, { path: '/slow' });
    await eventually(() => assert.equal(held.length, 1));
    for (let i = 0; i < 4; i++) assert.equal(backendOf(await h.send(a.lbArn)), 'fast');

    // Deregister the busy target: its request in flight still completes; new requests avoid it.
    await w.call('DeregisterTargets', { TargetGroupArn: a.tgArn, Targets: [{ Id: a.ids[0] }] });
    await eventually(() => assert.equal(h.lb.snapshot().targetGroups.get(a.tgArn)!.targets.find((x) => x.targetId === a.ids[0])?.draining, true));
    held[0]!.end(JSON.stringify({ backend: 'slow' }));
    assert.equal(backendOf(await slow), 'slow');
    for (let i = 0; i < 3; i++) assert.equal(backendOf(await h.send(a.lbArn)), 'fast');
    assert.equal(held.length, 1);
  });

  it('TRACE 405, 31 X-Forwarded-For addresses 463, an unknown Transfer-Encoding 501, a malformed request 400', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const a = await alb(w, 1, 36);
    const b = await backend(a.hosts[0]!, 'b', after);
    const h = await start(w, after);
    assert.match(await h.raw(a.lbArn, 'TRACE / HTTP/1.1\r\nHost: a\r\n\r\n'), /^HTTP\/1\.1 405 Method Not Allowed\r\nServer: awselb\/2\.0\r\n/);
    const xff30 = Array.from({ length: 30 }, (_, i) => `10.1.0.${i}`).join(', ');
    assert.equal((await h.send(a.lbArn, { headers: { 'X-Forwarded-For': xff30 } })).status, 200);
    assert.match(await h.raw(a.lbArn, `GET / HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: ${xff30}, 10.2.0.1\r\n\r\n`), /^HTTP\/1\.1 463 \r\nServer: awselb\/2\.0\r\n[^]*\r\n\r\n<html>\r\n<head><title>463<\/title>/);
    assert.match(await h.raw(a.lbArn, 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n'), /^HTTP\/1\.1 501 Not Implemented\r\n/);
    assert.match(await h.raw(a.lbArn, 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n'), /^HTTP\/1\.1 501 Not Implemented\r\n[^]*Connection: close\r\n/);
    assert.equal(
      undated(await h.raw(a.lbArn, 'GET / HTTP/1.1\r\nHost: a\r\nBad Header\r\n\r\n')),
      `HTTP/1.1 400 Bad Request\r\nServer: awselb/2.0\r\nDate: *\r\nContent-Type: text/html\r\nContent-Length: 122\r\nConnection: close\r\n\r\n${pageBody(400)}`,
    );
    assert.match(await h.raw(a.lbArn, `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`), /^HTTP\/1\.1 400 Bad Request\r\n/);
    assert.equal(b.seen.length, 1, 'only the request with 30 addresses reached the target');
  });

  it('HTTPS listener: the ACM certificate SNI names, the default one otherwise; X-Forwarded-Proto https', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const dir = mkdtempSync(join(tmpdir(), 'localvpc-alb-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const ca = await LocalCa.open(dir);
    const a = await alb(w, 1, 38);
    // A long idle timeout, so the connection held open below is not closed while it waits.
    await w.call('ModifyLoadBalancerAttributes', { LoadBalancerArn: a.lbArn, Attributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '4000' }] });
    const b = await backend(a.hosts[0]!, 'b', after);
    const www = await acmCertificate(w, ca, 'www.example.test', []);
    const api = await acmCertificate(w, ca, 'api.example.test', ['*.api.example.test']);
    const pending = 'arn:aws:acm:eu-west-1:000000000000:certificate/00000000-0000-0000-0000-00000000dead';
    putListener(w, a.lbArn, 443, a.tgArn, www, [api, pending]);
    const h = await start(w, after);
    await eventually(() => assert.equal(h.listeners.listeners().filter((l) => l.port === 443).length, 2));
    const snapshotListener = h.lb.snapshot().loadBalancers.get(a.lbArn)!.listeners.find((l) => l.port === 443)!;
    assert.deepEqual(snapshotListener.certificates.map((c) => c.arn), [www, api]);
    assert.match(snapshotListener.issues[0]!, /does not exist/);

    const { host, port } = h.where(a.lbArn, 443);
    const over = async (servername: string | undefined) => {
      const socket = tls.connect({ socket: net.connect({ host, port, localAddress: w.host(CLIENT) }), ca: ca.certPem, ALPNProtocols: ['h2', 'http/1.1'], ...(servername ? { servername } : {}), checkServerIdentity: () => undefined });
      await once(socket, 'secureConnect');
      const names = socket.getPeerCertificate().subjectaltname;
      assert.equal(socket.authorized, true, 'signed by the local CA');
      assert.equal(socket.alpnProtocol, 'http/1.1', 'h2 is not offered (HTTP/2 is not implemented)');
      const reply = await request({ createConnection: () => socket, path: '/secure', headers: { Host: servername ?? 'none' } });
      socket.destroy();
      return { names, reply };
    };
    assert.equal((await over('www.example.test')).names, 'DNS:www.example.test');
    assert.equal((await over('v1.api.example.test')).names, 'DNS:api.example.test, DNS:*.api.example.test');
    assert.equal((await over('api.example.test')).names, 'DNS:api.example.test, DNS:*.api.example.test');
    assert.equal((await over('other.test')).names, 'DNS:www.example.test');
    const none = await over(undefined);
    assert.equal(none.names, 'DNS:www.example.test');
    assert.equal(none.reply.status, 200);
    const seen = b.seen.at(-1)!;
    assert.equal(seen.headers['x-forwarded-proto'], 'https');
    assert.equal(seen.headers['x-forwarded-port'], '443');
    assert.equal(seen.headers.host, 'none');

    // A renewed certificate is served to new handshakes; a connection already open keeps going.
    const open = tls.connect({ socket: net.connect({ host, port, localAddress: w.host(CLIENT) }), ca: ca.certPem, servername: 'www.example.test' });
    after(() => open.destroy());
    await once(open, 'secureConnect');
    const oldSerial = open.getPeerCertificate().serialNumber;
    const renewed = await ca.issue(['www.example.test']);
    w.store.transact((tx) => tx.put(ACM_KIND.certificate, { ...tx.get<AcmCertificate>(ACM_KIND.certificate, www)!, certificatePem: renewed.certPem, privateKeyPem: renewed.keyPem }));
    await eventually(async () => {
      const fresh = tls.connect({ socket: net.connect({ host, port, localAddress: w.host(CLIENT) }), ca: ca.certPem, servername: 'www.example.test' });
      await once(fresh, 'secureConnect');
      const serial = fresh.getPeerCertificate().serialNumber;
      fresh.destroy();
      assert.notEqual(serial, oldSerial);
    });
    const still = await request({ createConnection: () => open, path: '/still', headers: { Host: 'www.example.test' } });
    assert.equal(still.status, 200);
  });

  it('HTTPS target group: no certificate check (self-signed target) and no SNI', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const dir = mkdtempSync(join(tmpdir(), 'localvpc-alb-target-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    // The local CA's own certificate is self-signed: the target serves it with its key.
    await LocalCa.open(dir);
    const cert = readFileSync(join(dir, 'ca', 'ca.crt.pem'), 'utf8');
    const key = readFileSync(join(dir, 'ca', 'ca.key.pem'), 'utf8');
    const a = await alb(w, 1, 40, { targetGroup: { Protocol: 'HTTPS' } });
    const servernames: (string | false)[] = [];
    const b = await backend(a.hosts[0]!, 'tls-target', after, answerJson('tls-target'), { cert, key, servernames });
    const h = await start(w, after);
    const reply = await h.send(a.lbArn, { headers: { Host: 'app.example.com' } });
    assert.equal(reply.status, 200);
    assert.equal(backendOf(reply), 'tls-target');
    assert.deepEqual(servernames, [false], 'the ClientHello carried no SNI');
    assert.equal(b.seen[0]!.headers.host, 'app.example.com');
  });

  it('client admission: a VPN client the ALB security group does not admit gets no answer until a rule admits it', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const vgw = w.ec2.vpnGateway(w.vpcId);
    w.ec2.vpnConnection(vgw, ['192.168.0.0/16'], { wire: VPN_WIRE });
    w.ec2.route(w.ec2.mainRouteTable(w.vpcId), '192.168.0.0/16', { gatewayId: vgw.id });
    const a = await alb(w, 1, 42);
    const b = await backend(a.hosts[0]!, 'b', after);
    const h = await start(w, after);
    const vpnClient = hostAddressOnWire('192.168.7.20', VPN_WIRE);
    const { host, port } = h.where(a.lbArn);

    const socket = net.connect({ host, port, localAddress: vpnClient });
    after(() => socket.destroy());
    const got: Buffer[] = [];
    let closed = false;
    socket.on('data', (d: Buffer) => got.push(d));
    socket.on('close', () => (closed = true));
    socket.on('error', () => {});
    await once(socket, 'connect');
    socket.write('GET / HTTP/1.1\r\nHost: app.example.com\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, SILENCE_MS));
    assert.equal(Buffer.concat(got).length, 0, 'no byte comes back');
    assert.equal(closed, false, 'held open, not reset');
    assert.equal(b.seen.length, 0);

    w.ec2.setRules(a.sg, { ingress: [{ protocol: 'tcp', ports: [80, 80], cidr: '10.0.0.0/16' }, { protocol: 'tcp', ports: [80, 80], cidr: '192.168.0.0/16' }] });
    const reply = await eventually(() => h.send(a.lbArn, { from: vpnClient }));
    assert.equal(reply.status, 200);
    assert.equal(b.seen[0]!.headers['x-forwarded-for'], '192.168.7.20');
  });

  it('connections: 408 without a request, closed when idle, Connection: close once the client keep-alive is over', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const a = await alb(w, 1, 46);
    await backend(a.hosts[0]!, 'b', after);
    // 1 AWS second of idle timeout: 10 ms at time scale 100.
    await w.call('ModifyLoadBalancerAttributes', { LoadBalancerArn: a.lbArn, Attributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '1' }] });
    const h = await start(w, after);
    const { host, port } = h.where(a.lbArn);

    const silent = await rawExchange(host, port, w.host(CLIENT), '');
    assert.equal(undated(silent), `HTTP/1.1 408 Request Time-out\r\nServer: awselb/2.0\r\nDate: *\r\nContent-Type: text/html\r\nContent-Length: ${pageBody(408).length}\r\nConnection: close\r\n\r\n${pageBody(408)}`);

    const socket = net.connect({ host, port, localAddress: w.host(CLIENT) });
    after(() => socket.destroy());
    let got = '';
    let closed = false;
    socket.on('data', (d: Buffer) => (got += d.toString()));
    socket.on('close', () => (closed = true));
    socket.write('GET / HTTP/1.1\r\nHost: app.example.com\r\n\r\n');
    await eventually(() => assert.match(got, /^HTTP\/1\.1 200 OK\r\n[^]*Connection: keep-alive\r\n/));
    await eventually(() => assert.equal(closed, true, 'the idle connection is closed by the ALB'));
    assert.equal(got.match(/HTTP\/1\.1/g)!.length, 1, 'with nothing more sent');

    // Client keep-alive: 60 AWS seconds (600 ms); idle timeout long enough not to interfere.
    await w.call('ModifyLoadBalancerAttributes', {
      LoadBalancerArn: a.lbArn,
      Attributes: [
        { Key: 'idle_timeout.timeout_seconds', Value: '4000' },
        { Key: 'client_keep_alive.seconds', Value: '60' },
      ],
    });
    await eventually(() => assert.equal(h.lb.snapshot().loadBalancers.get(a.lbArn)!.attributes['client_keep_alive.seconds'], '60'));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    after(() => agent.destroy());
    const viaAgent = () => request({ host, port, agent, localAddress: w.host(CLIENT), headers: { Host: 'app.example.com' } });
    const first = await viaAgent();
    assert.equal(first.headers.connection, 'keep-alive');
    const last = await eventually(async () => {
      const r = await viaAgent();
      assert.equal(r.socket, first.socket, 'the same connection until it is told to close');
      assert.equal(r.headers.connection, 'close');
      return r;
    });
    assert.equal(last.status, 200);
    await eventually(() => assert.equal(first.socket!.destroyed, true, 'the connection ends after the response'));
    const next = await viaAgent();
    assert.notEqual(next.socket, first.socket, 'a new connection after the close');
    assert.equal(next.headers.connection, 'keep-alive');
  });

  it('listeners follow the snapshot: a deleted listener stops accepting', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const a = await alb(w, 1, 44);
    await backend(a.hosts[0]!, 'b', after);
    const h = await start(w, after);
    const { host, port } = h.where(a.lbArn);
    assert.equal((await h.send(a.lbArn)).status, 200);
    await w.call('DeleteListener', { ListenerArn: a.listenerArn });
    await eventually(() => assert.equal(h.listeners.listeners().length, 0));
    await assert.rejects(request({ host, port, localAddress: w.host(CLIENT), agent: false }), /ECONNREFUSED/);
  });
});

/** An issued ACM certificate record (as the ACM issuer leaves it) for `name` and `sans`. */
async function acmCertificate(w: LbWorld, ca: LocalCa, name: string, sans: string[]): Promise<string> {
  const issued = await ca.issue([name, ...sans]);
  const id = `arn:aws:acm:eu-west-1:000000000000:certificate/${randomBytes(16).toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-')}`;
  const record: AcmCertificate = {
    id,
    region: 'eu-west-1',
    domainName: name,
    subjectAlternativeNames: [name, ...sans],
    type: 'AMAZON_ISSUED',
    status: 'ISSUED',
    keyAlgorithm: 'EC_prime256v1',
    domainValidationOptions: [],
    createdAt: new Date().toISOString(),
    certificatePem: issued.certPem,
    certificateChainPem: issued.chainPem,
    privateKeyPem: issued.keyPem,
    certificateTransparencyLoggingPreference: 'ENABLED',
    tags: [],
  };
  w.store.transact((tx) => tx.put(ACM_KIND.certificate, record));
  return id;
}

/** An HTTPS listener record, as CreateListener and AddListenerCertificates leave it. */
function putListener(w: LbWorld, lbArn: string, port: number, tgArn: string, certificate: string, additional: string[]): void {
  const listener: Listener = {
    id: `${lbArn.replace(':loadbalancer/', ':listener/')}/${randomBytes(8).toString('hex')}`,
    region: 'eu-west-1',
    tags: [],
    createdAt: new Date().toISOString(),
    loadBalancerArn: lbArn,
    port,
    protocol: 'HTTPS',
    defaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
    certificates: [{ CertificateArn: certificate }],
    additionalCertificateArns: additional,
    sslPolicy: 'ELBSecurityPolicy-2016-08',
  };
  w.store.transact((tx) => tx.put(ELBV2_KIND.listener, listener));
}

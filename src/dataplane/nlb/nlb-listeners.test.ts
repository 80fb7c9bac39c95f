/**
 * The NLB data plane over real sockets (elbv2-vpc-endpoints.md §3, checklist 34–38).
 *
 * Wire 176 is this file's own: the VPC is 10.0.0.0/16 on 127.176.0.0/16, so no other test file
 * shares a host address. Records are built through the real ELBv2 handlers; target health is
 * written directly (as the health checker would), NetworkPlane + LbPlane + NlbListeners run as
 * dataplane.ts wires them. Backends are TCP servers bound on the targets' host addresses, port
 * 8080; clients connect from a host address of subnet C (10.0.3.10, a bare host) to a node's
 * host address and listener port, through the port map.
 *
 * Nodes: 10.0.1.4 (eu-west-1a) and 10.0.2.4 (eu-west-1b). Time scale 100 unless told otherwise.
 *
 * Tests marked `todo` state the AWS behaviour and name the line of the module that departs from
 * it; they fail (without failing the run) until the module is fixed, then pass as they are.
 */
import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { eventually } from '../../../test/helpers/eventually.js';
import { createClock } from '../../kernel/clock.js';
import { silentLogger } from '../../kernel/log.js';
import { balancer, lbWorld, setHealth, webInstance, type BalancerSpec, type LbWorld } from '../lb/fixtures.test.js';
import { LbPlane } from '../lb/lb-plane.js';
import { PortMap } from '../listeners/port-map.js';
import { NetworkPlane } from '../network/network-plane.js';
import type { RuleSpec } from '../../state/views/testing-fixtures.js';
import { NlbListeners } from './nlb-listeners.js';
import { proxyHeaderV2 } from './proxy-protocol.js';
import { TargetPicker } from './target-selection.js';

const WIRE = 176;
const CLIENT = '10.0.3.10';
const NODE_A = '10.0.1.4';
const NODE_B = '10.0.2.4';
/** How long a silent connection is watched before concluding it is held (real ms). */
const SILENCE_MS = 250;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Cleanup = () => unknown;

/** Runs every registered cleanup after the test, last registered first. */
function cleanups(t: TestContext): (fn: Cleanup) => void {
  const fns: Cleanup[] = [];
  t.after(async () => {
    for (const fn of fns.reverse()) await fn();
  });
  return (fn) => fns.push(fn);
}

interface Harness {
  readonly w: LbWorld;
  readonly portMap: PortMap;
  readonly listeners: NlbListeners;
  readonly lb: LbPlane;
  /** Connects a client from `from` (an AWS-style address of the VPC, or a host address) to `node:port`. */
  connect(options?: { from?: string; node?: string; port?: number }): Promise<Client>;
}

async function start(w: LbWorld, onCleanup: (fn: Cleanup) => void, options: { timeScale?: number; dropAfterSeconds?: number } = {}): Promise<Harness> {
  const clock = createClock(options.timeScale ?? 100);
  const portMap = new PortMap();
  const network = new NetworkPlane(w.store, clock, silentLogger, { resolvePort: (h, p) => portMap.resolve(h, p) });
  const lb = new LbPlane(w.store, network, clock, silentLogger);
  const listeners = new NlbListeners({ lb, network, portMap, picker: new TargetPicker(), clock, logger: silentLogger, dropAfterSeconds: options.dropAfterSeconds ?? 120 });
  onCleanup(async () => {
    await listeners.close();
    lb.close();
    await network.close();
  });
  await listeners.reconcile();
  const clients: Client[] = [];
  onCleanup(() => clients.forEach((c) => c.socket.destroy()));
  return {
    w,
    portMap,
    listeners,
    lb,
    async connect({ from = CLIENT, node = NODE_A, port = 80 } = {}) {
      const localAddress = from.startsWith('127.') ? from : w.host(from);
      const host = w.host(node);
      const client = await connectClient(host, portMap.resolve(host, port), localAddress);
      clients.push(client);
      return client;
    },
  };
}

interface Client {
  readonly socket: net.Socket;
  bytes(): Buffer;
  text(): string;
  readonly state: { ended: boolean; closed: boolean; error: string | undefined };
}

async function connectClient(host: string, port: number, localAddress: string): Promise<Client> {
  const socket = net.connect({ host, port, localAddress });
  const chunks: Buffer[] = [];
  const state = { ended: false, closed: false, error: undefined as string | undefined };
  socket.on('data', (d: Buffer) => chunks.push(d));
  socket.on('end', () => (state.ended = true));
  socket.on('close', () => (state.closed = true));
  socket.on('error', (e: NodeJS.ErrnoException) => (state.error = e.code ?? e.message));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  return { socket, bytes: () => Buffer.concat(chunks), text: () => Buffer.concat(chunks).toString(), state };
}

/**
 * Connects and waits for the connection to end; resolves with the error it ended with. A reset
 * sent right after the accept may already fail the connect itself (`connect ECONNRESET`).
 */
async function connectUntilClosed(host: string, port: number, localAddress: string, write?: string): Promise<{ error: string | undefined; bytes: number }> {
  let client: Client;
  try {
    client = await connectClient(host, port, localAddress);
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code, bytes: 0 };
  }
  if (write) client.socket.write(write);
  await eventually(() => assert.equal(client.state.closed, true));
  return { error: client.state.error, bytes: client.bytes().length };
}

/** Resolves with the error code of a connection attempt that fails. */
async function connectError(host: string, port: number, localAddress: string): Promise<string | undefined> {
  try {
    const c = await connectClient(host, port, localAddress);
    c.socket.destroy();
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code;
  }
}

interface Conn {
  readonly socket: net.Socket;
  readonly remoteAddress: string | undefined;
  bytes(): Buffer;
  readonly state: { ended: boolean; closed: boolean };
}

interface Backend {
  readonly hostAddress: string;
  readonly conns: Conn[];
  /** Whether one of its connections received `token`. */
  got(token: string): boolean;
}

/**
 * A backend on `hostAddress:8080`: `echo` writes back every byte; `silent` only records;
 * `at-end` answers `got N bytes` once the client has ended its side.
 */
async function backend(hostAddress: string, onCleanup: (fn: Cleanup) => void, mode: 'echo' | 'silent' | 'at-end' = 'echo'): Promise<Backend> {
  const conns: Conn[] = [];
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    const chunks: Buffer[] = [];
    const state = { ended: false, closed: false };
    conns.push({ socket, remoteAddress: socket.remoteAddress, bytes: () => Buffer.concat(chunks), state });
    socket.on('error', () => {});
    socket.on('close', () => (state.closed = true));
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      if (mode === 'echo') socket.write(d);
    });
    socket.on('end', () => {
      state.ended = true;
      if (mode === 'at-end') socket.end(`got ${Buffer.concat(chunks).length} bytes`);
      else socket.end();
    });
  });
  server.listen(8080, hostAddress);
  await once(server, 'listening');
  onCleanup(
    () =>
      new Promise<void>((resolve) => {
        for (const c of conns) c.socket.destroy();
        server.close(() => resolve());
      }),
  );
  return { hostAddress, conns, got: (token) => conns.some((c) => c.bytes().includes(token)) };
}

/** Sends `token` on `client` and returns the index of the backend it reached. */
async function landing(client: Client, backends: readonly Backend[], token: string): Promise<number> {
  client.socket.write(token);
  return eventually(() => {
    const i = backends.findIndex((b) => b.got(token));
    assert.ok(i >= 0, `${token} reached no backend`);
    return i;
  });
}

/** A world with `n` targets in subnet A (10.0.1.10, .11, …) behind an NLB; returns their ids and host addresses. */
async function targets(w: LbWorld, n: number, first: number, spec: BalancerSpec = {}, ingress?: readonly RuleSpec[]) {
  const ips = Array.from({ length: n }, (_, i) => `10.0.1.${first + i}`);
  const made = ips.map((ip) => webInstance(w, w.subnetA, ip, ingress));
  const ids = spec.targetGroup?.TargetType === 'ip' ? ips : made.map((m) => m.instance.id);
  const nlb = await balancer(w, { targets: ids, ...spec });
  return { nlb, ids, ips, hosts: ips.map((ip) => w.host(ip)), made };
}

/** Watches a held connection: nothing comes back, and it is neither reset nor closed. */
async function assertHeldSilent(client: Client): Promise<void> {
  client.socket.write('anyone there?');
  await pause(SILENCE_MS);
  assert.equal(client.bytes().length, 0, 'no byte comes back');
  assert.deepEqual(client.state, { ended: false, closed: false, error: undefined }, 'not reset, not closed');
}

describe('NlbListeners (real sockets)', () => {
  it('bytes pass through untouched both ways; an instance target sees the client address (client IP preservation)', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const { nlb, ids, hosts } = await targets(w, 1, 10);
    setHealth(w, nlb.tgArn, ids[0]!, 'healthy');
    const b = await backend(hosts[0]!, after);
    const h = await start(w, after);

    const client = await h.connect();
    // Every byte value, then 1 MiB of random bytes.
    const payload = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(1 << 20)]);
    client.socket.write(payload);
    await eventually(() => assert.equal(client.bytes().length, payload.length));
    assert.ok(client.bytes().equals(payload), 'the echo is byte for byte what was sent');
    assert.equal(b.conns.length, 1, 'one target connection per client connection');
    assert.ok(b.conns[0]!.bytes().equals(payload), 'the target received exactly the client bytes, nothing prepended');
    assert.equal(b.conns[0]!.remoteAddress, w.host(CLIENT));
    // The end of the stream passes through as well.
    client.socket.end();
    await eventually(() => assert.equal(b.conns[0]!.state.ended, true));
    await eventually(() => assert.equal(client.state.closed, true));
    assert.equal(client.state.error, undefined);
  });

  it(
    'a client that ends its side still gets the answer the target sends afterwards (TCP half-close)',
    async (t) => {
      const after = cleanups(t);
      const w = lbWorld(WIRE);
      const { nlb, ids, hosts } = await targets(w, 1, 12);
      setHealth(w, nlb.tgArn, ids[0]!, 'healthy');
      await backend(hosts[0]!, after, 'at-end');
      const h = await start(w, after);
      const client = await h.connect();
      client.socket.end('hello');
      await eventually(() => assert.equal(client.state.ended, true));
      assert.equal(client.text(), 'got 5 bytes');
    },
  );

  it('a connection stays on one target, and new connections spread over the healthy targets', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const { nlb, ids, hosts } = await targets(w, 3, 14);
    setHealth(w, nlb.tgArn, ids[0]!, 'healthy');
    setHealth(w, nlb.tgArn, ids[1]!, 'healthy');
    setHealth(w, nlb.tgArn, ids[2]!, 'unhealthy');
    const backends = [await backend(hosts[0]!, after), await backend(hosts[1]!, after), await backend(hosts[2]!, after)];
    const h = await start(w, after);

    const clients = [await h.connect(), await h.connect(), await h.connect(), await h.connect()];
    const first = await Promise.all(clients.map((c, i) => landing(c, backends, `<c${i}-m0>`)));
    assert.deepEqual(
      [0, 1, 2].map((b) => first.filter((x) => x === b).length),
      [2, 2, 0],
      'two flows each on the healthy targets, none on the unhealthy one',
    );
    // Later messages of each connection follow its first one, interleaved with the others.
    for (let m = 1; m <= 4; m++) {
      for (let i = 0; i < clients.length; i++) assert.equal(await landing(clients[i]!, backends, `<c${i}-m${m}>`), first[i]);
    }
    for (const [i, c] of clients.entries()) {
      const expected = [0, 1, 2, 3, 4].map((m) => `<c${i}-m${m}>`).join('');
      await eventually(() => assert.equal(c.text(), expected));
      const conn = backends[first[i]!]!.conns.find((x) => x.bytes().toString().startsWith(`<c${i}-`))!;
      assert.equal(conn.bytes().toString(), expected, 'one target connection carries the whole client connection');
    }
    assert.equal(backends[0]!.conns.length + backends[1]!.conns.length, 4);
  });

  it('only healthy targets get flows while one is healthy; all of them when none is (fail-open)', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const { nlb, ids, hosts } = await targets(w, 3, 17);
    setHealth(w, nlb.tgArn, ids[0]!, 'unhealthy');
    setHealth(w, nlb.tgArn, ids[1]!, 'healthy');
    setHealth(w, nlb.tgArn, ids[2]!, 'initial');
    const backends = [await backend(hosts[0]!, after), await backend(hosts[1]!, after), await backend(hosts[2]!, after)];
    const h = await start(w, after);

    const healthyOnly: number[] = [];
    for (let i = 0; i < 4; i++) {
      const c = await h.connect();
      healthyOnly.push(await landing(c, backends, `<h${i}>`));
      c.socket.destroy();
    }
    assert.deepEqual(healthyOnly, [1, 1, 1, 1]);

    setHealth(w, nlb.tgArn, ids[1]!, 'unhealthy');
    const failOpen: number[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await h.connect();
      failOpen.push(await landing(c, backends, `<f${i}>`));
      c.socket.destroy();
    }
    assert.deepEqual(
      [0, 1, 2].map((b) => failOpen.filter((x) => x === b).length),
      [2, 2, 2],
      'every registered target takes flows',
    );
  });

  it("cross-zone off: each node sends to its own zone's healthy targets", async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const a = webInstance(w, w.subnetA, '10.0.1.20').instance;
    const b = webInstance(w, w.subnetB, '10.0.2.20').instance;
    const nlb = await balancer(w, { targets: [a.id, b.id] });
    setHealth(w, nlb.tgArn, a.id, 'healthy');
    setHealth(w, nlb.tgArn, b.id, 'healthy');
    const backends = [await backend(w.host('10.0.1.20'), after), await backend(w.host('10.0.2.20'), after)];
    const h = await start(w, after);
    for (let i = 0; i < 3; i++) {
      assert.equal(await landing(await h.connect({ node: NODE_A }), backends, `<a${i}>`), 0);
      assert.equal(await landing(await h.connect({ node: NODE_B }), backends, `<b${i}>`), 1);
    }
  });

  it('a target turning unhealthy resets its existing flows (connection termination default true); with termination off they carry on', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const { nlb, ids, hosts } = await targets(w, 1, 21);
    setHealth(w, nlb.tgArn, ids[0]!, 'healthy');
    const b = await backend(hosts[0]!, after);
    const h = await start(w, after);

    const client = await h.connect();
    client.socket.write('ping');
    await eventually(() => assert.equal(client.text(), 'ping'));
    setHealth(w, nlb.tgArn, ids[0]!, 'unhealthy');
    await eventually(() => assert.equal(client.state.closed, true));
    assert.equal(client.state.error, 'ECONNRESET');
    await eventually(() => assert.equal(b.conns[0]!.state.closed, true), { timeoutMs: 2000 });

    await w.call('ModifyTargetGroupAttributes', { TargetGroupArn: nlb.tgArn, Attributes: [{ Key: 'target_health_state.unhealthy.connection_termination.enabled', Value: 'false' }] });
    setHealth(w, nlb.tgArn, ids[0]!, 'healthy');
    const kept = await h.connect();
    kept.socket.write('one');
    await eventually(() => assert.equal(kept.text(), 'one'));
    setHealth(w, nlb.tgArn, ids[0]!, 'unhealthy');
    await eventually(() => assert.equal(h.lb.snapshot().targetGroups.get(nlb.tgArn)!.targets[0]!.observed?.state, 'unhealthy'));
    kept.socket.write('two');
    await eventually(() => assert.equal(kept.text(), 'onetwo'));
    assert.deepEqual(kept.state, { ended: false, closed: false, error: undefined });
  });

  it(
    'a fail-open flow to an unhealthy target is not reset by later, unrelated snapshots',
    async (t) => {
      const after = cleanups(t);
      const w = lbWorld(WIRE);
      const { nlb, ids, hosts } = await targets(w, 1, 22);
      setHealth(w, nlb.tgArn, ids[0]!, 'unhealthy');
      await backend(hosts[0]!, after);
      const h = await start(w, after);
      const client = await h.connect();
      client.socket.write('one');
      await eventually(() => assert.equal(client.text(), 'one'), { timeoutMs: 2000 });
      // Any change anywhere brings a new snapshot: here a security group nobody uses.
      w.ec2.securityGroup(w.vpcId, 'unrelated');
      await pause(100);
      client.socket.write('two');
      await eventually(() => assert.equal(client.text(), 'onetwo'), { timeoutMs: 500 });
    },
  );

  it('deregistration: a draining target keeps its flows and takes no new one; after the delay they end only with deregistration connection termination on', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    // 30 AWS seconds at time scale 100: 300 ms of draining.
    const cut = await targets(w, 1, 30, { name: 'cut', attributes: { 'deregistration_delay.timeout_seconds': '30', 'deregistration_delay.connection_termination.enabled': 'true' } });
    const kept = await targets(w, 1, 31, { name: 'kept', attributes: { 'deregistration_delay.timeout_seconds': '30' } });
    setHealth(w, cut.nlb.tgArn, cut.ids[0]!, 'healthy');
    setHealth(w, kept.nlb.tgArn, kept.ids[0]!, 'healthy');
    await backend(cut.hosts[0]!, after);
    await backend(kept.hosts[0]!, after);
    const h = await start(w, after);
    const nodeOf = (lbArn: string) => h.lb.snapshot().loadBalancers.get(lbArn)!.nodes[0]!.privateIp;
    const cutFlow = await h.connect({ node: nodeOf(cut.nlb.lbArn) });
    const keptFlow = await h.connect({ node: nodeOf(kept.nlb.lbArn) });
    for (const c of [cutFlow, keptFlow]) c.socket.write('a');
    await eventually(() => assert.deepEqual([cutFlow.text(), keptFlow.text()], ['a', 'a']));

    await w.call('DeregisterTargets', { TargetGroupArn: cut.nlb.tgArn, Targets: [{ Id: cut.ids[0] }] });
    await w.call('DeregisterTargets', { TargetGroupArn: kept.nlb.tgArn, Targets: [{ Id: kept.ids[0] }] });
    // Draining: existing flows carry on; a new flow finds no target.
    cutFlow.socket.write('b');
    await eventually(() => assert.equal(cutFlow.text(), 'ab'));
    const node = w.host(nodeOf(cut.nlb.lbArn));
    assert.deepEqual(await connectUntilClosed(node, h.portMap.resolve(node, 80), w.host(CLIENT)), { error: 'ECONNRESET', bytes: 0 });

    await eventually(() => assert.equal(cutFlow.state.closed, true), { timeoutMs: 3000 });
    assert.equal(cutFlow.state.error, 'ECONNRESET');
    assert.deepEqual(h.lb.snapshot().targetGroups.get(kept.nlb.tgArn)!.targets, [], 'the kept target has drained too');
    keptFlow.socket.write('b');
    await eventually(() => assert.equal(keptFlow.text(), 'ab'));
    assert.deepEqual(keptFlow.state, { ended: false, closed: false, error: undefined });
  });

  it("an NLB with security groups enforces their inbound rules on clients (held silent), as they are now", async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const guard = w.ec2.securityGroup(w.vpcId, 'nlb-guard', { ingress: [{ protocol: 'tcp', ports: 80, cidr: '10.0.3.0/24' }] });
    const { nlb, ids, hosts } = await targets(w, 1, 32, { securityGroups: [guard.id] });
    setHealth(w, nlb.tgArn, ids[0]!, 'healthy');
    const b = await backend(hosts[0]!, after);
    const h = await start(w, after);
    const admitted = await h.connect({ from: CLIENT });
    admitted.socket.write('in');
    await eventually(() => assert.equal(admitted.text(), 'in'));
    const outsider = await h.connect({ from: '10.0.2.50' });
    await assertHeldSilent(outsider);
    assert.equal(b.conns.length, 1);
    // The rule changes, and the next connection is judged by it.
    w.ec2.setRules(guard, { ingress: [{ protocol: 'tcp', ports: 80, cidr: '10.0.0.0/16' }] });
    const now = await h.connect({ from: '10.0.2.50' });
    now.socket.write('in too');
    await eventually(() => assert.equal(now.text(), 'in too'));
  });

  it("a target security group that does not admit the client (instance targets, preservation on): held silent; an ip group shows the node's address instead", async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const nodesOnly: RuleSpec[] = [
      { protocol: 'tcp', ports: 8080, cidr: '10.0.1.0/24' },
      { protocol: 'tcp', ports: 8080, cidr: '10.0.2.0/24' },
    ];
    const { nlb, ids, hosts } = await targets(w, 1, 23, {}, nodesOnly);
    setHealth(w, nlb.tgArn, ids[0]!, 'healthy');
    // The same address as an `ip` target behind a second NLB (nodes 10.0.1.5 and 10.0.2.5).
    const ipNlb = await balancer(w, { name: 'nlb-ip', targetGroup: { TargetType: 'ip' }, targets: ['10.0.1.23'] });
    setHealth(w, ipNlb.tgArn, '10.0.1.23', 'healthy');
    const b = await backend(hosts[0]!, after);
    const h = await start(w, after);

    const held = await h.connect();
    await assertHeldSilent(held);
    assert.equal(b.conns.length, 0, 'the target never sees the connection');

    const through = await h.connect({ node: '10.0.1.5' });
    through.socket.write('ping');
    await eventually(() => assert.equal(through.text(), 'ping'));
    assert.equal(b.conns.length, 1);
    assert.equal(b.conns[0]!.remoteAddress, w.host('10.0.1.5'), "the target sees the node's address");
  });

  it('proxy_protocol_v2.enabled: a PPv2 header with the client and listener addresses arrives before the first client byte', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const { nlb, ids, hosts } = await targets(w, 1, 24, { attributes: { 'proxy_protocol_v2.enabled': 'true' } });
    setHealth(w, nlb.tgArn, ids[0]!, 'healthy');
    const b = await backend(hosts[0]!, after, 'silent');
    const h = await start(w, after);
    const client = await h.connect();
    client.socket.write('hello');
    await eventually(() => assert.equal(b.conns[0]?.bytes().length, 28 + 5));
    const header = proxyHeaderV2({ ip: CLIENT, port: client.socket.localPort! }, { ip: NODE_A, port: 80 });
    assert.equal(b.conns[0]!.bytes().toString('hex'), header.toString('hex') + Buffer.from('hello').toString('hex'));
  });

  it('no listener on the port: refused; listeners follow the snapshot as they are created and deleted', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const { nlb, ids, hosts } = await targets(w, 1, 25);
    setHealth(w, nlb.tgArn, ids[0]!, 'healthy');
    await backend(hosts[0]!, after);
    const h = await start(w, after);
    const nodeA = w.host(NODE_A);
    const from = w.host(CLIENT);

    assert.equal(await connectError(nodeA, h.portMap.resolve(nodeA, 81), from), 'ECONNREFUSED');
    assert.deepEqual(
      h.listeners.listeners().map((l) => [l.lbArn, l.hostAddress, l.port, l.boundPort]).sort(),
      [
        [nlb.lbArn, nodeA, 80, h.portMap.resolve(nodeA, 80)],
        [nlb.lbArn, w.host(NODE_B), 80, h.portMap.resolve(w.host(NODE_B), 80)],
      ].sort(),
    );

    const added = (await w.call('CreateListener', { LoadBalancerArn: nlb.lbArn, Protocol: 'TCP', Port: 81, DefaultActions: [{ Type: 'forward', TargetGroupArn: nlb.tgArn }] })).Listeners[0].ListenerArn;
    await eventually(async () => assert.equal(await connectError(nodeA, h.portMap.resolve(nodeA, 81), from), undefined));
    const c = await h.connect({ port: 81 });
    c.socket.write('via 81');
    await eventually(() => assert.equal(c.text(), 'via 81'));
    // (With the flow left open, the deletion would wait for it: see the next test.)
    c.socket.end();
    await eventually(() => assert.equal(c.state.closed, true));

    await w.call('DeleteListener', { ListenerArn: added });
    await eventually(async () => assert.equal(await connectError(nodeA, h.portMap.resolve(nodeA, 81), from), 'ECONNREFUSED'));
    await w.call('DeleteLoadBalancer', { LoadBalancerArn: nlb.lbArn });
    await eventually(async () => assert.equal(await connectError(nodeA, h.portMap.resolve(nodeA, 80), from), 'ECONNREFUSED'));
    assert.deepEqual(h.listeners.listeners(), []);
  });

  it(
    'a listener deleted while a flow is open does not hold up the listeners that follow',
    async (t) => {
      const after = cleanups(t);
      const w = lbWorld(WIRE);
      const { nlb, ids, hosts } = await targets(w, 1, 29);
      setHealth(w, nlb.tgArn, ids[0]!, 'healthy');
      await backend(hosts[0]!, after);
      // Idle timeout 350 s at time scale 100: the open flow would last 3.5 s.
      const h = await start(w, after);
      const nodeA = w.host(NODE_A);
      const from = w.host(CLIENT);
      const open = await h.connect();
      open.socket.write('stay');
      await eventually(() => assert.equal(open.text(), 'stay'));
      const listener80 = nlb.listenerArn;
      await w.call('DeleteListener', { ListenerArn: listener80 });
      await w.call('CreateListener', { LoadBalancerArn: nlb.lbArn, Protocol: 'TCP', Port: 82, DefaultActions: [{ Type: 'forward', TargetGroupArn: nlb.tgArn }] });
      await eventually(async () => assert.equal(await connectError(nodeA, h.portMap.resolve(nodeA, 82), from), undefined), { timeoutMs: 1000 });
    },
  );

  it('TLS, UDP and TCP_UDP listeners are refused as not implemented (nothing is accepted and left unserved)', async () => {
    const w = lbWorld(WIRE);
    const { nlb } = await targets(w, 1, 33, { targetGroup: { Protocol: 'TCP_UDP' } });
    for (const Protocol of ['TCP_UDP', 'UDP']) {
      await assert.rejects(
        w.call('CreateListener', { LoadBalancerArn: nlb.lbArn, Protocol, Port: 81, DefaultActions: [{ Type: 'forward', TargetGroupArn: nlb.tgArn }] }),
        (e: Error & { code?: string }) => /not implemented by localvpc/.test(e.message),
      );
    }
  });

  it('an internet source (127.0.0.1) to an internal NLB is dropped: held silent, then closed after the drop time on the scaled clock', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const { nlb, ids, hosts } = await targets(w, 1, 26);
    setHealth(w, nlb.tgArn, ids[0]!, 'healthy');
    const b = await backend(hosts[0]!, after);
    // 60 AWS seconds at time scale 100: 600 ms.
    const h = await start(w, after, { dropAfterSeconds: 60 });
    const started = Date.now();
    const client = await h.connect({ from: '127.0.0.1' });
    await assertHeldSilent(client);
    assert.equal(b.conns.length, 0);
    await eventually(() => assert.equal(client.state.closed, true), { timeoutMs: 3000 });
    assert.ok(Date.now() - started >= 550, `closed after ${Date.now() - started} ms`);
    assert.equal(client.bytes().length, 0);
    // A client inside the VPC gets through the same listener.
    const inside = await h.connect();
    inside.socket.write('ok');
    await eventually(() => assert.equal(inside.text(), 'ok'));
  });

  it('nothing to send to: an empty target group, or a target that refuses, resets the client', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const empty = await balancer(w, { name: 'empty' });
    const { nlb: refusing, ids } = await targets(w, 1, 27, { name: 'refusing' });
    setHealth(w, refusing.tgArn, ids[0]!, 'healthy');
    const h = await start(w, after);
    const nodeOf = (lbArn: string) => w.host(h.lb.snapshot().loadBalancers.get(lbArn)!.nodes[0]!.privateIp);
    const from = w.host(CLIENT);
    const toEmpty = nodeOf(empty.lbArn);
    assert.deepEqual(await connectUntilClosed(toEmpty, h.portMap.resolve(toEmpty, 80), from), { error: 'ECONNRESET', bytes: 0 });
    const toRefusing = nodeOf(refusing.lbArn);
    assert.deepEqual(await connectUntilClosed(toRefusing, h.portMap.resolve(toRefusing, 80), from, 'hello?'), { error: 'ECONNRESET', bytes: 0 });
  });

  it('an idle flow is reset after the TCP idle timeout (350 s on the scaled clock); traffic keeps it alive', async (t) => {
    const after = cleanups(t);
    const w = lbWorld(WIRE);
    const { nlb, ids, hosts } = await targets(w, 1, 28);
    setHealth(w, nlb.tgArn, ids[0]!, 'healthy');
    const b = await backend(hosts[0]!, after);
    // 350 AWS seconds at time scale 1000: 350 ms.
    const h = await start(w, after, { timeScale: 1000 });
    const client = await h.connect();
    // Traffic every 100 ms for 600 ms: longer than the idle timeout, never idle that long.
    let quiet = 0;
    for (let i = 0; i < 6; i++) {
      client.socket.write(`${i}`);
      quiet = Date.now();
      await pause(100);
    }
    await eventually(() => assert.equal(client.text(), '012345'));
    assert.equal(client.state.closed, false);
    await eventually(() => assert.equal(client.state.closed, true), { timeoutMs: 3000 });
    // The timer starts at the last byte (the echo, a little after the last write).
    assert.ok(Date.now() - quiet >= 345, `reset after ${Date.now() - quiet} ms of silence`);
    assert.equal(client.state.error, 'ECONNRESET');
    await eventually(() => assert.equal(b.conns[0]!.state.closed, true));
  });
});

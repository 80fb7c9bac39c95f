/**
 * The health checker over real sockets: backends bound on instance host addresses of wire 161
 * (this file's own wire, so that test files running in parallel never share a host address),
 * records built through the real ELBv2 handlers, snapshots compiled from them.
 *
 * Most tests drive the checker round by round (`runRound`) with a clock at time scale 100, a
 * 300 s interval (3 s real, so no periodic probe slips in between two rounds) and a 100 s
 * timeout (1 s real) unless the test is about time-outs; the schedule test uses time scale 1000.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, testContext } from '../../../test/helpers/context.js';
import { eventually } from '../../../test/helpers/eventually.js';
import { createClock, type Clock } from '../../kernel/clock.js';
import { silentLogger } from '../../kernel/log.js';
import { elbv2Service } from '../../services/elbv2/index.js';
import { ELBV2_KIND, type TargetHealthRecord } from '../../state/records/elbv2.js';
import { observationWriter, type ObservationWriter } from '../../state/ports.js';
import type { Store, StoredRecord } from '../../state/store.js';
import { Ec2Fixture, type RuleSpec } from '../../state/views/testing-fixtures.js';
import { compileLoadBalancing } from '../lb/compile.js';
import { compileNetwork } from '../network/compile.js';
import { LocalCa } from '../tls/ca.js';
import { HealthChecker } from './health-checker.js';
import { failureOf, seedTracker, step } from './health-state.js';
import { compileHttpCodeMatcher } from './matcher.js';

const WIRE = 161;
/** The host address of an AWS-style 10.0.x.y address of the test VPC. */
const host = (ip: string) => ip.replace(/^10\.0\./, `127.${WIRE}.`);
const ADMIT_VPC: readonly RuleSpec[] = [{ protocol: 'tcp', ports: [1, 65535], cidr: '10.0.0.0/16' }];

interface World {
  readonly store: Store;
  readonly ec2: Ec2Fixture;
  readonly vpcId: string;
  readonly subnetA: string;
  readonly subnetB: string;
  call(operation: string, input?: Record<string, unknown>): Promise<any>;
}

function world(): World {
  const ctx = testContext();
  const ec2 = new Ec2Fixture(ctx.store, ctx.region);
  const vpc = ec2.vpc('10.0.0.0/16', { wires: [WIRE] });
  const a = ec2.subnet(vpc, '10.0.1.0/24', 'eu-west-1a');
  const b = ec2.subnet(vpc, '10.0.2.0/24', 'eu-west-1b');
  return { store: ctx.store, ec2, vpcId: vpc.id, subnetA: a.id, subnetB: b.id, call: (op, input = {}) => call(elbv2Service, ctx, op, input) };
}

/** An instance in subnet A whose security group admits `ingress` (default: the whole VPC). */
function instance(w: World, ip: string, ingress: readonly RuleSpec[] = ADMIT_VPC) {
  return w.ec2.instance(w.subnetA, ip, { groups: [w.ec2.securityGroup(w.vpcId, `web-${ip}`, { ingress })] });
}

/**
 * A load balancer of `type` in both subnets, a target group (`tg` overrides the defaults), a
 * listener forwarding to it, and `targets` registered on port 8080.
 */
async function balance(w: World, type: 'application' | 'network', tg: Record<string, unknown>, targets: readonly string[]) {
  const lb = (await w.call('CreateLoadBalancer', { Name: `lb-${type}`, Type: type, Scheme: 'internal', Subnets: [w.subnetA, w.subnetB] })).LoadBalancers[0];
  const group = (
    await w.call('CreateTargetGroup', {
      Name: 'tg',
      Protocol: type === 'application' ? 'HTTP' : 'TCP',
      Port: 8080,
      VpcId: w.vpcId,
      HealthCheckIntervalSeconds: 300,
      // 1 s real at time scale 100: room for a loaded machine.
      HealthCheckTimeoutSeconds: 100,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 2,
      ...tg,
    })
  ).TargetGroups[0];
  await w.call('CreateListener', { LoadBalancerArn: lb.LoadBalancerArn, Protocol: type === 'application' ? 'HTTP' : 'TCP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: group.TargetGroupArn }] });
  if (targets.length > 0) await w.call('RegisterTargets', { TargetGroupArn: group.TargetGroupArn, Targets: targets.map((Id) => ({ Id, Port: 8080 })) });
  return { lbArn: lb.LoadBalancerArn as string, tgArn: group.TargetGroupArn as string };
}

/** A writer that remembers every health record it wrote. */
function recordingWriter(store: Store): ObservationWriter & { readonly writes: TargetHealthRecord[] } {
  const inner = observationWriter(store);
  const writes: TargetHealthRecord[] = [];
  return {
    writes,
    observe: (kind, id, patch, when) => inner.observe(kind, id, patch, when),
    record<T extends StoredRecord>(kind: string, value: T, about: { kind: string; id: string }) {
      const wrote = inner.record(kind, value, about);
      if (wrote && kind === ELBV2_KIND.targetHealth) writes.push(value as unknown as TargetHealthRecord);
      return wrote;
    },
  };
}

/** A clock that knows how many of its timers are still pending (unref'd timers are invisible to process.getActiveResourcesInfo). */
function trackingClock(timeScale: number): Clock & { pending(): number } {
  const base = createClock(timeScale);
  const live = new Set<object>();
  return {
    ...base,
    pending: () => live.size,
    after(seconds, fn) {
      const token = {};
      live.add(token);
      const timer = base.after(seconds, () => {
        live.delete(token);
        fn();
      });
      return {
        cancel: () => {
          live.delete(token);
          timer.cancel();
        },
      };
    },
  };
}

function checker(w: World, clock: Clock = createClock(100)) {
  const writer = recordingWriter(w.store);
  const hc = new HealthChecker({
    lb: () => compileLoadBalancing(w.store, compileNetwork(w.store), clock, Date.now()),
    network: () => compileNetwork(w.store),
    writer,
    clock,
    logger: silentLogger,
  });
  return { hc, writer };
}

/** State, reason and description of every health record in the store. */
function health(w: World): [string, string | undefined, string | undefined][] {
  return w.store.list<TargetHealthRecord>(ELBV2_KIND.targetHealth).map((r) => [r.state, r.reason, r.description]);
}

/** The private address of the load balancer node in `zone` (from the node ENIs). */
function nodeIp(w: World, lbArn: string, zone: string): string {
  const lb = compileLoadBalancing(w.store, compileNetwork(w.store), createClock(1), Date.now()).loadBalancers.get(lbArn)!;
  return lb.nodes.find((n) => n.zoneName === zone)!.privateIp;
}

interface SeenRequest {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly rawHeaders: string[];
  readonly from: string | undefined;
}

/** An HTTP backend answering `status()` on `hostAddress:8080`, remembering what it saw. */
async function httpBackend(hostAddress: string, status: () => number = () => 200) {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, rawHeaders: req.rawHeaders, from: req.socket.remoteAddress });
    res.statusCode = status();
    res.end('some body to discard');
  });
  server.listen(8080, hostAddress);
  await once(server, 'listening');
  return { seen, close: () => closeServer(server) };
}

/** A TCP backend that accepts and never says anything; remembers the bytes and peers it got. */
async function silentBackend(hostAddress: string) {
  const sockets = new Set<net.Socket>();
  const peers: (string | undefined)[] = [];
  const received: Buffer[] = [];
  const server = net.createServer((s) => {
    sockets.add(s);
    peers.push(s.remoteAddress);
    s.on('data', (d: Buffer) => received.push(d));
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  server.listen(8080, hostAddress);
  await once(server, 'listening');
  return {
    peers,
    received,
    sockets,
    close: async () => {
      for (const s of sockets) s.destroy();
      await closeServer(server);
    },
  };
}

async function closeServer(server: net.Server): Promise<void> {
  (server as http.Server).closeAllConnections?.();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

const header = (req: SeenRequest, name: string) => {
  const i = req.rawHeaders.findIndex((h, n) => n % 2 === 0 && h.toLowerCase() === name.toLowerCase());
  return i < 0 ? undefined : req.rawHeaders[i + 1];
};

describe('HealthChecker', () => {
  it('TCP check (NLB): a listening target turns healthy, the node is the caller, one write for three rounds', async () => {
    const w = world();
    const i1 = instance(w, '10.0.1.10');
    const { lbArn } = await balance(w, 'network', {}, [i1.id]);
    const backend = await silentBackend(host('10.0.1.10'));
    const { hc, writer } = checker(w);
    try {
      await hc.runRound();
      assert.deepEqual(health(w), [['healthy', undefined, undefined]]);
      await hc.runRound();
      await hc.runRound();
      assert.equal(writer.writes.length, 1);
      // The probe comes from the NLB node in the target's zone (DESIGN.md: the receiver knows who calls).
      await eventually(() => assert.equal(backend.peers.length, 3));
      assert.equal(backend.peers[0], host(nodeIp(w, lbArn, 'eu-west-1a')));
    } finally {
      await hc.close();
      await backend.close();
    }
  });

  it('HTTP check (ALB): 200 is healthy; the probe is GET <path> HTTP/1.1 with Host <target ip>:<port> and User-Agent ELB-HealthChecker/2.0', async () => {
    const w = world();
    const i1 = instance(w, '10.0.1.11');
    const { lbArn } = await balance(w, 'application', { HealthCheckPath: '/ping?full=1' }, [i1.id]);
    const backend = await httpBackend(host('10.0.1.11'));
    const { hc } = checker(w);
    try {
      await hc.runRound();
      assert.deepEqual(health(w), [['healthy', undefined, undefined]]);
      const req = backend.seen[0]!;
      assert.equal(req.method, 'GET');
      assert.equal(req.url, '/ping?full=1');
      assert.equal(header(req, 'host'), '10.0.1.11:8080');
      assert.equal(header(req, 'user-agent'), 'ELB-HealthChecker/2.0');
      assert.equal(header(req, 'connection'), 'close');
      assert.equal(req.from, host(nodeIp(w, lbArn, 'eu-west-1a')));
    } finally {
      await hc.close();
      await backend.close();
    }
  });

  it("HTTP check (NLB): Host is the node's IP and the listener port (AWS's NLB host-header note)", async () => {
    const w = world();
    const i1 = instance(w, '10.0.1.41');
    const { lbArn } = await balance(w, 'network', { HealthCheckProtocol: 'HTTP' }, [i1.id]);
    const backend = await httpBackend(host('10.0.1.41'));
    const { hc } = checker(w);
    try {
      await hc.runRound();
      assert.deepEqual(health(w), [['healthy', undefined, undefined]]);
      const req = backend.seen[0]!;
      assert.equal(header(req, 'host'), `${nodeIp(w, lbArn, 'eu-west-1a')}:80`);
    } finally {
      await hc.close();
      await backend.close();
    }
  });

  it('ALB: a 404 is initial (InitialHealthChecking) after one round, then unhealthy ResponseCodeMismatch [404]', async () => {
    const w = world();
    const i1 = instance(w, '10.0.1.12');
    await balance(w, 'application', {}, [i1.id]);
    const backend = await httpBackend(host('10.0.1.12'), () => 404);
    const { hc, writer } = checker(w);
    try {
      await hc.runRound();
      assert.deepEqual(health(w), [['initial', 'Elb.InitialHealthChecking', 'Initial health checks in progress']]);
      await hc.runRound();
      assert.deepEqual(health(w), [['unhealthy', 'Target.ResponseCodeMismatch', 'Health checks failed with these codes: [404]']]);
      await hc.runRound();
      assert.equal(writer.writes.length, 2);
    } finally {
      await hc.close();
      await backend.close();
    }
  });

  it('matcher 200,403 makes a 403 healthy (reference architecture 1)', async () => {
    const w = world();
    const i1 = instance(w, '10.0.1.13');
    await balance(w, 'application', { Matcher: { HttpCode: '200,403' } }, [i1.id]);
    const backend = await httpBackend(host('10.0.1.13'), () => 403);
    const { hc } = checker(w);
    try {
      await hc.runRound();
      assert.deepEqual(health(w), [['healthy', undefined, undefined]]);
    } finally {
      await hc.close();
      await backend.close();
    }
  });

  it('a refused connection is Target.FailedHealthChecks (ALB)', async () => {
    const w = world();
    const i1 = instance(w, '10.0.1.14');
    await balance(w, 'application', {}, [i1.id]);
    const { hc } = checker(w);
    try {
      await hc.runRound();
      await hc.runRound();
      assert.deepEqual(health(w), [['unhealthy', 'Target.FailedHealthChecks', 'Health checks failed']]);
    } finally {
      await hc.close();
    }
  });

  it('no answer within the timeout: Target.Timeout on an ALB, Target.FailedHealthChecks on an NLB', async () => {
    const w = world();
    const i1 = instance(w, '10.0.1.15');
    // 20 s at time scale 100: 200 ms of silence per probe.
    await balance(w, 'application', { HealthCheckTimeoutSeconds: 20 }, [i1.id]);
    const b1 = await silentBackend(host('10.0.1.15'));
    const b2 = await silentBackend(host('10.0.1.16'));
    const { hc } = checker(w);
    try {
      await hc.runRound();
      await hc.runRound();
      assert.deepEqual(health(w), [['unhealthy', 'Target.Timeout', 'Request timed out']]);
    } finally {
      await hc.close();
    }
    const n = world();
    const j1 = instance(n, '10.0.1.16');
    await balance(n, 'network', { HealthCheckProtocol: 'HTTP', HealthCheckTimeoutSeconds: 20 }, [j1.id]);
    const nlb = checker(n);
    try {
      await nlb.hc.runRound();
      await nlb.hc.runRound();
      assert.deepEqual(health(n), [['unhealthy', 'Target.FailedHealthChecks', 'Health checks failed']]);
    } finally {
      await nlb.hc.close();
      await b1.close();
      await b2.close();
    }
  });

  it("NLB: a target security group that does not admit the node's address makes the target unhealthy; admitting it heals it", async () => {
    const w = world();
    // Admits only a client network, not the NLB's private IPs (the classic NLB trap, DESIGN.md).
    const sg = w.ec2.securityGroup(w.vpcId, 'clients-only', { ingress: [{ protocol: 'tcp', ports: 8080, cidr: '192.168.0.0/16' }] });
    const i1 = w.ec2.instance(w.subnetA, '10.0.1.17', { groups: [sg] });
    await balance(w, 'network', { HealthCheckTimeoutSeconds: 20 }, [i1.id]);
    const backend = await silentBackend(host('10.0.1.17'));
    const { hc } = checker(w);
    try {
      await hc.runRound();
      assert.deepEqual(health(w), [['initial', 'Elb.InitialHealthChecking', 'Initial health checks in progress']]);
      await hc.runRound();
      assert.deepEqual(health(w), [['unhealthy', 'Target.FailedHealthChecks', 'Health checks failed']]);
      // Dropped flows never reach the backend.
      assert.equal(backend.peers.length, 0);
      w.ec2.setRules(sg, { ingress: [{ protocol: 'tcp', ports: 8080, cidr: '192.168.0.0/16' }, ...ADMIT_VPC] });
      await hc.runRound();
      assert.equal(health(w)[0]![0], 'unhealthy', 'one success is below the healthy threshold (2)');
      await hc.runRound();
      assert.deepEqual(health(w), [['healthy', undefined, undefined]]);
    } finally {
      await hc.close();
      await backend.close();
    }
  });

  it('HTTPS check passes against a certificate nobody trusts, and sends no SNI', async () => {
    const w = world();
    const i1 = instance(w, '10.0.1.18');
    await balance(w, 'application', { Protocol: 'HTTPS', Port: 8080 }, [i1.id]);
    const dir = mkdtempSync(join(tmpdir(), 'localvpc-health-'));
    const { hc } = checker(w);
    const servernames: unknown[] = [];
    const cert = await (await LocalCa.open(dir)).issue(['backend.internal']);
    const server = https.createServer({ key: cert.keyPem, cert: cert.certPem }, (req, res) => {
      res.end('ok');
    });
    server.on('secureConnection', (s: import('node:tls').TLSSocket) => servernames.push(s.servername));
    server.listen(8080, host('10.0.1.18'));
    await once(server, 'listening');
    try {
      await hc.runRound();
      assert.deepEqual(health(w), [['healthy', undefined, undefined]]);
      assert.deepEqual(servernames, [false]);
    } finally {
      await hc.close();
      await closeServer(server);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('healthy → unhealthy after UnhealthyThresholdCount failures, back after HealthyThresholdCount successes; only changes are written', async () => {
    const w = world();
    const i1 = instance(w, '10.0.1.19');
    await balance(w, 'application', { HealthyThresholdCount: 3, UnhealthyThresholdCount: 2 }, [i1.id]);
    let status = 200;
    const backend = await httpBackend(host('10.0.1.19'), () => status);
    const { hc, writer } = checker(w);
    const states = () => writer.writes.map((r) => [r.state, r.reason ?? null]);
    try {
      await hc.runRound();
      status = 500;
      await hc.runRound();
      assert.deepEqual(states(), [['healthy', null]], 'one failure is below the unhealthy threshold');
      await hc.runRound();
      assert.deepEqual(health(w), [['unhealthy', 'Target.ResponseCodeMismatch', 'Health checks failed with these codes: [500]']]);
      status = 200;
      await hc.runRound();
      await hc.runRound();
      assert.equal(health(w)[0]![0], 'unhealthy');
      // A failure in between starts the count over.
      status = 502;
      await hc.runRound();
      status = 200;
      await hc.runRound();
      await hc.runRound();
      assert.equal(health(w)[0]![0], 'unhealthy');
      await hc.runRound();
      assert.deepEqual(health(w), [['healthy', undefined, undefined]]);
      assert.deepEqual(states(), [
        ['healthy', null],
        ['unhealthy', 'Target.ResponseCodeMismatch'],
        ['unhealthy', 'Target.ResponseCodeMismatch'],
        ['healthy', null],
      ]);
      // The two unhealthy writes differ in their description ([500], then [502]).
      assert.deepEqual(
        writer.writes.map((r) => r.description),
        [undefined, 'Health checks failed with these codes: [500]', 'Health checks failed with these codes: [502]', undefined],
      );
      assert.equal(backend.seen.length, 9);
    } finally {
      await hc.close();
      await backend.close();
    }
  });

  it('a loopback host service (ip target 127.0.0.1, zone all) is checked directly from the node', async () => {
    const w = world();
    const { lbArn, tgArn } = await balance(w, 'application', { TargetType: 'ip' }, []);
    const seen: SeenRequest[] = [];
    const server = http.createServer((req, res) => {
      seen.push({ method: req.method, url: req.url, rawHeaders: req.rawHeaders, from: req.socket.remoteAddress });
      res.end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as net.AddressInfo).port;
    await w.call('RegisterTargets', { TargetGroupArn: tgArn, Targets: [{ Id: '127.0.0.1', Port: port, AvailabilityZone: 'all' }] });
    const { hc } = checker(w);
    try {
      await hc.runRound();
      assert.deepEqual(health(w), [['healthy', undefined, undefined]]);
      assert.equal(header(seen[0]!, 'host'), `127.0.0.1:${port}`);
      assert.equal(seen[0]!.from, host(nodeIp(w, lbArn, 'eu-west-1a')));
    } finally {
      await hc.close();
      await closeServer(server);
    }
  });

  it('checks only targets of groups in use, not draining, of running instances', async () => {
    const w = world();
    const i1 = instance(w, '10.0.1.20');
    const i2 = instance(w, '10.0.1.21');
    const i3 = instance(w, '10.0.1.22');
    const unused = (await w.call('CreateTargetGroup', { Name: 'unused', Protocol: 'TCP', Port: 8080, VpcId: w.vpcId })).TargetGroups[0];
    await w.call('RegisterTargets', { TargetGroupArn: unused.TargetGroupArn, Targets: [{ Id: i1.id }] });
    const { tgArn } = await balance(w, 'network', {}, [i2.id, i3.id]);
    w.ec2.setInstanceState(i2, 'stopped');
    await w.call('DeregisterTargets', { TargetGroupArn: tgArn, Targets: [{ Id: i3.id, Port: 8080 }] });
    const backends = await Promise.all(['10.0.1.20', '10.0.1.21', '10.0.1.22'].map((ip) => silentBackend(host(ip))));
    const { hc, writer } = checker(w);
    try {
      await hc.runRound();
      assert.equal(writer.writes.length, 0);
      assert.deepEqual(
        backends.map((b) => b.peers.length),
        [0, 0, 0],
      );
    } finally {
      await hc.close();
      for (const b of backends) await b.close();
    }
  });

  it('NLB with proxy_protocol_v2.enabled: health-check connections start with a PPv2 LOCAL header', async () => {
    const w = world();
    const i1 = instance(w, '10.0.1.23');
    const { tgArn } = await balance(w, 'network', {}, [i1.id]);
    await w.call('ModifyTargetGroupAttributes', { TargetGroupArn: tgArn, Attributes: [{ Key: 'proxy_protocol_v2.enabled', Value: 'true' }] });
    const backend = await silentBackend(host('10.0.1.23'));
    const { hc } = checker(w);
    try {
      await hc.runRound();
      assert.deepEqual(health(w), [['healthy', undefined, undefined]]);
      await eventually(() => assert.equal(Buffer.concat(backend.received).toString('hex'), '0d0a0d0a000d0a515549540a' + '20' + '00' + '0000'));
    } finally {
      await hc.close();
      await backend.close();
    }
  });

  it('schedule: probes start on reconcile and repeat every interval; a settings change applies at once; a deregistered target is no longer probed', async () => {
    const w = world();
    const i1 = instance(w, '10.0.1.24');
    // Interval 20 s, timeout 10 s at time scale 1000: a probe every 20 ms.
    const { tgArn } = await balance(w, 'application', { HealthCheckIntervalSeconds: 20, HealthCheckTimeoutSeconds: 10 }, [i1.id]);
    const backend = await httpBackend(host('10.0.1.24'), () => 200);
    const { hc } = checker(w, createClock(1000));
    try {
      hc.reconcile();
      hc.reconcile();
      await eventually(() => assert.deepEqual(health(w), [['healthy', undefined, undefined]]));
      await eventually(() => assert.ok(backend.seen.length >= 5, `${backend.seen.length} probes`));
      await w.call('ModifyTargetGroup', { TargetGroupArn: tgArn, HealthCheckPath: '/deep', Matcher: { HttpCode: '204' } });
      hc.reconcile();
      await eventually(() => assert.deepEqual(health(w), [['unhealthy', 'Target.ResponseCodeMismatch', 'Health checks failed with these codes: [200]']]));
      assert.equal(backend.seen.at(-1)!.url, '/deep');
      await w.call('DeregisterTargets', { TargetGroupArn: tgArn, Targets: [{ Id: i1.id, Port: 8080 }] });
      hc.reconcile();
      // An in-flight probe may still land; after that, nothing.
      await new Promise((r) => setTimeout(r, 100));
      const count = backend.seen.length;
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(backend.seen.length, count);
    } finally {
      await hc.close();
      await backend.close();
    }
  });

  it('close() cancels timers and closes in-flight probe sockets', async () => {
    const w = world();
    const i1 = instance(w, '10.0.1.25');
    const i2 = instance(w, '10.0.1.26', [{ protocol: 'tcp', ports: 8080, cidr: '192.168.0.0/16' }]);
    // A silent target, a target whose probes are dropped, and a 120 s timeout (2 min real at
    // scale 1): both probes are still waiting at close().
    await balance(w, 'application', { HealthCheckTimeoutSeconds: 120 }, [i1.id, i2.id]);
    const backend = await silentBackend(host('10.0.1.25'));
    const sockets = () => process.getActiveResourcesInfo().filter((t) => t === 'TCPSocketWrap').length;
    const before = sockets();
    const clock = trackingClock(1);
    const { hc, writer } = checker(w, clock);
    try {
      hc.reconcile();
      await eventually(() => assert.equal(backend.sockets.size, 1));
      assert.ok(sockets() > before);
      // Per target, the interval timer and the probe's timeout are pending.
      assert.equal(clock.pending(), 4);
      const round = hc.runRound();
      await hc.close();
      await round;
      assert.equal(clock.pending(), 0);
      await eventually(() => assert.equal(backend.sockets.size, 0), { timeoutMs: 2000 });
      assert.equal(sockets(), before);
      assert.equal(writer.writes.length, 0);
      // Calls after close() do nothing.
      hc.reconcile();
      await hc.runRound();
      assert.equal(clock.pending(), 0);
    } finally {
      await backend.close();
    }
  });
});

describe('health state machine and matcher', () => {
  it('parses codes and ranges', () => {
    const m = compileHttpCodeMatcher('200, 202-204,403');
    assert.deepEqual(
      [199, 200, 201, 202, 204, 205, 403, 404].map((s) => m(s)),
      [false, true, false, true, true, false, true, false],
    );
    assert.equal(compileHttpCodeMatcher(undefined)(200), true);
    assert.equal(compileHttpCodeMatcher('2xx')(200), false);
  });

  it('classifies failures by load balancer type', () => {
    assert.deepEqual(failureOf({ ok: false, failure: 'status', status: 404 }, 'application'), { reason: 'Target.ResponseCodeMismatch', description: 'Health checks failed with these codes: [404]' });
    assert.deepEqual(failureOf({ ok: false, failure: 'timeout' }, 'application'), { reason: 'Target.Timeout', description: 'Request timed out' });
    assert.deepEqual(failureOf({ ok: false, failure: 'error', detail: 'ECONNRESET' }, 'application'), { reason: 'Target.FailedHealthChecks', description: 'Health checks failed' });
    for (const failure of [{ ok: false, failure: 'status', status: 404 }, { ok: false, failure: 'timeout' }] as const) {
      assert.deepEqual(failureOf(failure, 'network'), { reason: 'Target.FailedHealthChecks', description: 'Health checks failed' });
    }
  });

  it('initial: one success is healthy; a seeded unhealthy target needs the healthy threshold', () => {
    const t = { healthy: 3, unhealthy: 2 };
    assert.equal(step(seedTracker(undefined), { ok: true }, t, 'network').state, 'healthy');
    let u = seedTracker({ state: 'unhealthy', reason: 'Target.FailedHealthChecks', description: 'Health checks failed' });
    u = step(u, { ok: true }, t, 'network');
    u = step(u, { ok: true }, t, 'network');
    assert.equal(u.shown.state, 'unhealthy');
    assert.equal(step(u, { ok: true }, t, 'network').shown.state, 'healthy');
  });
});

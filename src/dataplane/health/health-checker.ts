/**
 * The health checker of every ELBv2 target group: it probes each checked target over real
 * sockets, runs AWS's health state machine (health-state.ts) and writes what it observes back
 * as `elbv2.target-health` records, which DescribeTargetHealth reports and the load balancers
 * route by.
 *
 * Which targets are checked (elbv2-vpc-endpoints.md §1.8, §2.5):
 * - target groups some load balancer forwards to (the others report `unused` /
 *   `Target.NotInUse`, which the control plane computes: nothing is written for them);
 * - registrations that are not draining; instance targets only while `running`; targets with an
 *   address;
 * - targets in an enabled zone of the load balancer, or in zone `all` (§2.5: nodes check "only
 *   in enabled AZs"; the control plane reports the others `unused` / `Target.NotInUse`).
 *
 * Schedule: each target is probed every `HealthCheckIntervalSeconds` (AWS seconds, default 30,
 * divided by `--time-scale` through the clock), "regardless of response time" (§2.5); the first
 * probe goes out as soon as the target appears, and again at once when its group's health check
 * settings change. A probe still running when the next is due delays that one until it ends, so
 * probes of one target never overlap.
 *
 * The probe (probe.ts) starts at a load balancer node: the node in the target's zone, else the
 * first node of the group's first load balancer. Routes and security groups are those of that
 * node's ENI toward the target (network/reachability.ts): a flow AWS would drop gets no answer
 * and fails as a time-out after `HealthCheckTimeoutSeconds`. That is how a target whose
 * security group does not admit the load balancer's addresses turns unhealthy, as on AWS (§2.6,
 * §3: the target's groups must admit the NLB's private IPs). Loopback host services (`ip`
 * targets in 127.0.0.0/16 with zone `all`, DESIGN.md) are reached directly from the node's host
 * address, as the NLB's own flows reach them (nlb/flow-plan.ts).
 *
 * Writes: only when the state, reason or description changes (each write is one SQLite
 * transaction and a recompile). Counters live in memory; the starting state is what the store
 * last showed (the snapshot's `observed`).
 */
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/log.js';
import { ELBV2_KIND, type HealthCheck, type TargetHealthRecord } from '../../state/records/elbv2.js';
import type { ObservationWriter } from '../../state/ports.js';
import type { LbSnapshot, LoadBalancerEntry, NodeEntry, ObservedHealth, TargetEntry, TargetGroupEntry } from '../lb/snapshot.js';
import { isHostServiceAddress } from '../network/host-address.js';
import { decide, type Endpoint } from '../network/reachability.js';
import type { NetworkSnapshot } from '../network/snapshot.js';
import { sameHealth, seedTracker, step, type ProbeOutcome, type TargetTracker } from './health-state.js';
import { compileHttpCodeMatcher, type StatusMatcher } from './matcher.js';
import { startProbe, unansweredProbe, type RunningProbe } from './probe.js';

export interface HealthCheckerOptions {
  /** The latest load-balancing snapshot. */
  readonly lb: () => LbSnapshot;
  /** The latest network snapshot. */
  readonly network: () => NetworkSnapshot;
  readonly writer: ObservationWriter;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The port actually bound for (hostAddress, port) when localvpc had to fall back to another port; default identity. */
  readonly resolvePort?: (hostAddress: string, port: number) => number;
}

/** What a target is probed with, from the latest snapshot. */
interface Assignment {
  readonly targetGroup: TargetGroupEntry;
  readonly target: TargetEntry & { readonly ip: string };
  readonly loadBalancer: LoadBalancerEntry;
  readonly node: NodeEntry;
  /** The AWS-style port probed: the target's port for `traffic-port`, else HealthCheckPort. */
  readonly port: number;
  readonly matches: StatusMatcher;
}

interface Entry {
  readonly key: string;
  assignment: Assignment;
  /** The health check settings the schedule was made for. */
  settings: string;
  /** Bumped when the settings change, so a result of the old settings is ignored. */
  epoch: number;
  tracker: TargetTracker;
  /** What the store holds (undefined: no health record). */
  written: ObservedHealth | undefined;
  timer: { cancel(): void } | undefined;
  probe: RunningProbe | undefined;
  inFlight: Promise<void> | undefined;
  /** The interval came round while a probe was still running. */
  due: boolean;
}

export class HealthChecker {
  private readonly entries = new Map<string, Entry>();
  private readonly log: Logger;
  private readonly resolvePort: (hostAddress: string, port: number) => number;
  private closed = false;

  constructor(private readonly options: HealthCheckerOptions) {
    this.log = options.logger.child('health');
    this.resolvePort = options.resolvePort ?? ((_host, port) => port);
  }

  /** Re-reads the snapshot and (re)schedules probes: call after every new LbSnapshot. Idempotent. */
  reconcile(): void {
    if (this.closed) return;
    let snapshot: LbSnapshot;
    try {
      snapshot = this.options.lb();
    } catch (e) {
      this.log.warn('cannot read the load-balancing snapshot', { error: message(e) });
      return;
    }
    const seen = new Set<string>();
    for (const tg of snapshot.targetGroups.values()) {
      if (tg.loadBalancerArns.length === 0 || !tg.healthCheck.enabled) continue;
      const lbs = tg.loadBalancerArns.map((arn) => snapshot.loadBalancers.get(arn)).filter((lb): lb is LoadBalancerEntry => lb !== undefined);
      const matches = compileHttpCodeMatcher(tg.healthCheck.httpCode);
      for (const target of tg.targets) {
        if (!isChecked(target)) continue;
        const placement = placeProbe(lbs, target);
        if (!placement) continue;
        seen.add(target.key);
        const assignment: Assignment = { targetGroup: tg, target, ...placement, port: probePort(tg.healthCheck, target), matches };
        this.upsert(assignment);
      }
    }
    for (const entry of [...this.entries.values()]) if (!seen.has(entry.key)) this.remove(entry);
  }

  /** Runs one probe of every checked target now and resolves when all have finished and their results are written (used at boot and by tests). */
  async runRound(): Promise<void> {
    this.reconcile();
    await Promise.all(
      [...this.entries.values()].map(async (entry) => {
        while (entry.inFlight) await entry.inFlight;
        if (this.isLive(entry)) await this.launch(entry);
      }),
    );
  }

  /** Cancels every timer and closes every probe connection; resolves when all are closed. */
  async close(): Promise<void> {
    this.closed = true;
    const running: Promise<void>[] = [];
    for (const entry of this.entries.values()) {
      entry.timer?.cancel();
      entry.timer = undefined;
      entry.probe?.abort();
      if (entry.inFlight) running.push(entry.inFlight);
    }
    this.entries.clear();
    await Promise.all(running);
  }

  private upsert(assignment: Assignment): void {
    const key = assignment.target.key;
    const settings = settingsOf(assignment);
    const entry = this.entries.get(key);
    if (!entry) {
      const observed = assignment.target.observed;
      const created: Entry = { key, assignment, settings, epoch: 0, tracker: seedTracker(observed), written: observed, timer: undefined, probe: undefined, inFlight: undefined, due: false };
      this.entries.set(key, created);
      this.schedule(created, 0);
      return;
    }
    entry.assignment = assignment;
    // The health record vanished: the target was registered again (RegisterTargets deletes the
    // old record), so it starts over as a new registration.
    if (assignment.target.observed === undefined && entry.written !== undefined) {
      entry.written = undefined;
      entry.tracker = seedTracker(undefined);
      this.restart(entry, settings);
      return;
    }
    if (entry.settings !== settings) {
      // Results under the old settings say nothing about the new ones: counters start over,
      // the state stays what it was.
      entry.tracker = { ...entry.tracker, consecutiveSuccesses: 0, consecutiveFailures: 0 };
      this.restart(entry, settings);
    }
  }

  /** A probe of the new settings at once; a probe of the old ones still running is abandoned. */
  private restart(entry: Entry, settings: string): void {
    entry.settings = settings;
    entry.epoch++;
    entry.probe?.abort();
    this.schedule(entry, 0);
  }

  private remove(entry: Entry): void {
    entry.timer?.cancel();
    entry.timer = undefined;
    entry.probe?.abort();
    this.entries.delete(entry.key);
  }

  private isLive(entry: Entry): boolean {
    return !this.closed && this.entries.get(entry.key) === entry;
  }

  private schedule(entry: Entry, awsSeconds: number): void {
    entry.timer?.cancel();
    entry.timer = this.options.clock.after(awsSeconds, () => {
      entry.timer = undefined;
      if (!this.isLive(entry)) return;
      if (entry.inFlight) entry.due = true;
      else void this.launch(entry);
    });
  }

  /** Starts a probe now and the interval with it; resolves once its result is applied. */
  private launch(entry: Entry): Promise<void> {
    entry.due = false;
    this.schedule(entry, entry.assignment.targetGroup.healthCheck.intervalSeconds);
    const epoch = entry.epoch;
    const assignment = entry.assignment;
    const probe = this.open(assignment);
    entry.probe = probe;
    const run = probe.done
      .then((outcome) => this.apply(entry, epoch, assignment, outcome))
      .catch((e: unknown) => this.log.debug('health check result not applied', { target: entry.key, error: message(e) }))
      .finally(() => {
        entry.probe = undefined;
        entry.inFlight = undefined;
        if (entry.due && this.isLive(entry)) void this.launch(entry);
      });
    entry.inFlight = run;
    return run;
  }

  /** Opens the probe from the chosen node; a flow AWS would drop waits out the timeout unanswered. */
  private open(a: Assignment): RunningProbe {
    const hc = a.targetGroup.healthCheck;
    try {
      const from: Endpoint = {
        kind: 'vpc',
        vpcId: a.loadBalancer.vpcId,
        subnetId: a.node.subnetId,
        ip: a.node.privateIp,
        securityGroupIds: a.loadBalancer.securityGroups,
        networkInterfaceId: a.node.networkInterfaceId,
        instanceId: undefined,
      };
      // Loopback host services are this machine's processes: no route or group in front of them.
      const decision = isHostServiceAddress(a.target.ip)
        ? { allowed: true as const, hostAddress: a.target.ip, sourceHostAddress: a.node.hostAddress ?? '127.0.0.1' }
        : decide(this.options.network(), from, { ip: a.target.ip, port: a.port, protocol: 'tcp' });
      if (!decision.allowed) {
        this.log.debug('health check dropped', { target: a.target.key, reason: decision.reason });
        return unansweredProbe(hc.timeoutSeconds, this.options.clock);
      }
      return startProbe(
        {
          protocol: hc.protocol,
          hostAddress: decision.hostAddress,
          port: this.resolvePort(decision.hostAddress, a.port),
          localAddress: decision.sourceHostAddress,
          path: hc.path ?? '/',
          // ALB (§2.5): `Host: <target private IP>:<port>`. NLB (§3, AWS's NLB troubleshooting
          // "host header mismatch"): the node's IP and the listener port.
          hostHeader: a.loadBalancer.type === 'network' ? `${a.node.privateIp}:${a.loadBalancer.listeners.find((l) => l.targetGroupArn === a.targetGroup.arn)?.port ?? a.port}` : `${a.target.ip}:${a.port}`,
          matches: a.matches,
          timeoutSeconds: hc.timeoutSeconds,
          proxyProtocolV2: a.targetGroup.attributes['proxy_protocol_v2.enabled'] === 'true',
        },
        this.options.clock,
      );
    } catch (e) {
      const outcome: ProbeOutcome = { ok: false, failure: 'error', detail: message(e) };
      return { done: Promise.resolve(outcome), abort: () => {} };
    }
  }

  private apply(entry: Entry, epoch: number, a: Assignment, outcome: ProbeOutcome): void {
    if (!this.isLive(entry) || entry.epoch !== epoch) return;
    if (!outcome.ok) this.log.debug('health check failed', { target: entry.key, failure: outcome.failure, ...(outcome.failure === 'status' ? { status: outcome.status } : {}), ...(outcome.failure === 'error' ? { detail: outcome.detail } : {}) });
    const hc = a.targetGroup.healthCheck;
    entry.tracker = step(entry.tracker, outcome, { healthy: hc.healthyThresholdCount, unhealthy: hc.unhealthyThresholdCount }, a.loadBalancer.type);
    const shown = entry.tracker.shown;
    if (entry.written && sameHealth(entry.written, shown)) return;
    const record: TargetHealthRecord = { id: entry.key, state: shown.state, reason: shown.reason, description: shown.description, updatedAt: this.options.clock.now().toISOString() };
    try {
      // Written only while the registration exists, so a health record never outlives it.
      if (this.options.writer.record(ELBV2_KIND.targetHealth, record, { kind: ELBV2_KIND.target, id: entry.key })) {
        entry.written = shown;
        this.log.info('target health changed', { target: entry.key, state: shown.state, ...(shown.reason ? { reason: shown.reason } : {}) });
      }
    } catch (e) {
      // Not written: the next probe tries again.
      this.log.warn('cannot write target health', { target: entry.key, error: message(e) });
    }
  }
}

/** Not draining; instances only while running; an address to probe (§1.8). */
function isChecked(target: TargetEntry): target is TargetEntry & { readonly ip: string } {
  if (target.draining || target.ip === undefined) return false;
  return target.instanceState === undefined || target.instanceState === 'running';
}

/**
 * The node a target's probes start from: one in the target's zone; for zone `all` (or unknown),
 * the first node of the first load balancer. A target in a zone no load balancer of the group
 * has enabled is not checked (§2.5).
 */
function placeProbe(lbs: readonly LoadBalancerEntry[], target: TargetEntry): { loadBalancer: LoadBalancerEntry; node: NodeEntry } | undefined {
  const zone = target.availabilityZone;
  if (zone !== undefined && zone !== 'all') {
    for (const lb of lbs) {
      const node = lb.nodes.find((n) => n.zoneName === zone);
      if (node) return { loadBalancer: lb, node };
    }
    return undefined;
  }
  for (const lb of lbs) {
    const node = lb.nodes[0];
    if (node) return { loadBalancer: lb, node };
  }
  return undefined;
}

/** HealthCheckPort: `traffic-port` is the target's registered port (§1.5 table, §2.5). */
function probePort(hc: HealthCheck, target: TargetEntry): number {
  return hc.port === 'traffic-port' ? target.port : Number(hc.port);
}

/** Everything that changes how a target is probed; a change restarts its schedule. */
function settingsOf(a: Assignment): string {
  const hc = a.targetGroup.healthCheck;
  return JSON.stringify([
    hc.protocol,
    a.port,
    hc.path ?? null,
    hc.intervalSeconds,
    hc.timeoutSeconds,
    hc.healthyThresholdCount,
    hc.unhealthyThresholdCount,
    hc.httpCode ?? null,
    a.targetGroup.attributes['proxy_protocol_v2.enabled'] ?? null,
    a.loadBalancer.type,
    a.target.ip,
  ]);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

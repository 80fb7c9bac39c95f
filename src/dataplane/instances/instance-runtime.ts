/**
 * InstanceRuntime carries EC2 instances through the states the EC2 service starts
 * (ec2-route53-acm.md §1.10): the service writes `pending`, `stopping` and `shutting-down`; the
 * runtime observes the machine side and writes what follows through the ObservationWriter:
 *
 *   pending        ─(boot, 5 AWS seconds)─►  running
 *   stopping       ─(process stopped)─────►  stopped
 *   shutting-down  ─(process stopped)─────►  terminated (+ terminatedAt)
 *
 * Only the state is written; the service owns stateTransitionReason (`User initiated (…)`).
 * A write happens only if the record is still in the state it follows from, so an API call that
 * raced ahead (StopInstances during boot) wins.
 *
 * With `execUserData` (`--exec-user-data`, off by default: it runs commands that came in through
 * an API call), a running instance runs its user data as a child process (user-data.ts,
 * process-group.ts) in `<stateDir>/instances/<id>/`, with its output appended to
 * `<stateDir>/logs/<id>.log` and an environment that places it at the instance:
 * LOCALVPC_HOST_ADDRESS, LOCALVPC_PRIVATE_IP, LOCALVPC_INSTANCE_ID, and HTTP(S)_PROXY pointing to
 * a vantage proxy for the instance (DESIGN.md: "so their outbound calls count as coming from the
 * instance"). At start-up, instances already running run their user data again: a restarted
 * localvpc restores its backends; a group a crashed run left behind (recorded in
 * `instances/<id>/pid`) is stopped first. When the instance leaves `running`, the process group
 * stops.
 *
 * Work for one instance is serialized; each step reads the instance's current record, so a
 * burst of changes collapses into the last state.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/log.js';
import { KIND, type Instance } from '../../state/records/ec2.js';
import type { ObservationWriter } from '../../state/ports.js';
import type { Change } from '../../state/store.js';
import type { ChangeFeedReader, NetworkPlane } from '../network/network-plane.js';
import type { VantageProxy } from '../network/vantage-proxy.js';
import { DEFAULT_KILL_GRACE_MS, ProcessGroup } from './process-group.js';
import { reapStaleGroup } from './stale-groups.js';
import { userDataCommand } from './user-data.js';

/** AWS seconds from `pending` to `running`. */
export const DEFAULT_BOOT_SECONDS = 5;

export interface InstanceRuntimeOptions {
  readonly store: ChangeFeedReader;
  readonly writer: ObservationWriter;
  /** Host addresses and vantage proxies for user-data processes. */
  readonly network: NetworkPlane;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Where `instances/<id>/` and `logs/<id>.log` go. */
  readonly stateDir: string;
  /** Run user data as child processes. Default false. */
  readonly execUserData?: boolean;
  /** AWS seconds from `pending` to `running`. Default 5. */
  readonly bootSeconds?: number;
  /** Real milliseconds between SIGTERM and SIGKILL when stopping a process. Default 5000. */
  readonly killGraceMs?: number;
}

/** One user-data process, for `localvpc status`. */
export interface InstanceProcessStatus {
  readonly instanceId: string;
  readonly pid: number;
  readonly logPath: string;
  /** True while the process started from user data runs. */
  readonly running: boolean;
  /** Its exit code once it ended on its own (a script that started a server and returned). */
  readonly exitCode: number | null | undefined;
  /** The vantage proxy its HTTP_PROXY points to. */
  readonly proxyUrl: string;
}

interface Workload {
  readonly group: ProcessGroup;
  readonly proxy: VantageProxy;
}

export class InstanceRuntime {
  private readonly log: Logger;
  private readonly boots = new Map<string, { cancel(): void }>();
  private readonly workloads = new Map<string, Workload>();
  /** Per-instance work chain, and whether a reconcile is already waiting on it. */
  private readonly chains = new Map<string, { tail: Promise<void>; waiting: boolean }>();
  private unsubscribe: (() => void) | undefined;
  private closed = false;

  constructor(private readonly options: InstanceRuntimeOptions) {
    this.log = options.logger.child('instances');
  }

  /** Subscribes to instance changes and takes over the instances already stored. */
  start(): void {
    if (this.unsubscribe || this.closed) return;
    this.unsubscribe = this.options.store.onChange((changes) => this.onChanges(changes));
    for (const instance of this.options.store.list<Instance>(KIND.instance)) this.schedule(instance.id);
  }

  /** The user-data processes, for status. */
  processes(): InstanceProcessStatus[] {
    return [...this.workloads].map(([instanceId, w]) => ({
      instanceId,
      pid: w.group.pid,
      logPath: w.group.logPath,
      running: w.group.running,
      exitCode: w.group.exitCode,
      proxyUrl: w.proxy.url,
    }));
  }

  /** Resolves when every piece of scheduled work has run (for tests and orderly shutdown). */
  async idle(): Promise<void> {
    while ([...this.chains.values()].some((c) => c.waiting)) await Promise.all([...this.chains.values()].map((c) => c.tail));
    await Promise.all([...this.chains.values()].map((c) => c.tail));
  }

  /** Stops watching, cancels boots, and stops every user-data process. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    for (const boot of this.boots.values()) boot.cancel();
    this.boots.clear();
    await Promise.all([...this.chains.values()].map((c) => c.tail));
    await Promise.all([...this.workloads.keys()].map((id) => this.stopWorkload(id)));
  }

  private onChanges(changes: readonly Change[]): void {
    for (const change of changes) if (change.kind === KIND.instance) this.schedule(change.id);
  }

  private schedule(id: string): void {
    if (this.closed) return;
    const chain = this.chains.get(id) ?? { tail: Promise.resolve(), waiting: false };
    this.chains.set(id, chain);
    if (chain.waiting) return;
    chain.waiting = true;
    chain.tail = chain.tail.then(async () => {
      chain.waiting = false;
      try {
        await this.reconcile(id);
      } catch (e) {
        this.log.error('instance step failed', { instance: id, error: e instanceof Error ? e.message : String(e) });
      }
    });
  }

  private async reconcile(id: string): Promise<void> {
    if (this.closed) return;
    const instance = this.options.store.get<Instance>(KIND.instance, id);
    if (instance?.state !== 'pending') this.cancelBoot(id);
    if (!this.workloads.has(id)) await this.reapStale(id);
    switch (instance?.state) {
      case undefined:
        return this.stopWorkload(id);
      case 'pending':
        await this.stopWorkload(id);
        return this.scheduleBoot(id);
      case 'running':
        if (this.options.execUserData && !this.workloads.has(id)) await this.startWorkload(instance);
        return;
      case 'stopping':
        await this.stopWorkload(id);
        this.observe(id, { state: 'stopped' }, 'stopping');
        return;
      case 'shutting-down':
        await this.stopWorkload(id);
        this.observe(id, { state: 'terminated', terminatedAt: this.options.clock.now().toISOString() }, 'shutting-down');
        return;
      case 'stopped':
      case 'terminated':
        return this.stopWorkload(id);
    }
  }

  private scheduleBoot(id: string): void {
    if (this.boots.has(id)) return;
    const timer = this.options.clock.after(this.options.bootSeconds ?? DEFAULT_BOOT_SECONDS, () => {
      this.boots.delete(id);
      if (!this.closed) this.observe(id, { state: 'running' }, 'pending');
    });
    this.boots.set(id, timer);
  }

  private cancelBoot(id: string): void {
    this.boots.get(id)?.cancel();
    this.boots.delete(id);
  }

  private observe(id: string, patch: Partial<Instance>, from: Instance['state']): void {
    try {
      this.options.writer.observe<Instance>(KIND.instance, id, patch, (current) => current.state === from);
    } catch (e) {
      this.log.error('could not record instance state', { instance: id, state: patch.state, error: e instanceof Error ? e.message : String(e) });
    }
  }

  private async startWorkload(instance: Instance): Promise<void> {
    const command = userDataCommand(instance.userData);
    if (!command) return;
    if (command.kind === 'unsupported') {
      this.log.warn('user data not run', { instance: instance.id, reason: command.reason });
      return;
    }
    const entry = this.options.network.snapshot().instances.get(instance.id);
    const hostAddress = entry?.hostAddress;
    if (!hostAddress) {
      this.log.error('user data not run: the instance has no host address', { instance: instance.id });
      return;
    }
    const dir = join(this.options.stateDir, 'instances', instance.id);
    const logDir = join(this.options.stateDir, 'logs');
    mkdirSync(dir, { recursive: true });
    mkdirSync(logDir, { recursive: true });
    const proxy = await this.options.network.openVantageProxy(instance.id);
    let group: ProcessGroup;
    try {
      let file = '/bin/sh';
      let args = ['-c', command.kind === 'shell' ? command.command : ''];
      if (command.kind === 'script') {
        file = join(dir, 'user-data');
        writeFileSync(file, command.content, { mode: 0o700 });
        args = [];
      }
      group = await ProcessGroup.spawn({
        command: file,
        args,
        cwd: dir,
        logPath: join(logDir, `${instance.id}.log`),
        env: {
          ...process.env,
          LOCALVPC_HOST_ADDRESS: hostAddress,
          LOCALVPC_PRIVATE_IP: entry.privateIpAddress,
          LOCALVPC_INSTANCE_ID: instance.id,
          HTTP_PROXY: proxy.url,
          HTTPS_PROXY: proxy.url,
          http_proxy: proxy.url,
          https_proxy: proxy.url,
          NO_PROXY: '127.0.0.1,localhost',
          no_proxy: '127.0.0.1,localhost',
        },
      });
    } catch (e) {
      await proxy.close();
      throw e;
    }
    if (this.closed) {
      await group.stop(this.options.killGraceMs ?? DEFAULT_KILL_GRACE_MS);
      await proxy.close();
      return;
    }
    writeFileSync(this.pidFile(instance.id), `${group.pid}\n`);
    this.workloads.set(instance.id, { group, proxy });
    this.log.info('user data started', { instance: instance.id, pid: group.pid, hostAddress, log: group.logPath });
  }

  /** Stops a process group a previous run left for this instance (stale-groups.ts). */
  private async reapStale(id: string): Promise<void> {
    if (await reapStaleGroup(this.pidFile(id), id, this.options.killGraceMs ?? DEFAULT_KILL_GRACE_MS)) {
      this.log.warn('stopped user data left running by a previous run', { instance: id });
    }
  }

  private pidFile(id: string): string {
    return join(this.options.stateDir, 'instances', id, 'pid');
  }

  private async stopWorkload(id: string): Promise<void> {
    const workload = this.workloads.get(id);
    if (!workload) return;
    this.workloads.delete(id);
    await workload.group.stop(this.options.killGraceMs ?? DEFAULT_KILL_GRACE_MS);
    rmSync(this.pidFile(id), { force: true });
    await workload.proxy.close();
    this.log.info('user data stopped', { instance: id, pid: workload.group.pid });
  }
}

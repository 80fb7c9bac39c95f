/**
 * The NLB data plane: one TCP listener per (node, listener port) of every active Network Load
 * Balancer, bound on the node's host address (through the port map), passing bytes through
 * untouched to one target per connection (elbv2-vpc-endpoints.md §3, checklist 34–38).
 *
 * Per accepted connection, against the latest snapshots:
 * 1. who calls: the source address (source.ts); the listener checks routes and the NLB's
 *    security groups the way the vantage proxy would (a drop holds the connection silent);
 * 2. planFlow (flow-plan.ts) picks the target and the source address;
 * 3. connect, write the proxy-protocol preamble if asked, and pipe both ways. A refused
 *    target connection resets the client's (an NLB passes the RST through).
 *
 * Flows stay on their target. When a new snapshot shows a flow's target unhealthy and the
 * group's `target_health_state.unhealthy.connection_termination.enabled` is true (default),
 * or its deregistration delay over, the flow is reset. A flow idle for the listener's TCP idle
 * timeout (350 s, §3) is reset too.
 */
import net from 'node:net';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/log.js';
import type { LbPlane } from '../lb/lb-plane.js';
import type { LbSnapshot } from '../lb/snapshot.js';
import type { PortMap } from '../listeners/port-map.js';
import { holdOpen } from '../network/drop.js';
import type { NetworkPlane } from '../network/network-plane.js';
import { decide } from '../network/reachability.js';
import { endpointOfHostAddress } from '../network/source.js';
import { planFlow, type FlowPlan } from './flow-plan.js';
import type { TargetPicker } from './target-selection.js';
import { SerialReconcile } from '../listeners/serial-reconcile.js';

/** TCP idle timeout of NLB listeners, AWS seconds (`tcp.idle_timeout.seconds` default, §3). */
export const TCP_IDLE_TIMEOUT_SECONDS = 350;

export interface NlbListenersOptions {
  readonly lb: LbPlane;
  readonly network: NetworkPlane;
  readonly portMap: PortMap;
  readonly picker: TargetPicker;
  readonly clock: Clock;
  readonly logger: Logger;
  /** AWS seconds a dropped connection is held open. */
  readonly dropAfterSeconds: number;
}

interface BoundListener {
  readonly key: string;
  readonly lbArn: string;
  readonly port: number;
  readonly nodeId: string;
  readonly hostAddress: string;
  readonly server: net.Server;
}

interface ActiveFlow {
  readonly client: net.Socket;
  readonly upstream: net.Socket;
  readonly targetGroupArn: string;
  readonly targetKey: string;
  /** Whether the target was unhealthy at the last snapshot: termination applies when it turns so. */
  unhealthy: boolean;
}

export class NlbListeners {
  private readonly bound = new Map<string, BoundListener>();
  private readonly flows = new Set<ActiveFlow>();
  private readonly sockets = new Set<net.Socket>();
  private readonly log: Logger;
  private readonly reconciler: SerialReconcile;
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(private readonly options: NlbListenersOptions) {
    this.log = options.logger.child('nlb');
    this.reconciler = new SerialReconcile(() => this.reconcileNow(), this.log);
    this.unsubscribe = options.lb.onSnapshot((s) => {
      void this.reconcile();
      this.cutFlows(s);
    });
  }

  /** Opens and closes listeners to match the latest snapshot; resolves when done. */
  reconcile(): Promise<void> {
    return this.reconciler.request();
  }

  /** Every listener bound, for `localvpc status`. */
  listeners(): { lbArn: string; port: number; hostAddress: string; boundPort: number }[] {
    return [...this.bound.values()].map((b) => ({ lbArn: b.lbArn, port: b.port, hostAddress: b.hostAddress, boundPort: this.options.portMap.resolve(b.hostAddress, b.port) }));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    await this.reconciler.settled();
    for (const s of this.sockets) s.destroy();
    await Promise.all([...this.bound.values()].map((b) => this.unbind(b)));
  }

  private async reconcileNow(): Promise<void> {
    if (this.closed) return;
    const snapshot = this.options.lb.snapshot();
    const wanted = new Map<string, Omit<BoundListener, 'server'>>();
    for (const lb of snapshot.loadBalancers.values()) {
      if (lb.type !== 'network' || (lb.state !== 'active' && lb.state !== 'active_impaired')) continue;
      for (const listener of lb.listeners) {
        // TLS, UDP and TCP_UDP listeners are refused by the control plane (not implemented).
        if (listener.protocol !== 'TCP') continue;
        for (const node of lb.nodes) {
          if (!node.hostAddress) continue;
          const key = `${node.hostAddress}:${listener.port}`;
          wanted.set(key, { key, lbArn: lb.arn, port: listener.port, nodeId: node.networkInterfaceId, hostAddress: node.hostAddress });
        }
      }
    }
    for (const [key, b] of this.bound) {
      const w = wanted.get(key);
      if (!w || w.lbArn !== b.lbArn || w.nodeId !== b.nodeId) await this.unbind(b);
    }
    for (const [key, w] of wanted) {
      if (this.bound.has(key) || this.closed) continue;
      const server = net.createServer({ noDelay: true, allowHalfOpen: true }, (socket) => this.onConnection(socket, w));
      try {
        await this.options.portMap.listen(server, w.hostAddress, w.port);
        this.bound.set(key, { ...w, server });
      } catch (e) {
        this.log.error('cannot listen', { address: key, error: String(e) });
      }
    }
  }

  private unbind(b: BoundListener): Promise<void> {
    this.bound.delete(b.key);
    this.options.portMap.release(b.hostAddress, b.port);
    // Stop accepting at once; flows already carried end on their own (waiting for them would
    // hold every later reconcile back).
    b.server.close();
    return Promise.resolve();
  }

  private onConnection(client: net.Socket, where: Omit<BoundListener, 'server'>): void {
    this.track(client);
    client.on('error', () => client.destroy());
    const lbs = this.options.lb.snapshot();
    const network = this.options.network.snapshot();
    const lb = lbs.loadBalancers.get(where.lbArn);
    const listener = lb?.listeners.find((l) => l.port === where.port);
    const node = lb?.nodes.find((n) => n.networkInterfaceId === where.nodeId);
    const tg = listener?.targetGroupArn ? lbs.targetGroups.get(listener.targetGroupArn) : undefined;
    if (!lb || !listener || !node || !tg) return void client.resetAndDestroy();
    const from = endpointOfHostAddress(network, client.remoteAddress);
    const admitted = decide(network, from, { ip: node.privateIp, port: listener.port, protocol: 'tcp' });
    if (!admitted.allowed) {
      this.log.info('dropped', { listener: `${lb.name}:${listener.port}`, reason: admitted.reason });
      holdOpen(client, this.options.clock, this.options.dropAfterSeconds, { discardInput: true });
      return;
    }
    const clientIp = from.kind === 'internet' ? undefined : from.ip;
    const plan = planFlow(network, lb, node, tg, listener.port, { kind: 'client', endpoint: from, hostAddress: client.remoteAddress ?? '127.0.0.1', ip: clientIp, port: client.remotePort ?? 0 }, this.options.picker);
    this.carry(client, plan, tg.arn, `${lb.name}:${listener.port}`);
  }

  private carry(client: net.Socket, plan: FlowPlan, targetGroupArn: string, label: string): void {
    if (plan.kind === 'reset') {
      this.log.info('reset', { listener: label, reason: plan.reason });
      return void client.resetAndDestroy();
    }
    if (plan.kind === 'drop') {
      this.log.info('dropped', { listener: label, reason: plan.reason });
      holdOpen(client, this.options.clock, this.options.dropAfterSeconds, { discardInput: true });
      return;
    }
    client.pause();
    const upstream = net.connect({ host: plan.hostAddress, port: this.options.portMap.resolve(plan.hostAddress, plan.port), localAddress: plan.localAddress, noDelay: true, allowHalfOpen: true });
    this.track(upstream);
    const flow: ActiveFlow = { client, upstream, targetGroupArn, targetKey: plan.target.key, unhealthy: plan.target.observed?.state === 'unhealthy' };
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      this.flows.add(flow);
      if (plan.preamble) upstream.write(plan.preamble);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      const idle = this.options.clock.toRealMs(TCP_IDLE_TIMEOUT_SECONDS);
      client.setTimeout(idle, () => {
        client.resetAndDestroy();
        upstream.resetAndDestroy();
      });
    });
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      if (!connected) this.log.info('target refused', { listener: label, target: plan.target.key, error: err.code ?? err.message });
      client.resetAndDestroy();
    });
    upstream.on('close', () => {
      this.flows.delete(flow);
      if (!client.destroyed) client.end();
    });
    client.on('close', () => {
      this.flows.delete(flow);
      if (!upstream.destroyed) upstream.end();
    });
  }

  /** Resets flows whose target is gone, or unhealthy with connection termination on. */
  private cutFlows(snapshot: LbSnapshot): void {
    for (const flow of this.flows) {
      const tg = snapshot.targetGroups.get(flow.targetGroupArn);
      const target = tg?.targets.find((t) => t.key === flow.targetKey);
      const terminateUnhealthy = tg?.attributes['target_health_state.unhealthy.connection_termination.enabled'] !== 'false';
      // After the deregistration delay, flows end only with connection termination on
      // (`deregistration_delay.connection_termination.enabled`, default false for TCP: "existing
      // connections may keep flowing", §1.7).
      const terminateDrained = !tg || tg.attributes['deregistration_delay.connection_termination.enabled'] === 'true';
      const unhealthy = target?.observed?.state === 'unhealthy';
      const turned = unhealthy && !flow.unhealthy;
      flow.unhealthy = unhealthy;
      if ((!target && terminateDrained) || (target && terminateUnhealthy && turned)) {
        this.flows.delete(flow);
        flow.client.resetAndDestroy();
        flow.upstream.resetAndDestroy();
      }
    }
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}

/**
 * Test kit for the load-balancing data-plane tests (no tests of its own, like
 * services/elbv2/fixtures.test.ts): a store with one VPC (10.0.0.0/16 on a wire the calling test
 * file owns), three subnets, the ELBv2 handlers to build load balancers through, and shorthands
 * for what the health checker would write.
 *
 * Subnets: A 10.0.1.0/24 and B 10.0.2.0/24 hold the load balancer nodes (10.0.1.4, 10.0.2.4);
 * C 10.0.3.0/24 is where clients live.
 *
 * The context's clock is real time plus an offset the test moves (`advance`), so that
 * registration and deregistration times can be told apart without sleeping.
 */
import { call, testContext } from '../../../test/helpers/context.js';
import { createClock, type Clock } from '../../kernel/clock.js';
import { elbv2Service } from '../../services/elbv2/index.js';
import type { OperationContext } from '../../services/context.js';
import { ELBV2_KIND, targetKey, type TargetHealthRecord, type TargetHealthState } from '../../state/records/elbv2.js';
import type { Store } from '../../state/store.js';
import { Ec2Fixture, type RuleSpec } from '../../state/views/testing-fixtures.js';
import { compileNetwork } from '../network/compile.js';
import type { NetworkSnapshot } from '../network/snapshot.js';
import { compileLoadBalancing } from './compile.js';
import type { LbSnapshot } from './snapshot.js';

export interface LbWorld {
  readonly ctx: OperationContext;
  readonly store: Store;
  readonly ec2: Ec2Fixture;
  readonly wire: number;
  readonly vpcId: string;
  readonly subnetA: string;
  readonly subnetB: string;
  readonly subnetC: string;
  /** The host address of an AWS-style 10.0.x.y address of the VPC. */
  host(ip: string): string;
  /** Moves the handlers' clock forward by `seconds`. */
  advance(seconds: number): void;
  call(operation: string, input?: Record<string, unknown>): Promise<any>;
  network(): NetworkSnapshot;
  /** A standalone compile (generation 0) at real time unless told otherwise. */
  compile(clock?: Pick<Clock, 'toRealMs'>, now?: number): LbSnapshot;
}

export function lbWorld(wire: number): LbWorld {
  let offset = 0;
  const base = testContext();
  const clock: Clock = { ...createClock(1), now: () => new Date(Date.now() + offset) };
  const ctx: OperationContext = { ...base, clock };
  const ec2 = new Ec2Fixture(ctx.store, ctx.region);
  const vpc = ec2.vpc('10.0.0.0/16', { wires: [wire] });
  const a = ec2.subnet(vpc, '10.0.1.0/24', 'eu-west-1a');
  const b = ec2.subnet(vpc, '10.0.2.0/24', 'eu-west-1b');
  const c = ec2.subnet(vpc, '10.0.3.0/24', 'eu-west-1a');
  return {
    ctx,
    store: ctx.store,
    ec2,
    wire,
    vpcId: vpc.id,
    subnetA: a.id,
    subnetB: b.id,
    subnetC: c.id,
    host: (ip) => {
      const m = /^10\.0\.(\d+)\.(\d+)$/.exec(ip);
      if (!m) throw new Error(`${ip} is not in 10.0.0.0/16`);
      return `127.${wire}.${m[1]}.${m[2]}`;
    },
    advance: (seconds) => {
      offset += seconds * 1000;
    },
    call: (operation, input = {}) => call(elbv2Service, ctx, operation, input),
    network: () => compileNetwork(ctx.store),
    compile: (c = createClock(1), now = Date.now()) => compileLoadBalancing(ctx.store, compileNetwork(ctx.store), c, now),
  };
}

/** An instance in `subnet` behind its own security group admitting `ingress` (default: tcp from the whole VPC). */
export function webInstance(w: LbWorld, subnet: string, ip: string, ingress: readonly RuleSpec[] = [{ protocol: 'tcp', ports: [1, 65535], cidr: '10.0.0.0/16' }]) {
  const sg = w.ec2.securityGroup(w.vpcId, `web-${ip}`, { ingress });
  return { instance: w.ec2.instance(subnet, ip, { groups: [sg] }), sg };
}

export interface BalancerSpec {
  readonly name?: string;
  readonly type?: 'network' | 'application';
  readonly subnets?: readonly string[];
  readonly securityGroups?: readonly string[];
  /** CreateTargetGroup overrides (Protocol TCP, Port 8080, TargetType instance by default). */
  readonly targetGroup?: Record<string, unknown>;
  /** ModifyTargetGroupAttributes, applied before any target is registered. */
  readonly attributes?: Record<string, string>;
  readonly listenerPort?: number;
  readonly targets?: readonly (string | { Id: string; Port?: number; AvailabilityZone?: string })[];
}

export interface Balancer {
  readonly lbArn: string;
  readonly dnsName: string;
  readonly tgArn: string;
  readonly listenerArn: string;
}

/** A load balancer (internal NLB in A and B by default), a target group, a listener forwarding to it, and targets on port 8080. */
export async function balancer(w: LbWorld, spec: BalancerSpec = {}): Promise<Balancer> {
  const type = spec.type ?? 'network';
  const name = spec.name ?? (type === 'network' ? 'nlb' : 'alb');
  const lb = (
    await w.call('CreateLoadBalancer', {
      Name: name,
      Type: type,
      Scheme: 'internal',
      Subnets: spec.subnets ?? [w.subnetA, w.subnetB],
      ...(spec.securityGroups ? { SecurityGroups: spec.securityGroups } : {}),
    })
  ).LoadBalancers[0];
  const tg = (await w.call('CreateTargetGroup', { Name: `${name}-tg`, Protocol: type === 'network' ? 'TCP' : 'HTTP', Port: 8080, VpcId: w.vpcId, ...spec.targetGroup })).TargetGroups[0];
  if (spec.attributes) {
    await w.call('ModifyTargetGroupAttributes', { TargetGroupArn: tg.TargetGroupArn, Attributes: Object.entries(spec.attributes).map(([Key, Value]) => ({ Key, Value })) });
  }
  const listener = (
    await w.call('CreateListener', {
      LoadBalancerArn: lb.LoadBalancerArn,
      Protocol: type === 'network' ? 'TCP' : 'HTTP',
      Port: spec.listenerPort ?? 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }],
    })
  ).Listeners[0];
  if (spec.targets && spec.targets.length > 0) {
    await w.call('RegisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: spec.targets.map((t) => (typeof t === 'string' ? { Id: t } : t)) });
  }
  return { lbArn: lb.LoadBalancerArn, dnsName: lb.DNSName, tgArn: tg.TargetGroupArn, listenerArn: listener.ListenerArn };
}

/** Writes what the health checker would: the observed state of one registration. */
export function setHealth(w: LbWorld, tgArn: string, targetId: string, state: TargetHealthState, port = 8080): void {
  const failing = state === 'unhealthy';
  const record: TargetHealthRecord = {
    id: targetKey(tgArn, targetId, port),
    state,
    ...(failing ? { reason: 'Target.FailedHealthChecks', description: 'Health checks failed' } : {}),
    updatedAt: new Date().toISOString(),
  };
  w.store.transact((tx) => tx.put(ELBV2_KIND.targetHealth, record));
}

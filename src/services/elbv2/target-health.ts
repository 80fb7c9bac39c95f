/**
 * DescribeTargetHealth (elbv2-vpc-endpoints.md §1.8). Observed health comes from
 * `elbv2.target-health` records the data plane's health checker writes; until one exists, or
 * when the situation overrides it, the state is AWS's for that situation:
 * - named but not registered → `unused` / `Target.NotRegistered` (not an error; §1.8);
 * - deregistered, delay still running → `draining` / `Target.DeregistrationInProgress` (§1.7);
 * - group not used by any load balancer → `unused` / `Target.NotInUse` (§1.8, checklist 15);
 * - instance stopped → `unused` / `Target.InvalidState` (the reference lists InvalidState under
 *   `unused`, with the description `Target is in the stopped state`);
 * - target in a zone the load balancer has not enabled → `unused` / `Target.NotInUse`;
 * - otherwise the health record, or `initial` / `Elb.RegistrationInProgress`.
 */
import type { OperationContext, OperationHandler } from '../context.js';
import { KIND, type Instance, type Subnet } from '../../state/records/ec2.js';
import { cidr, cidrContainsIp, parseIp } from '../../kernel/cidr.js';
import { ELBV2_KIND, targetKey, type LoadBalancer, type TargetGroup, type TargetHealthRecord, type TargetHealthState, type TargetRegistration } from '../../state/records/elbv2.js';
import { rejectUnsupported, rejectUnsupportedMember } from './common/errors.js';
import { loadBalancersOfTargetGroup, mustGetTargetGroup } from './common/lookup.js';
import { isDrainOver } from '../../state/views/load-balancing.js';

export interface TargetHealth {
  readonly State: TargetHealthState;
  readonly Reason?: string;
  readonly Description?: string;
}

/** Descriptions as AWS shows them (§1.8, target-health-reason-codes). */
const H = {
  notRegistered: { State: 'unused', Reason: 'Target.NotRegistered', Description: 'Target is not registered to the target group' },
  notInUse: { State: 'unused', Reason: 'Target.NotInUse', Description: 'Target group is not configured to receive traffic from the load balancer' },
  zoneNotEnabled: { State: 'unused', Reason: 'Target.NotInUse', Description: 'Target is in an Availability Zone that is not enabled for the load balancer' },
  stopped: { State: 'unused', Reason: 'Target.InvalidState', Description: 'Target is in the stopped state' },
  draining: { State: 'draining', Reason: 'Target.DeregistrationInProgress', Description: 'Target deregistration is in progress' },
  initial: { State: 'initial', Reason: 'Elb.RegistrationInProgress', Description: 'Target registration is in progress' },
} as const satisfies Record<string, TargetHealth>;


/** The zone a target sits in, when localvpc can tell (instance zone, or the subnet holding the IP). */
function targetZone(ctx: OperationContext, tg: TargetGroup, reg: TargetRegistration): string | undefined {
  if (reg.availabilityZone !== undefined) return reg.availabilityZone;
  if (tg.targetType === 'instance') return ctx.store.get<Instance>(KIND.instance, reg.targetId)?.availabilityZone;
  const ip = parseIp(reg.targetId);
  if (ip === undefined) return undefined;
  return ctx.store.list<Subnet>(KIND.subnet, (s) => s.vpcId === tg.vpcId && cidrContainsIp(cidr(s.cidrBlock), ip))[0]?.availabilityZone;
}

export function targetHealthOf(ctx: OperationContext, tg: TargetGroup, reg: TargetRegistration | undefined, now: Date): TargetHealth {
  if (!reg || isDrainOver(reg, tg, ctx.clock, now)) return H.notRegistered;
  if (reg.deregisteredAt !== undefined) return H.draining;
  const lbArns = loadBalancersOfTargetGroup(ctx.store, tg.id);
  if (lbArns.length === 0) return H.notInUse;
  if (tg.targetType === 'instance') {
    const inst = ctx.store.get<Instance>(KIND.instance, reg.targetId);
    if (inst && inst.state !== 'running' && inst.state !== 'pending') return H.stopped;
  }
  const zone = targetZone(ctx, tg, reg);
  if (zone !== undefined && zone !== 'all') {
    const zones = lbArns.flatMap((arn) => ctx.store.get<LoadBalancer>(ELBV2_KIND.loadBalancer, arn)?.zones.map((z) => z.zoneName) ?? []);
    if (!zones.includes(zone)) return H.zoneNotEnabled;
  }
  const observed = ctx.store.get<TargetHealthRecord>(ELBV2_KIND.targetHealth, reg.id);
  if (observed) return { State: observed.state, Reason: observed.reason, Description: observed.description };
  return H.initial;
}

const describeTargetHealth: OperationHandler = (ctx, input: { TargetGroupArn?: string; Targets?: { Id?: string; Port?: number; AvailabilityZone?: string }[] }) => {
  rejectUnsupported('DescribeTargetHealth', input, ['TargetGroupArn', 'Targets']);
  const tg = mustGetTargetGroup(ctx.store, ctx.region, input.TargetGroupArn);
  const now = ctx.clock.now();
  const all = ctx.store.list<TargetRegistration>(ELBV2_KIND.target, (r) => r.targetGroupArn === tg.id && !isDrainOver(r, tg, ctx.clock, now));
  let rows: { id: string; port: number; reg: TargetRegistration | undefined }[];
  if (input.Targets && input.Targets.length > 0) {
    rows = input.Targets.map((t) => {
      rejectUnsupportedMember('DescribeTargetHealth', 'Targets', t as Record<string, unknown>, ['Id', 'Port', 'AvailabilityZone']);
      const id = t.Id ?? '';
      // Without a port, a target registered on any port answers (AWS lists each registration).
      const regs = t.Port === undefined ? all.filter((r) => r.targetId === id) : all.filter((r) => r.id === targetKey(tg.id, id, t.Port!));
      return regs.length > 0 ? regs.map((reg) => ({ id, port: reg.port, reg })) : [{ id, port: t.Port ?? tg.port, reg: undefined }];
    }).flat();
  } else {
    rows = all.sort((a, b) => a.registeredAt.localeCompare(b.registeredAt) || a.id.localeCompare(b.id)).map((reg) => ({ id: reg.targetId, port: reg.port, reg }));
  }
  return {
    TargetHealthDescriptions: rows.map(({ id, port, reg }) => ({
      Target: { Id: id, Port: port, AvailabilityZone: reg?.availabilityZone },
      HealthCheckPort: tg.healthCheck.port === 'traffic-port' ? String(port) : tg.healthCheck.port,
      TargetHealth: targetHealthOf(ctx, tg, reg, now),
    })),
  };
};

export const targetHealthHandlers: Record<string, OperationHandler> = {
  DescribeTargetHealth: describeTargetHealth,
};

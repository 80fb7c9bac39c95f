/**
 * RegisterTargets and DeregisterTargets (elbv2-vpc-endpoints.md §1.7).
 *
 * A registration is a record keyed `${tgArn}|${id}|${port}`; the same instance or IP may be
 * registered on several ports. Deregistration stamps `deregisteredAt`: the target drains for
 * `deregistration_delay.timeout_seconds` (read against ctx.clock by DescribeTargetHealth and the
 * data plane), after which it counts as not registered.
 */
import type { OperationContext, OperationHandler } from '../context.js';
import { AwsError } from '../../kernel/errors.js';
import { cidr, cidrContainsIp, parseIp } from '../../kernel/cidr.js';
import { KIND, type Instance, type Subnet } from '../../state/records/ec2.js';
import { ELBV2_KIND, targetKey, type TargetGroup, type TargetRegistration } from '../../state/records/elbv2.js';
import { rejectUnsupported, rejectUnsupportedMember, validationError } from './common/errors.js';
import { loadBalancersOfTargetGroup, mustGetTargetGroup } from './common/lookup.js';
import { isHttpFamily } from './health-check.js';
import { deregistrationDelaySeconds, isDrainOver } from '../../state/views/load-balancing.js';

export interface TargetDescriptionInput {
  Id?: string;
  Port?: number;
  AvailabilityZone?: string;
}

/**
 * Private ranges an `ip` target outside the VPC may use (§1.7), plus 127.0.0.0/8: localvpc's
 * loopback host services register as `ip` targets with AvailabilityZone `all` (DESIGN.md).
 */
const OUTSIDE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8'].map(cidr);

function targetPort(tg: TargetGroup, t: TargetDescriptionInput): number {
  const port = t.Port ?? tg.port;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw validationError(`1 validation error detected: Value '${port}' at 'targets.member.port' failed to satisfy constraint: Member must have value between 1 and 65535`);
  return port;
}

/** Instance targets: a well-formed id of a running (or pending) instance in the group's VPC (§1.7). */
function checkInstanceTarget(ctx: OperationContext, tg: TargetGroup, t: TargetDescriptionInput): void {
  const id = t.Id!;
  if (!/^i-[0-9a-f]{8,17}$/.test(id)) throw validationError(`Instance ID '${id}' is not valid`);
  if (t.AvailabilityZone !== undefined) throw validationError('An Availability Zone cannot be specified for instance targets');
  const inst = ctx.store.get<Instance>(KIND.instance, id);
  if (!inst || inst.region !== ctx.region || inst.vpcId !== tg.vpcId || inst.state === 'terminated') {
    throw new AwsError('InvalidTarget', 'The specified target does not exist or is not in the same VPC as the target group.');
  }
  // Registration needs a running instance (§1.7, moto's wording); `pending` is admitted since it
  // becomes running without further calls.
  if (inst.state !== 'running' && inst.state !== 'pending') {
    throw new AwsError('InvalidTarget', `The following targets are not in a running state and cannot be registered: '${id}'`);
  }
}

/**
 * IP targets: inside the VPC means inside one of its subnets, not merely its CIDR blocks (§1.7,
 * observed). Inside → AZ `all` refused; outside → a private range with an AZ (`all` for ALB
 * target groups).
 */
function checkIpTarget(ctx: OperationContext, tg: TargetGroup, t: TargetDescriptionInput): void {
  const id = t.Id!;
  const ip = parseIp(id);
  if (ip === undefined) throw validationError(`The IP address '${id}' is not a valid IPv4 address`);
  const subnet = ctx.store.list<Subnet>(KIND.subnet, (s) => s.region === ctx.region && s.vpcId === tg.vpcId && cidrContainsIp(cidr(s.cidrBlock), ip))[0];
  if (subnet) {
    if (t.AvailabilityZone === 'all') {
      throw validationError(`The IP address '${id}' is within the VPC, and cannot have its Availability Zone overridden to 'all' from '${subnet.availabilityZone}'`);
    }
    return;
  }
  if (!OUTSIDE_RANGES.some((r) => cidrContainsIp(r, ip))) throw validationError(`The IP address '${id}' is not a valid private IP address`);
  if (t.AvailabilityZone === undefined) {
    throw validationError(`You must specify a valid Availability Zone or select 'all' for all enabled Availability zones, since the IP address '${id}' is outside the VPC`);
  }
  if (isHttpFamily(tg.protocol) && t.AvailabilityZone !== 'all') {
    throw validationError(`The Availability Zone for IP address '${id}' must be 'all' for Application Load Balancer target groups, when not within the VPC`);
  }
}

function checkTargets(operation: string, targets: TargetDescriptionInput[] | undefined): TargetDescriptionInput[] {
  if (!targets || targets.length === 0) throw validationError('At least one target must be specified');
  for (const t of targets) {
    rejectUnsupportedMember(operation, 'Targets', t as Record<string, unknown>, ['Id', 'Port', 'AvailabilityZone']);
    if (!t.Id) throw validationError('A target ID must be specified');
  }
  return targets;
}

const registerTargets: OperationHandler = (ctx, input: { TargetGroupArn?: string; Targets?: TargetDescriptionInput[] }) => {
  rejectUnsupported('RegisterTargets', input, ['TargetGroupArn', 'Targets']);
  const tg = mustGetTargetGroup(ctx.store, ctx.region, input.TargetGroupArn);
  const targets = checkTargets('RegisterTargets', input.Targets);
  for (const t of targets) (tg.targetType === 'instance' ? checkInstanceTarget : checkIpTarget)(ctx, tg, t);
  const now = ctx.clock.now();
  ctx.store.transact((tx) => {
    for (const t of targets) {
      const port = targetPort(tg, t);
      const id = targetKey(tg.id, t.Id!, port);
      const cur = tx.get<TargetRegistration>(ELBV2_KIND.target, id);
      // Registering an already registered target changes nothing; a draining one starts over.
      if (cur && cur.deregisteredAt === undefined) continue;
      tx.put<TargetRegistration>(ELBV2_KIND.target, { id, region: ctx.region, targetGroupArn: tg.id, targetId: t.Id!, port, availabilityZone: t.AvailabilityZone, registeredAt: now.toISOString() });
      if (tx.get(ELBV2_KIND.targetHealth, id)) tx.delete(ELBV2_KIND.targetHealth, id);
    }
  });
  return {};
};

/**
 * Deregistering a target that is not registered succeeds (§1.1). A target of a group no load
 * balancer uses, or with a zero delay, is removed at once ([infer]: nothing to drain).
 */
const deregisterTargets: OperationHandler = (ctx, input: { TargetGroupArn?: string; Targets?: TargetDescriptionInput[] }) => {
  rejectUnsupported('DeregisterTargets', input, ['TargetGroupArn', 'Targets']);
  const tg = mustGetTargetGroup(ctx.store, ctx.region, input.TargetGroupArn);
  const targets = checkTargets('DeregisterTargets', input.Targets);
  const now = ctx.clock.now();
  const drains = deregistrationDelaySeconds(tg) > 0 && loadBalancersOfTargetGroup(ctx.store, tg.id).length > 0;
  ctx.store.transact((tx) => {
    for (const t of targets) {
      const id = targetKey(tg.id, t.Id!, t.Port ?? tg.port);
      const cur = tx.get<TargetRegistration>(ELBV2_KIND.target, id);
      if (!cur || (cur.deregisteredAt !== undefined && !isDrainOver(cur, tg, ctx.clock, now))) continue;
      if (cur.deregisteredAt !== undefined || !drains) {
        tx.delete(ELBV2_KIND.target, id);
        if (tx.get(ELBV2_KIND.targetHealth, id)) tx.delete(ELBV2_KIND.targetHealth, id);
      } else {
        tx.put<TargetRegistration>(ELBV2_KIND.target, { ...cur, deregisteredAt: now.toISOString() });
      }
    }
  });
  return {};
};

export const targetHandlers: Record<string, OperationHandler> = {
  RegisterTargets: registerTargets,
  DeregisterTargets: deregisterTargets,
};

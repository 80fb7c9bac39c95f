/**
 * Target groups: CreateTargetGroup, DescribeTargetGroups, ModifyTargetGroup, DeleteTargetGroup
 * (elbv2-vpc-endpoints.md §1.5). Target types `instance` and `ip`; `lambda` and `alb` answer
 * not implemented.
 */
import type { OperationHandler } from '../context.js';
import { AwsError, NotImplementedError } from '../../kernel/errors.js';
import { KIND, type Vpc } from '../../state/records/ec2.js';
import { ELBV2_KIND, type ElbProtocol, type TargetGroup, type TargetRegistration, type TargetType } from '../../state/records/elbv2.js';
import { targetGroupArn } from './common/arns.js';
import { rejectUnsupported, targetGroupNotFound, validationError } from './common/errors.js';
import { listInRegion, loadBalancersOfTargetGroup, mustGetLoadBalancer, mustGetTargetGroup, targetGroupsOfLoadBalancer } from './common/lookup.js';
import { checkTargetGroupName } from './common/names.js';
import { paginate } from './common/pagination.js';
import { checkTags } from './common/tags.js';
import { isHttpFamily, resolveHealthCheck, type HealthCheckInput } from './health-check.js';
import { defaultTargetGroupAttributes } from './target-group-attributes.js';
import { targetGroupToWire } from './target-group-wire.js';

const PROTOCOLS: readonly ElbProtocol[] = ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP'];
const HEALTH_CHECK_MEMBERS = ['HealthCheckProtocol', 'HealthCheckPort', 'HealthCheckEnabled', 'HealthCheckPath', 'HealthCheckIntervalSeconds', 'HealthCheckTimeoutSeconds', 'HealthyThresholdCount', 'UnhealthyThresholdCount', 'Matcher'];

interface CreateTargetGroupInput extends HealthCheckInput {
  Name?: string;
  Protocol?: string;
  ProtocolVersion?: string;
  Port?: number;
  VpcId?: string;
  TargetType?: string;
  Tags?: { Key?: string; Value?: string }[];
  IpAddressType?: string;
}

const createTargetGroup: OperationHandler = (ctx, input: CreateTargetGroupInput) => {
  rejectUnsupported('CreateTargetGroup', input as Record<string, unknown>, ['Name', 'Protocol', 'ProtocolVersion', 'Port', 'VpcId', 'TargetType', 'Tags', 'IpAddressType', ...HEALTH_CHECK_MEMBERS]);
  const name = checkTargetGroupName(input.Name);
  const targetType = (input.TargetType ?? 'instance') as TargetType;
  if (targetType !== 'instance' && targetType !== 'ip') throw new NotImplementedError(`Target type '${input.TargetType}' is not implemented by localvpc (elbv2 2015-12-01).`);
  if (input.IpAddressType !== undefined && input.IpAddressType !== 'ipv4') throw new NotImplementedError(`IpAddressType '${input.IpAddressType}' is not implemented by localvpc (elbv2 2015-12-01).`);
  // Required for instance/ip target groups, in this order (§1.5, moto's AWS-style wording).
  if (input.Protocol === undefined) throw validationError('A protocol must be specified');
  if (!PROTOCOLS.includes(input.Protocol as ElbProtocol)) throw new NotImplementedError(`Target group protocol '${input.Protocol}' is not implemented by localvpc (elbv2 2015-12-01).`);
  const protocol = input.Protocol as ElbProtocol;
  if (input.Port === undefined) throw validationError('A port must be specified');
  if (!Number.isInteger(input.Port) || input.Port < 1 || input.Port > 65535) throw validationError(`1 validation error detected: Value '${input.Port}' at 'port' failed to satisfy constraint: Member must have value between 1 and 65535`);
  if (input.VpcId === undefined) throw validationError('A VPC ID must be specified');
  const vpc = ctx.store.get<Vpc>(KIND.vpc, input.VpcId);
  if (!vpc || vpc.region !== ctx.region) throw validationError(`The VPC ID '${input.VpcId}' is not found`);
  // ProtocolVersion is for HTTP/HTTPS target groups only; HTTP1 by default (§1.5).
  let protocolVersion: TargetGroup['protocolVersion'];
  if (isHttpFamily(protocol)) {
    protocolVersion = (input.ProtocolVersion ?? 'HTTP1') as TargetGroup['protocolVersion'];
    if (!['HTTP1', 'HTTP2', 'GRPC'].includes(protocolVersion!)) throw validationError(`Protocol version '${input.ProtocolVersion}' is not valid`);
  } else if (input.ProtocolVersion !== undefined) {
    throw validationError(`Protocol version cannot be specified for target groups with the '${protocol}' protocol`);
  }
  const healthCheck = resolveHealthCheck(protocol, input);
  const tags = checkTags(input.Tags);

  // Idempotent for identical settings; otherwise DuplicateTargetGroupName (§1.1).
  const existing = listInRegion<TargetGroup>(ctx.store, ELBV2_KIND.targetGroup, ctx.region, (t) => t.name === name)[0];
  if (existing) {
    const same = existing.protocol === protocol && existing.port === input.Port && existing.vpcId === vpc.id && existing.targetType === targetType && existing.protocolVersion === protocolVersion && JSON.stringify(existing.healthCheck) === JSON.stringify(healthCheck);
    if (!same) throw new AwsError('DuplicateTargetGroupName', `A target group with the same name '${name}' exists, but with different settings`);
    return { TargetGroups: [targetGroupToWire(ctx.store, existing)] };
  }
  const tg = ctx.store.transact((tx) => {
    const record: TargetGroup = {
      id: targetGroupArn(ctx.region, ctx.accountId, name),
      region: ctx.region,
      tags,
      createdAt: ctx.clock.now().toISOString(),
      name,
      protocol,
      port: input.Port!,
      vpcId: vpc.id,
      targetType,
      protocolVersion,
      ipAddressType: 'ipv4',
      healthCheck,
      attributes: defaultTargetGroupAttributes({ protocol, targetType }),
    };
    return tx.put(ELBV2_KIND.targetGroup, record);
  });
  return { TargetGroups: [targetGroupToWire(ctx.store, tg)] };
};

const describeTargetGroups: OperationHandler = (ctx, input: { LoadBalancerArn?: string; TargetGroupArns?: string[]; Names?: string[]; Marker?: string; PageSize?: number }) => {
  rejectUnsupported('DescribeTargetGroups', input, ['LoadBalancerArn', 'TargetGroupArns', 'Names', 'Marker', 'PageSize']);
  const arns = input.TargetGroupArns ?? [];
  const names = input.Names ?? [];
  if ([input.LoadBalancerArn !== undefined, arns.length > 0, names.length > 0].filter(Boolean).length > 1) {
    throw validationError('Only one of load balancer ARN, target group ARNs or names can be specified');
  }
  let selected = listInRegion<TargetGroup>(ctx.store, ELBV2_KIND.targetGroup, ctx.region);
  if (input.LoadBalancerArn !== undefined) {
    const lb = mustGetLoadBalancer(ctx.store, ctx.region, input.LoadBalancerArn);
    // Groups the load balancer's listeners forward to, by a default action or a rule.
    const used = new Set(targetGroupsOfLoadBalancer(ctx.store, lb.id));
    selected = selected.filter((t) => used.has(t.id));
  } else if (arns.length > 0) {
    selected = selected.filter((t) => arns.includes(t.id));
    if (selected.length !== new Set(arns).size) throw targetGroupNotFound();
  } else if (names.length > 0) {
    selected = selected.filter((t) => names.includes(t.name));
    if (selected.length !== new Set(names).size) throw targetGroupNotFound();
  }
  const { page, NextMarker } = paginate(selected, input);
  return { TargetGroups: page.map((t) => targetGroupToWire(ctx.store, t)), NextMarker };
};

const modifyTargetGroup: OperationHandler = (ctx, input: HealthCheckInput & { TargetGroupArn?: string }) => {
  rejectUnsupported('ModifyTargetGroup', input as Record<string, unknown>, ['TargetGroupArn', ...HEALTH_CHECK_MEMBERS]);
  const tg = mustGetTargetGroup(ctx.store, ctx.region, input.TargetGroupArn);
  const healthCheck = resolveHealthCheck(tg.protocol, input, tg.healthCheck);
  const updated = ctx.store.transact((tx) => {
    const cur = tx.get<TargetGroup>(ELBV2_KIND.targetGroup, tg.id)!;
    return tx.put(ELBV2_KIND.targetGroup, { ...cur, healthCheck });
  });
  return { TargetGroups: [targetGroupToWire(ctx.store, updated)] };
};

/**
 * Refused with `ResourceInUse` while a listener's default action or a rule forwards to it (§1.5;
 * moto's AWS-style wording); registrations and health go with it. The model lists no not-found
 * error for it: deleting a missing group succeeds.
 */
const deleteTargetGroup: OperationHandler = (ctx, input: { TargetGroupArn?: string }) => {
  rejectUnsupported('DeleteTargetGroup', input, ['TargetGroupArn']);
  if (!input.TargetGroupArn) throw validationError('A target group ARN must be specified');
  const tg = ctx.store.get<TargetGroup>(ELBV2_KIND.targetGroup, input.TargetGroupArn);
  if (!tg || tg.region !== ctx.region) return {};
  if (loadBalancersOfTargetGroup(ctx.store, tg.id).length > 0) {
    throw new AwsError('ResourceInUse', `The target group '${tg.id}' is currently in use by a listener or a rule`);
  }
  ctx.store.transact((tx) => {
    for (const r of tx.list<TargetRegistration>(ELBV2_KIND.target, (r) => r.targetGroupArn === tg.id)) {
      tx.delete(ELBV2_KIND.target, r.id);
      if (tx.get(ELBV2_KIND.targetHealth, r.id)) tx.delete(ELBV2_KIND.targetHealth, r.id);
    }
    tx.delete(ELBV2_KIND.targetGroup, tg.id);
  });
  return {};
};

export const targetGroupHandlers: Record<string, OperationHandler> = {
  CreateTargetGroup: createTargetGroup,
  DescribeTargetGroups: describeTargetGroups,
  ModifyTargetGroup: modifyTargetGroup,
  DeleteTargetGroup: deleteTargetGroup,
};

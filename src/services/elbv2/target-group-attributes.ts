/**
 * Target group attributes: defaults per load balancer family and target type, validation,
 * Describe/ModifyTargetGroupAttributes (elbv2-vpc-endpoints.md §1.6). Modify is all-or-nothing;
 * refusal wording is [infer].
 */
import type { OperationHandler } from '../context.js';
import { NotImplementedError } from '../../kernel/errors.js';
import { ELBV2_KIND, type TargetGroup } from '../../state/records/elbv2.js';
import { rejectUnsupported, validationError } from './common/errors.js';
import { mustGetTargetGroup } from './common/lookup.js';
import { isHttpFamily } from './health-check.js';

type Check = (value: string, tg: Pick<TargetGroup, 'protocol' | 'targetType'>) => boolean;
const bool: Check = (v) => v === 'true' || v === 'false';
const intIn = (min: number, max: number): Check => (v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max;
const oneOf = (...values: string[]): Check => (v) => values.includes(v);
const minHealthy: Check = (v) => v === 'off' || /^\d+$/.test(v);

interface Spec {
  readonly default: (tg: Pick<TargetGroup, 'protocol' | 'targetType'>) => string;
  readonly check: Check;
  /** False when localvpc's data plane does not act on the attribute: only its default is accepted. */
  readonly implemented?: false;
}
const fixed = (v: string) => () => v;
const udpFamily = (tg: Pick<TargetGroup, 'protocol'>) => tg.protocol === 'UDP' || tg.protocol === 'TCP_UDP';

const COMMON: Record<string, Spec> = {
  'deregistration_delay.timeout_seconds': { default: fixed('300'), check: intIn(0, 3600) },
  'stickiness.enabled': { default: fixed('false'), check: bool },
  'load_balancing.cross_zone.enabled': { default: fixed('use_load_balancer_configuration'), check: oneOf('true', 'false', 'use_load_balancer_configuration') },
  'target_group_health.dns_failover.minimum_healthy_targets.count': { default: fixed('off'), check: minHealthy, implemented: false },
  'target_group_health.dns_failover.minimum_healthy_targets.percentage': { default: fixed('off'), check: minHealthy, implemented: false },
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count': { default: fixed('1'), check: intIn(1, 1_000_000), implemented: false },
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage': { default: fixed('off'), check: minHealthy, implemented: false },
};

const APPLICATION: Record<string, Spec> = {
  ...COMMON,
  'stickiness.type': { default: fixed('lb_cookie'), check: oneOf('lb_cookie', 'app_cookie') },
  'load_balancing.algorithm.type': { default: fixed('round_robin'), check: oneOf('round_robin', 'least_outstanding_requests', 'weighted_random') },
  'load_balancing.algorithm.anomaly_mitigation': { default: fixed('off'), check: oneOf('on', 'off') },
  'slow_start.duration_seconds': { default: fixed('0'), check: (v) => v === '0' || intIn(30, 900)(v, { protocol: 'HTTP', targetType: 'ip' }) },
  'stickiness.lb_cookie.duration_seconds': { default: fixed('86400'), check: intIn(1, 604800) },
  // Must not start with the reserved AWSALB prefixes (§1.6).
  'stickiness.app_cookie.cookie_name': { default: fixed(''), check: (v) => !/^AWSALB/.test(v) },
  'stickiness.app_cookie.duration_seconds': { default: fixed('86400'), check: intIn(1, 604800) },
};

const NETWORK: Record<string, Spec> = {
  ...COMMON,
  'stickiness.type': { default: fixed('source_ip'), check: oneOf('source_ip') },
  'deregistration_delay.connection_termination.enabled': { default: (tg) => String(udpFamily(tg)), check: bool },
  // Off for `ip` TCP/TLS target groups, on otherwise; cannot be turned off for UDP/TCP_UDP (§1.6).
  'preserve_client_ip.enabled': { default: (tg) => String(tg.targetType !== 'ip' || udpFamily(tg)), check: (v, tg) => bool(v, tg) && !(udpFamily(tg) && v === 'false') },
  'proxy_protocol_v2.enabled': { default: fixed('false'), check: bool },
  'target_health_state.unhealthy.connection_termination.enabled': { default: fixed('true'), check: bool },
  'target_health_state.unhealthy.draining_interval_seconds': { default: fixed('0'), check: intIn(0, 360000), implemented: false },
};

const specsOf = (tg: Pick<TargetGroup, 'protocol'>) => (isHttpFamily(tg.protocol) ? APPLICATION : NETWORK);

export function defaultTargetGroupAttributes(tg: Pick<TargetGroup, 'protocol' | 'targetType'>): Record<string, string> {
  return Object.fromEntries(Object.entries(specsOf(tg)).map(([k, s]) => [k, s.default(tg)]));
}

const toWire = (attrs: Readonly<Record<string, string>>) => Object.entries(attrs).map(([Key, Value]) => ({ Key, Value }));

const describeTargetGroupAttributes: OperationHandler = (ctx, input: { TargetGroupArn?: string }) => {
  rejectUnsupported('DescribeTargetGroupAttributes', input, ['TargetGroupArn']);
  return { Attributes: toWire(mustGetTargetGroup(ctx.store, ctx.region, input.TargetGroupArn).attributes) };
};

const modifyTargetGroupAttributes: OperationHandler = (ctx, input: { TargetGroupArn?: string; Attributes?: { Key?: string; Value?: string }[] }) => {
  rejectUnsupported('ModifyTargetGroupAttributes', input, ['TargetGroupArn', 'Attributes']);
  const tg = mustGetTargetGroup(ctx.store, ctx.region, input.TargetGroupArn);
  const specs = specsOf(tg);
  const changes: Record<string, string> = {};
  for (const { Key, Value } of input.Attributes ?? []) {
    const spec = Key === undefined ? undefined : specs[Key];
    if (Key === undefined || !spec) throw validationError(`Target group attribute key '${Key ?? ''}' is not recognized`);
    const value = Value ?? '';
    if (!spec.check(value, tg)) throw validationError(`Target group attribute value '${value}' is not valid for target group attribute key '${Key}'`);
    if (spec.implemented === false && value !== spec.default(tg)) {
      throw new NotImplementedError(`Target group attribute '${Key}' with a value other than '${spec.default(tg)}' is not implemented by localvpc`);
    }
    changes[Key] = value;
  }
  const merged = { ...tg.attributes, ...changes };
  // Slow start and least outstanding requests exclude each other (§1.6).
  if (merged['slow_start.duration_seconds'] !== undefined && merged['slow_start.duration_seconds'] !== '0' && merged['load_balancing.algorithm.type'] === 'least_outstanding_requests') {
    throw validationError('Slow start cannot be enabled with the least outstanding requests algorithm');
  }
  const updated = ctx.store.transact((tx) => {
    const cur = tx.get<TargetGroup>(ELBV2_KIND.targetGroup, tg.id)!;
    return tx.put(ELBV2_KIND.targetGroup, { ...cur, attributes: { ...cur.attributes, ...changes } });
  });
  return { Attributes: toWire(updated.attributes) };
};

export const targetGroupAttributeHandlers: Record<string, OperationHandler> = {
  DescribeTargetGroupAttributes: describeTargetGroupAttributes,
  ModifyTargetGroupAttributes: modifyTargetGroupAttributes,
};

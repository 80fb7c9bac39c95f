/**
 * Target group attributes: defaults per load balancer family and target type, validation,
 * Describe/ModifyTargetGroupAttributes (elbv2-vpc-endpoints.md §1.6). Modify is all-or-nothing.
 * Keys are spelled as AWS spells them: the ALB and NLB data planes read them from the record.
 *
 * What the data planes carry out: deregistration delay, stickiness (ALB `lb_cookie` and
 * `app_cookie`, NLB `source_ip`), the ALB algorithms `round_robin` and
 * `least_outstanding_requests`, and the NLB's cross-zone, client IP preservation, proxy protocol
 * and connection termination. Values they do not carry out (`weighted_random` and its anomaly
 * mitigation, slow start above 0, ALB per-group cross-zone off, the target group health
 * thresholds) answer not implemented rather than being accepted and ignored (DESIGN.md).
 *
 * Wording: `Target group attribute key 'X' is not recognized`, the deregistration delay range
 * message and the stickiness-type refusals are moto's AWS-style ones (getmoto/moto
 * moto/elbv2/models.py `modify_target_group_attributes`); other value messages follow the
 * deregistration delay's pattern [infer].
 */
import type { OperationHandler } from '../context.js';
import { AwsError, NotImplementedError } from '../../kernel/errors.js';
import { ELBV2_KIND, type TargetGroup } from '../../state/records/elbv2.js';
import { rejectUnsupported, validationError } from './common/errors.js';
import { mustGetTargetGroup } from './common/lookup.js';
import { isHttpFamily } from './health-check.js';

type Group = Pick<TargetGroup, 'protocol' | 'targetType'>;
/** Undefined when the value is valid, else the refusal (a ValidationError unless it says otherwise). */
type Check = (key: string, value: string, tg: Group) => string | AwsError | undefined;

const bool: Check = (k, v) => (v === 'true' || v === 'false' ? undefined : `'${k}' value '${v}' must be one of [true, false]`);
const intIn =
  (min: number, max: number): Check =>
  (k, v) =>
    /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max ? undefined : `'${k}' value '${v}' must be between '${min}-${max}' inclusive`;
const oneOf =
  (...values: string[]): Check =>
  (k, v) =>
    values.includes(v) ? undefined : `'${k}' value '${v}' must be one of [${values.join(', ')}]`;
const minHealthy: Check = (k, v) => (v === 'off' || /^\d+$/.test(v) ? undefined : `'${k}' value '${v}' must be 'off' or a number`);

/** Stickiness types per family; the others refused as moto words it (§1.6). */
const stickinessType =
  (allowed: readonly string[]): Check =>
  (_k, v, tg) => {
    if (allowed.includes(v)) return undefined;
    if (['lb_cookie', 'app_cookie', 'source_ip'].includes(v)) {
      return new AwsError('InvalidConfigurationRequest', `Stickiness type '${v}' is not supported for target groups with the ${tg.protocol} protocol`);
    }
    return "'Stickiness type' must be one of [app_cookie, lb_cookie, source_ip]";
  };

/** App cookie names must not use the ALB's own prefixes AWSALB, AWSALBAPP, AWSALBTG (§1.6); RFC 6265 token [infer]. */
const cookieName: Check = (k, v) => {
  if (v === '') return undefined;
  if (/^AWSALB/i.test(v)) return `'${k}' value '${v}' cannot start with AWSALB, AWSALBAPP or AWSALBTG`;
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,255}$/.test(v) ? undefined : `'${k}' value '${v}' is not a valid cookie name`;
};

interface Spec {
  readonly default: (tg: Group) => string;
  readonly check: Check;
  /** Whether localvpc carries the value out; false → not implemented. Absent: every valid value is. */
  readonly supported?: (value: string, tg: Group) => boolean;
}
const fixed = (v: string) => () => v;
const udpFamily = (tg: Pick<TargetGroup, 'protocol'>) => tg.protocol === 'UDP' || tg.protocol === 'TCP_UDP';
const onlyDefault = (v: string, tg: Group, spec: Pick<Spec, 'default'>) => v === spec.default(tg);
const defaultOnly = (def: string, check: Check): Spec => {
  const spec: Spec = { default: fixed(def), check, supported: (v, tg) => onlyDefault(v, tg, spec) };
  return spec;
};

const COMMON: Record<string, Spec> = {
  /** Seconds, default 300 (0–3600). */
  'deregistration_delay.timeout_seconds': { default: fixed('300'), check: intIn(0, 3600) },
  'stickiness.enabled': { default: fixed('false'), check: bool },
  'target_group_health.dns_failover.minimum_healthy_targets.count': defaultOnly('off', minHealthy),
  'target_group_health.dns_failover.minimum_healthy_targets.percentage': defaultOnly('off', minHealthy),
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count': defaultOnly('1', intIn(1, 1_000_000)),
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage': defaultOnly('off', minHealthy),
};

/** ALB (HTTP/HTTPS) target groups; the ALB data plane reads the algorithm and stickiness keys. */
const APPLICATION: Record<string, Spec> = {
  ...COMMON,
  // ALBs balance across zones; a group cannot turn that off here.
  'load_balancing.cross_zone.enabled': { default: fixed('use_load_balancer_configuration'), check: oneOf('true', 'false', 'use_load_balancer_configuration'), supported: (v) => v !== 'false' },
  // Application-based stickiness (app_cookie) is not carried out by the ALB data plane.
  'stickiness.type': { default: fixed('lb_cookie'), check: stickinessType(['lb_cookie', 'app_cookie']), supported: (v) => v !== 'app_cookie' },
  'load_balancing.algorithm.type': { default: fixed('round_robin'), check: oneOf('round_robin', 'least_outstanding_requests', 'weighted_random'), supported: (v) => v !== 'weighted_random' },
  'load_balancing.algorithm.anomaly_mitigation': defaultOnly('off', oneOf('on', 'off')),
  /** Seconds, 0 (off) or 30–900; only 0 is carried out. */
  'slow_start.duration_seconds': { default: fixed('0'), check: (k, v, tg) => (v === '0' ? undefined : intIn(30, 900)(k, v, tg)), supported: (v) => v === '0' },
  /** Seconds, default 86400 (1–604800). */
  'stickiness.lb_cookie.duration_seconds': { default: fixed('86400'), check: intIn(1, 604800) },
  'stickiness.app_cookie.cookie_name': { default: fixed(''), check: cookieName },
  /** Seconds, default 86400 (1–604800). */
  'stickiness.app_cookie.duration_seconds': { default: fixed('86400'), check: intIn(1, 604800) },
};

/** NLB (TCP family) target groups, read by the NLB data plane. */
const NETWORK: Record<string, Spec> = {
  ...COMMON,
  'load_balancing.cross_zone.enabled': { default: fixed('use_load_balancer_configuration'), check: oneOf('true', 'false', 'use_load_balancer_configuration') },
  'stickiness.type': { default: fixed('source_ip'), check: stickinessType(['source_ip']) },
  'deregistration_delay.connection_termination.enabled': { default: (tg) => String(udpFamily(tg)), check: bool },
  // Off for `ip` TCP/TLS target groups, on otherwise; cannot be turned off for UDP/TCP_UDP (§1.6).
  'preserve_client_ip.enabled': {
    default: (tg) => String(tg.targetType !== 'ip' || udpFamily(tg)),
    check: (k, v, tg) => bool(k, v, tg) ?? (udpFamily(tg) && v === 'false' ? `'${k}' cannot be disabled for target groups with the ${tg.protocol} protocol` : undefined),
  },
  'proxy_protocol_v2.enabled': { default: fixed('false'), check: bool },
  'target_health_state.unhealthy.connection_termination.enabled': { default: fixed('true'), check: bool },
  'target_health_state.unhealthy.draining_interval_seconds': defaultOnly('0', intIn(0, 360000)),
};

const specsOf = (tg: Pick<TargetGroup, 'protocol'>) => (isHttpFamily(tg.protocol) ? APPLICATION : NETWORK);

export function defaultTargetGroupAttributes(tg: Group): Record<string, string> {
  return Object.fromEntries(Object.entries(specsOf(tg)).map(([k, s]) => [k, s.default(tg)]));
}

const toWire = (attrs: Readonly<Record<string, string>>) => Object.entries(attrs).map(([Key, Value]) => ({ Key, Value }));

/** Rules across attributes, on the merged result (§1.6; moto's wording for the app cookie). */
function checkCombination(attrs: Readonly<Record<string, string>>): void {
  if (attrs['stickiness.type'] === 'app_cookie' && !attrs['stickiness.app_cookie.cookie_name']) {
    throw new AwsError('InvalidConfigurationRequest', "You must set an application cookie name to enable stickiness of type 'app_cookie'");
  }
  // Slow start and least outstanding requests exclude each other (§1.6; wording [infer]).
  if ((attrs['slow_start.duration_seconds'] ?? '0') !== '0' && attrs['load_balancing.algorithm.type'] === 'least_outstanding_requests') {
    throw validationError('Slow start cannot be enabled with the least outstanding requests algorithm');
  }
}

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
    const problem = spec.check(Key, value, tg);
    if (problem instanceof AwsError) throw problem;
    if (problem !== undefined) throw validationError(problem);
    if (spec.supported && !spec.supported(value, tg)) {
      throw new NotImplementedError(`Target group attribute '${Key}' with the value '${value}' is not implemented by localvpc (elbv2 2015-12-01).`);
    }
    changes[Key] = value;
  }
  checkCombination({ ...tg.attributes, ...changes });
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

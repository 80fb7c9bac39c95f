/**
 * Load balancer attributes: defaults, validation, Describe/ModifyLoadBalancerAttributes
 * (elbv2-vpc-endpoints.md §1.4). Modify is all-or-nothing; unspecified keys keep their values.
 * Keys are spelled as AWS spells them: the data planes read them from the record.
 *
 * Attributes whose behaviour localvpc does not carry out (access, connection and health-check
 * logs, WAF, zonal shift, NLB DNS client routing) accept only their default value; any other value
 * answers not implemented, so nothing is accepted and then ignored (DESIGN.md).
 * An unknown key answers `Load balancer attribute key 'X' is not recognized` (observed,
 * terraform-provider-aws#23971); the wording for a bad value is [infer].
 */
import type { OperationHandler } from '../context.js';
import { NotImplementedError } from '../../kernel/errors.js';
import { ELBV2_KIND, type LoadBalancer, type LoadBalancerScheme, type LoadBalancerType } from '../../state/records/elbv2.js';
import { rejectUnsupported, validationError } from './common/errors.js';
import { mustGetLoadBalancer } from './common/lookup.js';

/** Undefined when the value is valid, else what a valid value looks like. */
type Check = (value: string) => string | undefined;
const bool: Check = (v) => (v === 'true' || v === 'false' ? undefined : "it must be 'true' or 'false'");
const any: Check = () => undefined;
const intIn =
  (min: number, max: number): Check =>
  (v) =>
    /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max ? undefined : `it must be an integer from ${min} to ${max}`;
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    values.includes(v) ? undefined : `it must be one of ${values.map((x) => `'${x}'`).join(', ')}`;

interface AttributeSpec {
  readonly default: (scheme: LoadBalancerScheme) => string;
  readonly check: Check;
  /** false when the value cannot be changed (ALB cross-zone is always on, §1.4). */
  readonly modifiable?: boolean;
  /** false when localvpc does not carry the behaviour out: only the default value is accepted. */
  readonly implemented?: false;
}

const fixed = (v: string) => () => v;
const defaultOnly = (v: string, check: Check = any): AttributeSpec => ({ default: fixed(v), check, implemented: false });

/** Attributes every ALB and NLB has (§1.4). */
const COMMON: Record<string, AttributeSpec> = {
  // Honoured by DeleteLoadBalancer (§1.4).
  'deletion_protection.enabled': { default: fixed('false'), check: bool },
  'access_logs.s3.enabled': defaultOnly('false', bool),
  'access_logs.s3.bucket': defaultOnly(''),
  'access_logs.s3.prefix': defaultOnly(''),
  // Load balancers here are ipv4 only, so there is no IPv6 traffic for this to deny.
  'ipv6.deny_all_igw_traffic': { default: (s) => (s === 'internal' ? 'true' : 'false'), check: bool },
  'zonal_shift.config.enabled': defaultOnly('false', bool),
};

/** ALB attributes (§1.4); the ALB data plane reads the `idle_timeout`, `client_keep_alive` and `routing.*` keys. */
const APPLICATION: Record<string, AttributeSpec> = {
  ...COMMON,
  'load_balancing.cross_zone.enabled': { default: fixed('true'), check: oneOf('true'), modifiable: false },
  /** Seconds, default 60 (1–4000). */
  'idle_timeout.timeout_seconds': { default: fixed('60'), check: intIn(1, 4000) },
  /** Seconds, default 3600 (60–604800). */
  'client_keep_alive.seconds': { default: fixed('3600'), check: intIn(60, 604800) },
  // localvpc's HTTP parser refuses every ambiguous request (defensive mode, §2.1); monitor and
  // strictest are not carried out.
  'routing.http.desync_mitigation_mode': { default: fixed('defensive'), check: oneOf('monitor', 'defensive', 'strictest'), implemented: false },
  'routing.http.drop_invalid_header_fields.enabled': { default: fixed('false'), check: bool },
  'routing.http.preserve_host_header.enabled': { default: fixed('false'), check: bool },
  'routing.http.x_amzn_tls_version_and_cipher_suite.enabled': { default: fixed('false'), check: bool },
  'routing.http.xff_client_port.enabled': { default: fixed('false'), check: bool },
  'routing.http.xff_header_processing.mode': { default: fixed('append'), check: oneOf('append', 'preserve', 'remove') },
  'routing.http2.enabled': { default: fixed('true'), check: bool },
  'waf.fail_open.enabled': defaultOnly('false', bool),
  'connection_logs.s3.enabled': defaultOnly('false', bool),
  'connection_logs.s3.bucket': defaultOnly(''),
  'connection_logs.s3.prefix': defaultOnly(''),
  'health_check_logs.s3.enabled': defaultOnly('false', bool),
  'health_check_logs.s3.bucket': defaultOnly(''),
  'health_check_logs.s3.prefix': defaultOnly(''),
};

const NETWORK: Record<string, AttributeSpec> = {
  ...COMMON,
  // Honoured by the NLB data plane's target selection.
  'load_balancing.cross_zone.enabled': { default: fixed('false'), check: bool },
  // AWS's default routing policy is any_availability_zone (NLB user guide, DNS client routing policy).
  'dns_record.client_routing_policy': defaultOnly('any_availability_zone', oneOf('availability_zone_affinity', 'partial_availability_zone_affinity', 'any_availability_zone')),
};

const specsOf = (type: LoadBalancerType) => (type === 'network' ? NETWORK : APPLICATION);

export function defaultLoadBalancerAttributes(type: LoadBalancerType, scheme: LoadBalancerScheme): Record<string, string> {
  return Object.fromEntries(Object.entries(specsOf(type)).map(([k, s]) => [k, s.default(scheme)]));
}

function attributesToWire(attrs: Readonly<Record<string, string>>): { Key: string; Value: string }[] {
  return Object.entries(attrs).map(([Key, Value]) => ({ Key, Value }));
}

const describeLoadBalancerAttributes: OperationHandler = (ctx, input: { LoadBalancerArn?: string }) => {
  rejectUnsupported('DescribeLoadBalancerAttributes', input, ['LoadBalancerArn']);
  const lb = mustGetLoadBalancer(ctx.store, ctx.region, input.LoadBalancerArn);
  return { Attributes: attributesToWire(lb.attributes) };
};

const modifyLoadBalancerAttributes: OperationHandler = (ctx, input: { LoadBalancerArn?: string; Attributes?: { Key?: string; Value?: string }[] }) => {
  rejectUnsupported('ModifyLoadBalancerAttributes', input, ['LoadBalancerArn', 'Attributes']);
  const lb = mustGetLoadBalancer(ctx.store, ctx.region, input.LoadBalancerArn);
  const specs = specsOf(lb.type);
  const changes: Record<string, string> = {};
  // Keys match ^[a-zA-Z0-9._]+$, values at most 1024 characters, at most 20 per call (§1.4);
  // the wording of the refusals is [infer].
  if ((input.Attributes ?? []).length > 20) throw validationError('At most 20 attributes can be modified at a time');
  for (const { Key, Value } of input.Attributes ?? []) {
    const spec = Key === undefined ? undefined : specs[Key];
    if (Key === undefined || !spec) throw validationError(`Load balancer attribute key '${Key ?? ''}' is not recognized`);
    const value = Value ?? '';
    const problem = value.length > 1024 ? 'it must be at most 1024 characters' : spec.check(value);
    if (problem !== undefined) throw validationError(`Load balancer attribute value '${value}' is not valid for load balancer attribute key '${Key}': ${problem}`);
    if (spec.modifiable === false && value !== lb.attributes[Key]) throw validationError(`Load balancer attribute key '${Key}' cannot be modified for load balancers of type '${lb.type}'`);
    const def = spec.default(lb.scheme);
    if (spec.implemented === false && value !== def) {
      throw new NotImplementedError(`Load balancer attribute '${Key}' with a value other than '${def}' is not implemented by localvpc (elbv2 2015-12-01).`);
    }
    changes[Key] = value;
  }
  const updated = ctx.store.transact((tx) => {
    const cur = tx.get<LoadBalancer>(ELBV2_KIND.loadBalancer, lb.id)!;
    return tx.put(ELBV2_KIND.loadBalancer, { ...cur, attributes: { ...cur.attributes, ...changes } });
  });
  return { Attributes: attributesToWire(updated.attributes) };
};

export const loadBalancerAttributeHandlers: Record<string, OperationHandler> = {
  DescribeLoadBalancerAttributes: describeLoadBalancerAttributes,
  ModifyLoadBalancerAttributes: modifyLoadBalancerAttributes,
};

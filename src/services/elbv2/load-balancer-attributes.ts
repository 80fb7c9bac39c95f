/**
 * Load balancer attributes: defaults, validation, Describe/ModifyLoadBalancerAttributes
 * (elbv2-vpc-endpoints.md §1.4). Modify is all-or-nothing; unspecified keys keep their values.
 */
import type { OperationHandler } from '../context.js';
import { ELBV2_KIND, type LoadBalancer, type LoadBalancerScheme, type LoadBalancerType } from '../../state/records/elbv2.js';
import { rejectUnsupported, validationError } from './common/errors.js';
import { mustGetLoadBalancer } from './common/lookup.js';

type Check = (value: string) => boolean;
const bool: Check = (v) => v === 'true' || v === 'false';
const any: Check = () => true;
const intIn = (min: number, max: number): Check => (v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max;
const oneOf = (...values: string[]): Check => (v) => values.includes(v);

interface AttributeSpec {
  readonly default: (scheme: LoadBalancerScheme) => string;
  readonly check: Check;
  /** false when the value cannot be changed (ALB cross-zone is always on, §1.4). */
  readonly modifiable?: boolean;
}

const fixed = (v: string) => () => v;

/** Attributes every ALB and NLB has (§1.4). */
const COMMON: Record<string, AttributeSpec> = {
  'deletion_protection.enabled': { default: fixed('false'), check: bool },
  'access_logs.s3.enabled': { default: fixed('false'), check: bool },
  'access_logs.s3.bucket': { default: fixed(''), check: any },
  'access_logs.s3.prefix': { default: fixed(''), check: any },
  'ipv6.deny_all_igw_traffic': { default: (s) => (s === 'internal' ? 'true' : 'false'), check: bool },
};

const APPLICATION: Record<string, AttributeSpec> = {
  ...COMMON,
  'load_balancing.cross_zone.enabled': { default: fixed('true'), check: oneOf('true'), modifiable: false },
  'idle_timeout.timeout_seconds': { default: fixed('60'), check: intIn(1, 4000) },
  'client_keep_alive.seconds': { default: fixed('3600'), check: intIn(60, 604800) },
  'routing.http.desync_mitigation_mode': { default: fixed('defensive'), check: oneOf('monitor', 'defensive', 'strictest') },
  'routing.http.drop_invalid_header_fields.enabled': { default: fixed('false'), check: bool },
  'routing.http.preserve_host_header.enabled': { default: fixed('false'), check: bool },
  'routing.http.x_amzn_tls_version_and_cipher_suite.enabled': { default: fixed('false'), check: bool },
  'routing.http.xff_client_port.enabled': { default: fixed('false'), check: bool },
  'routing.http.xff_header_processing.mode': { default: fixed('append'), check: oneOf('append', 'preserve', 'remove') },
  'routing.http2.enabled': { default: fixed('true'), check: bool },
  'waf.fail_open.enabled': { default: fixed('false'), check: bool },
  'connection_logs.s3.enabled': { default: fixed('false'), check: bool },
  'connection_logs.s3.bucket': { default: fixed(''), check: any },
  'connection_logs.s3.prefix': { default: fixed(''), check: any },
};

const NETWORK: Record<string, AttributeSpec> = {
  ...COMMON,
  'load_balancing.cross_zone.enabled': { default: fixed('false'), check: bool },
  // AWS's default routing policy is any_availability_zone (NLB user guide, DNS client routing policy).
  'dns_record.client_routing_policy': { default: fixed('any_availability_zone'), check: oneOf('availability_zone_affinity', 'partial_availability_zone_affinity', 'any_availability_zone') },
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
    if (value.length > 1024 || !spec.check(value) || (spec.modifiable === false && value !== lb.attributes[Key])) {
      throw validationError(`Load balancer attribute value '${value}' is not valid for load balancer attribute key '${Key}'`);
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

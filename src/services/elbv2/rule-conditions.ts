/**
 * Listener rule conditions (elbv2-vpc-endpoints.md §1.10): validation and the stored form.
 *
 * - Fields: host-header, path-pattern, http-header, http-request-method, query-string, source-ip;
 *   at most one each of host-header, http-request-method, path-pattern and source-ip per rule.
 * - The legacy `Values` member only for host-header and path-pattern (one value); every other
 *   field needs its `…Config`. Value lists can't be empty.
 * - Per rule at most 5 condition values and 5 wildcards (`*`, `?`) (§8.2; load-balancer-limits).
 * - Stored normalised: the `…Config` form always, plus `Values` for host-header and path-pattern,
 *   as DescribeRules answers (state/records/elbv2.ts `RuleCondition`).
 *
 * Messages are moto's AWS-style wording where moto has one (§1.10, getmoto/moto
 * moto/elbv2/models.py `_validate_conditions`), `A rule can only have '5' condition values` as
 * observed on AWS (aws-cdk#10065, cfn-lint#3833); the others are [infer].
 * `RegexValues` (regex matching) is not implemented by localvpc's ALB and is refused.
 */
import { isIPv6 } from 'node:net';
import type { RuleCondition } from '../../state/records/elbv2.js';
import { parseCidr } from '../../kernel/cidr.js';
import { rejectUnsupportedMember, validationError } from './common/errors.js';

export interface ConditionInput {
  Field?: string;
  Values?: string[];
  HostHeaderConfig?: { Values?: string[] };
  PathPatternConfig?: { Values?: string[] };
  HttpHeaderConfig?: { HttpHeaderName?: string; Values?: string[] };
  HttpRequestMethodConfig?: { Values?: string[] };
  QueryStringConfig?: { Values?: { Key?: string; Value?: string }[] };
  SourceIpConfig?: { Values?: string[] };
}

type Field = RuleCondition['Field'];
type ConfigKey = 'HostHeaderConfig' | 'PathPatternConfig' | 'HttpHeaderConfig' | 'HttpRequestMethodConfig' | 'QueryStringConfig' | 'SourceIpConfig';

/** In moto's order, which its message lists. */
const FIELDS: readonly Field[] = ['path-pattern', 'host-header', 'http-header', 'http-request-method', 'query-string', 'source-ip'];
const CONFIG_OF: Record<Field, ConfigKey> = {
  'host-header': 'HostHeaderConfig',
  'path-pattern': 'PathPatternConfig',
  'http-header': 'HttpHeaderConfig',
  'http-request-method': 'HttpRequestMethodConfig',
  'query-string': 'QueryStringConfig',
  'source-ip': 'SourceIpConfig',
};
/** Fields a rule may hold at most once (§1.10). */
const AT_MOST_ONCE: readonly Field[] = ['host-header', 'http-request-method', 'path-pattern', 'source-ip'];

/** Quotas per rule (§8.2): condition values and wildcards. */
export const MAX_CONDITION_VALUES = 5;
export const MAX_WILDCARDS = 5;
/** Longest host, path, header value, query key/value: 128 characters; header name and method: 40. */
const MAX_VALUE = 128;
const MAX_NAME = 40;

/** Host: A–Z a–z 0–9 - . * ?, at least one `.`, only letters after the last `.` (§1.10). */
const HOST_CHARS = /^[A-Za-z0-9.*?-]+$/;
/** Path: A–Z a–z 0–9 _ - . $ / ~ " ' @ : + & * ? (§1.10, ALB guide "Path conditions"). */
const PATH_CHARS = /^[A-Za-z0-9_\-.$/~"'@:+&*?]+$/;
/** Header names are RFC 9110 tokens; wildcards are not allowed in them (§1.10). */
const HEADER_NAME = /^[!#$%&'+\-.^_`|~0-9A-Za-z]+$/;
const METHOD = /^[A-Z_-]+$/;
/** Control characters 0x00–0x1f and 0x7f are excluded from matching (§1.10). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f]/;

const noValue = () => validationError('A condition value must be specified');
const tooLong = (what: string, limit: number) => validationError(`The '${what}' value is too long; the limit is '${limit}'`);

interface Checked {
  readonly condition: RuleCondition;
  /** Condition values it counts toward the rule's quota. */
  readonly values: number;
  readonly wildcards: number;
}

/** `*` and `?` in a value; with `escapes`, a backslash makes the next character literal (query strings). */
function wildcards(value: string, escapes = false): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    if (escapes && value[i] === '\\') i++;
    else if (value[i] === '*' || value[i] === '?') n++;
  }
  return n;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function isCidr(text: string): boolean {
  if (parseCidr(text)) return true;
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const prefix = text.slice(slash + 1);
  return isIPv6(text.slice(0, slash)) && /^\d{1,3}$/.test(prefix) && Number(prefix) <= 128;
}

/** host-header and path-pattern: the legacy `Values` (one value) or the config's `Values`. */
function patternCondition(field: 'host-header' | 'path-pattern', c: ConditionInput, operation: string): Checked {
  const key = CONFIG_OF[field] as 'HostHeaderConfig' | 'PathPatternConfig';
  const config = c[key];
  if (config) rejectUnsupportedMember(operation, `Conditions.${key}`, config as Record<string, unknown>, ['Values']);
  if (config && c.Values?.length) throw validationError(`You cannot provide both Values and '${key}' for a condition of type '${field}'`);
  if (!config && (c.Values?.length ?? 0) > 1) throw validationError(`The '${field}' field contains too many values; the limit is '1'`);
  const values = config ? config.Values : c.Values;
  if (!values || values.length === 0) throw noValue();
  for (const v of values) {
    if (v.length === 0) throw noValue();
    if (v.length > MAX_VALUE) throw tooLong(field, MAX_VALUE);
    if (field === 'host-header') {
      const tld = v.slice(v.lastIndexOf('.') + 1);
      if (!HOST_CHARS.test(v) || !v.includes('.') || !/^[A-Za-z]+$/.test(tld)) {
        throw validationError(`The 'host-header' value '${v}' is not valid: it can contain A-Z, a-z, 0-9, '-', '.', '*' and '?', must contain a '.', and only letters after the last '.'`);
      }
    } else if (!PATH_CHARS.test(v)) {
      throw validationError(`The 'path-pattern' value '${v}' is not valid: it can contain A-Z, a-z, 0-9, the characters _-.$/~"'@:+& and the wildcards '*' and '?'`);
    }
  }
  const list = [...values];
  return { condition: { Field: field, Values: list, [key]: { Values: list } }, values: list.length, wildcards: sum(list.map((v) => wildcards(v))) };
}

function httpHeaderCondition(c: ConditionInput, operation: string): Checked {
  const config = c.HttpHeaderConfig;
  if (!config) throw validationError("A 'HttpHeaderConfig' must be specified with 'http-header'");
  rejectUnsupportedMember(operation, 'Conditions.HttpHeaderConfig', config as Record<string, unknown>, ['HttpHeaderName', 'Values']);
  const name = config.HttpHeaderName;
  if (!name) throw validationError("A 'HttpHeaderName' must be specified with 'http-header'");
  if (name.length > MAX_NAME) throw tooLong('HttpHeaderName', MAX_NAME);
  if (!HEADER_NAME.test(name)) throw validationError(`The 'HttpHeaderName' value '${name}' is not a valid HTTP header name; wildcards are not allowed in header names`);
  const values = config.Values;
  if (!values || values.length === 0) throw noValue();
  for (const v of values) {
    if (v.length === 0) throw noValue();
    if (v.length > MAX_VALUE) throw tooLong('http-header', MAX_VALUE);
    if (CONTROL.test(v)) throw validationError("The 'http-header' value cannot contain control characters");
  }
  return { condition: { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: name, Values: [...values] } }, values: values.length, wildcards: sum(values.map((v) => wildcards(v))) };
}

function methodCondition(c: ConditionInput, operation: string): Checked {
  const config = c.HttpRequestMethodConfig;
  if (!config) throw validationError("A 'HttpRequestMethodConfig' must be specified with 'http-request-method'");
  rejectUnsupportedMember(operation, 'Conditions.HttpRequestMethodConfig', config as Record<string, unknown>, ['Values']);
  const values = config.Values;
  if (!values || values.length === 0) throw noValue();
  for (const v of values) {
    if (v.length === 0) throw noValue();
    if (v.length > MAX_NAME) throw tooLong('http-request-method', MAX_NAME);
    if (!METHOD.test(v)) throw validationError("The 'http-request-method' value is invalid; the allowed characters are A-Z, hyphen and underscore");
  }
  return { condition: { Field: 'http-request-method', HttpRequestMethodConfig: { Values: [...values] } }, values: values.length, wildcards: 0 };
}

function queryStringCondition(c: ConditionInput, operation: string): Checked {
  const config = c.QueryStringConfig;
  if (!config) throw validationError("A 'QueryStringConfig' must be specified with 'query-string'");
  rejectUnsupportedMember(operation, 'Conditions.QueryStringConfig', config as Record<string, unknown>, ['Values']);
  const pairs = config.Values;
  if (!pairs || pairs.length === 0) throw noValue();
  const out: { Key?: string; Value: string }[] = [];
  let stars = 0;
  for (const p of pairs) {
    rejectUnsupportedMember(operation, 'Conditions.QueryStringConfig.Values', p as Record<string, unknown>, ['Key', 'Value']);
    if (p.Value === undefined || p.Value === '') throw validationError("A 'Value' must be specified in 'QueryStringKeyValuePair'");
    if (p.Key !== undefined && p.Key.length > MAX_VALUE) throw validationError(`The 'Key' value is too long; the limit is '${MAX_VALUE}'`);
    if (p.Key === '') throw validationError("The 'Key' value cannot be empty; omit 'Key' to match any key");
    if (p.Value.length > MAX_VALUE) throw validationError(`The 'Value' value is too long; the limit is '${MAX_VALUE}'`);
    if (CONTROL.test(p.Value) || (p.Key !== undefined && CONTROL.test(p.Key))) throw validationError("The 'query-string' values cannot contain control characters");
    stars += wildcards(p.Value, true) + (p.Key === undefined ? 0 : wildcards(p.Key, true));
    out.push(p.Key === undefined ? { Value: p.Value } : { Key: p.Key, Value: p.Value });
  }
  return { condition: { Field: 'query-string', QueryStringConfig: { Values: out } }, values: out.length, wildcards: stars };
}

function sourceIpCondition(c: ConditionInput, operation: string): Checked {
  const config = c.SourceIpConfig;
  if (!config) throw validationError("A 'SourceIpConfig' must be specified with 'source-ip'");
  rejectUnsupportedMember(operation, 'Conditions.SourceIpConfig', config as Record<string, unknown>, ['Values']);
  const values = config.Values;
  if (!values || values.length === 0) throw validationError("A 'source-ip' value must be specified");
  // CIDR blocks, IPv4 or IPv6, no wildcards (§1.10).
  for (const v of values) if (!isCidr(v)) throw validationError(`The 'source-ip' value '${v}' is not a valid CIDR block`);
  return { condition: { Field: 'source-ip', SourceIpConfig: { Values: [...values] } }, values: values.length, wildcards: 0 };
}

function checkCondition(c: ConditionInput, operation: string): Checked {
  rejectUnsupportedMember(operation, 'Conditions', c as Record<string, unknown>, ['Field', 'Values', ...Object.values(CONFIG_OF)]);
  const field = c.Field as Field | undefined;
  if (field === undefined || field === ('' as Field)) throw validationError('A condition field must be specified');
  if (!FIELDS.includes(field)) throw validationError(`Condition field '${field}' must be one of '[${FIELDS.join(',')}]'`);
  if (c.Values !== undefined && field !== 'host-header' && field !== 'path-pattern') throw validationError(`The 'Values' field is not compatible with '${field}'`);
  for (const f of FIELDS) {
    const key = CONFIG_OF[f];
    if (f !== field && c[key] !== undefined) throw validationError(`A '${key}' cannot be specified with '${field}'`);
  }
  switch (field) {
    case 'host-header':
    case 'path-pattern':
      return patternCondition(field, c, operation);
    case 'http-header':
      return httpHeaderCondition(c, operation);
    case 'http-request-method':
      return methodCondition(c, operation);
    case 'query-string':
      return queryStringCondition(c, operation);
    case 'source-ip':
      return sourceIpCondition(c, operation);
  }
}

/** Validates a rule's Conditions against every rule of §1.10; returns them as stored. */
export function normaliseConditions(conditions: readonly ConditionInput[] | undefined, operation: string): RuleCondition[] {
  if (!conditions || conditions.length === 0) throw validationError('At least one condition must be specified');
  const checked = conditions.map((c) => checkCondition(c, operation));
  for (const f of AT_MOST_ONCE) {
    if (checked.filter((x) => x.condition.Field === f).length > 1) throw validationError(`A rule can only have one '${f}' condition`);
  }
  if (sum(checked.map((x) => x.values)) > MAX_CONDITION_VALUES) throw validationError(`A rule can only have '${MAX_CONDITION_VALUES}' condition values`);
  if (sum(checked.map((x) => x.wildcards)) > MAX_WILDCARDS) throw validationError(`A rule can only have '${MAX_WILDCARDS}' wildcards`);
  return checked.map((x) => x.condition);
}

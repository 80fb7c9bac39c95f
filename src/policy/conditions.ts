/**
 * The Condition element: operators, set qualifiers, IfExists, and their evaluation.
 *
 * Semantics (IAM User Guide; page titles given, all under
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/):
 *
 * - Several operators in one Condition, and several keys under one operator, are ANDed; several
 *   values for one key are ORed; for a negated operator they are NORed: the request value must
 *   match none of them ("Conditions with multiple context keys or values").
 * - A key missing from the request: "the values do not match and the condition is false. If the
 *   policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike,
 *   and the right key is not present, the condition is true. This logic applies to all condition
 *   operators except ...IfExists and Null check" ("IAM JSON policy elements: Condition
 *   operators", the Important box at the top). So a negated operator (StringNotEquals,
 *   NotIpAddress, ArnNotLike, NumericNotEquals, DateNotEquals, ...) matches a missing key.
 * - `...IfExists`: "If the key is not present, evaluate the condition element as true" (same
 *   page, "...IfExists condition operators"). Not allowed on Null.
 * - `ForAllValues:`: true when every request value matches one of the policy values, and also
 *   "if there are no context keys in the request" ("Single-valued vs. multivalued context
 *   keys"). With a negated operator, every request value must match none of the policy values.
 * - `ForAnyValue:`: true when at least one request value matches; false when the key is missing
 *   or empty (same page). A set qualifier decides the missing-key answer on its own: IfExists
 *   does not turn a missing key into a match under ForAnyValue (observed on AWS:
 *   https://repost.aws/questions/QU9HFmDzP0QGuU-fd7rS6B7w, ForAnyValue:StringEqualsIfExists
 *   with aws:TagKeys absent does not allow; https://iam.cloudcopilot.io/resources/operators/
 *   documents the same for every ForAnyValue:...IfExists operator). [obs]
 * - A multivalued request key under an operator without a set qualifier: the positive operator
 *   holds when any request value matches; the negated operator is its negation. [inf]
 * - Null: `true` holds when the key is absent, `false` when it is present ("Condition operator
 *   to check existence of condition keys"). An empty list of request values counts as absent.
 * - Condition keys are case-insensitive ("IAM JSON policy elements: Condition", "Condition key
 *   names are not case-sensitive"); operator names are accepted in any case as well. [inf]
 * - A request value the operator cannot read (a non-number for Numeric*, a non-address for
 *   IpAddress, ...) never matches the positive operator, so the negated operator holds. [inf]
 */
import { notImplemented, PolicyParseError } from './errors.js';
import { parseAddress, parseRange, rangeContains, type IpRange } from './ip.js';
import { compileArnPattern, compilePattern, literalText, type Pattern, type TextOptions } from './wildcard.js';

type Family = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Ip' | 'Arn' | 'Null';
type Comparison = 'eq' | 'eqIgnoreCase' | 'like' | 'lt' | 'lte' | 'gt' | 'gte';

interface OperatorSpec {
  readonly name: string;
  readonly family: Family;
  readonly comparison: Comparison;
  readonly negated: boolean;
}

const SPECS: readonly OperatorSpec[] = [
  { name: 'StringEquals', family: 'String', comparison: 'eq', negated: false },
  { name: 'StringNotEquals', family: 'String', comparison: 'eq', negated: true },
  { name: 'StringEqualsIgnoreCase', family: 'String', comparison: 'eqIgnoreCase', negated: false },
  { name: 'StringNotEqualsIgnoreCase', family: 'String', comparison: 'eqIgnoreCase', negated: true },
  { name: 'StringLike', family: 'String', comparison: 'like', negated: false },
  { name: 'StringNotLike', family: 'String', comparison: 'like', negated: true },
  { name: 'NumericEquals', family: 'Numeric', comparison: 'eq', negated: false },
  { name: 'NumericNotEquals', family: 'Numeric', comparison: 'eq', negated: true },
  { name: 'NumericLessThan', family: 'Numeric', comparison: 'lt', negated: false },
  { name: 'NumericLessThanEquals', family: 'Numeric', comparison: 'lte', negated: false },
  { name: 'NumericGreaterThan', family: 'Numeric', comparison: 'gt', negated: false },
  { name: 'NumericGreaterThanEquals', family: 'Numeric', comparison: 'gte', negated: false },
  { name: 'DateEquals', family: 'Date', comparison: 'eq', negated: false },
  { name: 'DateNotEquals', family: 'Date', comparison: 'eq', negated: true },
  { name: 'DateLessThan', family: 'Date', comparison: 'lt', negated: false },
  { name: 'DateLessThanEquals', family: 'Date', comparison: 'lte', negated: false },
  { name: 'DateGreaterThan', family: 'Date', comparison: 'gt', negated: false },
  { name: 'DateGreaterThanEquals', family: 'Date', comparison: 'gte', negated: false },
  { name: 'Bool', family: 'Bool', comparison: 'eq', negated: false },
  { name: 'IpAddress', family: 'Ip', comparison: 'eq', negated: false },
  { name: 'NotIpAddress', family: 'Ip', comparison: 'eq', negated: true },
  // ArnEquals and ArnLike are documented identically: component-wise, wildcards allowed.
  { name: 'ArnEquals', family: 'Arn', comparison: 'like', negated: false },
  { name: 'ArnNotEquals', family: 'Arn', comparison: 'like', negated: true },
  { name: 'ArnLike', family: 'Arn', comparison: 'like', negated: false },
  { name: 'ArnNotLike', family: 'Arn', comparison: 'like', negated: true },
  { name: 'Null', family: 'Null', comparison: 'eq', negated: false },
];

const BY_NAME = new Map(SPECS.map((s) => [s.name.toLowerCase(), s]));
/** IAM operators this evaluator does not implement (named as such, not as unknown). */
const NOT_IMPLEMENTED = new Map([['binaryequals', 'BinaryEquals']]);

export type SetQualifier = 'ForAnyValue' | 'ForAllValues';

export interface Condition {
  /** The operator as written in the policy, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** The canonical base operator name, e.g. `StringLike`. */
  readonly baseOperator: string;
  readonly qualifier: SetQualifier | undefined;
  readonly ifExists: boolean;
  readonly negated: boolean;
  /** The condition key as written. */
  readonly key: string;
  /** Lowercased key, for lookup. */
  readonly lookupKey: string;
  readonly values: readonly string[];
  /** Whether one request value matches any of the policy values (the positive operator). */
  readonly matchesOne: (value: string) => boolean;
  /** Null only: the required absence (`true`) or presence (`false`); ORed when both are listed. */
  readonly nullValues: readonly boolean[] | undefined;
}

/** Request-side values of a key: undefined when the key is absent (or an empty list). */
export type KeyLookup = (lowercaseKey: string) => readonly string[] | undefined;

interface ParsedOperator {
  readonly spec: OperatorSpec;
  readonly qualifier: SetQualifier | undefined;
  readonly ifExists: boolean;
}

function parseOperator(text: string, where: string): ParsedOperator {
  let rest = text;
  let qualifier: SetQualifier | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const prefix = rest.slice(0, colon).toLowerCase();
    if (prefix === 'foranyvalue') qualifier = 'ForAnyValue';
    else if (prefix === 'forallvalues') qualifier = 'ForAllValues';
    else throw new PolicyParseError(`${where}: unknown condition operator ${JSON.stringify(text)} (set qualifiers are ForAnyValue: and ForAllValues:)`);
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.length > 'IfExists'.length && rest.toLowerCase().endsWith('ifexists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const spec = BY_NAME.get(rest.toLowerCase());
  if (!spec) {
    const known = NOT_IMPLEMENTED.get(rest.toLowerCase());
    if (known) throw notImplemented(`${where}: condition operator ${JSON.stringify(text)} (${known})`);
    throw new PolicyParseError(`${where}: unknown condition operator ${JSON.stringify(text)}`);
  }
  if (spec.family === 'Null' && (ifExists || qualifier)) {
    throw new PolicyParseError(`${where}: ${JSON.stringify(text)} is not a valid operator: Null takes neither IfExists nor a set qualifier`);
  }
  return { spec, qualifier, ifExists };
}

/** Condition values may be JSON strings, numbers or booleans ("IAM JSON policy element grammar"). */
function valueList(raw: unknown, where: string): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw new PolicyParseError(`${where}: the value list is empty`);
  return list.map((v) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new PolicyParseError(`${where}: condition values must be strings, numbers or booleans, not ${JSON.stringify(v)}`);
  });
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function parseNumber(text: string): number | undefined {
  return NUMBER.test(text.trim()) ? Number(text) : undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Date values are "W3C implementations of the ISO 8601 date formats" or epoch (UNIX) time
 * (IAM User Guide, condition operators, Date condition operators). A time without a zone is
 * read as UTC. Returns milliseconds since the epoch.
 */
export function parseDate(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  const m = ISO_DATE.exec(t);
  if (!m) return undefined;
  let iso = `${m[1]}-${m[2]}-${m[3]}`;
  if (m[4] !== undefined) {
    let zone = m[8] ?? 'Z';
    if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
    iso += `T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}${zone.toUpperCase()}`;
  } else {
    iso += 'T00:00:00Z';
  }
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

function parseBool(text: string): boolean | undefined {
  const t = text.toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

function ordered(comparison: Comparison, actual: number, expected: number): boolean {
  switch (comparison) {
    case 'eq':
      return actual === expected;
    case 'lt':
      return actual < expected;
    case 'lte':
      return actual <= expected;
    case 'gt':
      return actual > expected;
    case 'gte':
      return actual >= expected;
    default:
      return false;
  }
}

/** Builds the positive single-value matcher for one key's policy values. */
function valueMatcher(spec: OperatorSpec, values: readonly string[], text: TextOptions): (value: string) => boolean {
  const where = text.where;
  switch (spec.family) {
    case 'String': {
      if (spec.comparison === 'like') {
        const patterns: Pattern[] = values.map((v) => compilePattern(v, text));
        return (value) => patterns.some((p) => p.test(value));
      }
      if (spec.comparison === 'eqIgnoreCase') {
        const set = new Set(values.map((v) => literalText(v, text).toLowerCase()));
        return (value) => set.has(value.toLowerCase());
      }
      const set = new Set(values.map((v) => literalText(v, text)));
      return (value) => set.has(value);
    }
    case 'Arn': {
      const patterns = values.map((v) => compileArnPattern(v, text));
      return (value) => patterns.some((p) => p.test(value));
    }
    case 'Numeric': {
      const expected = values.map((v) => {
        const n = parseNumber(v);
        if (n === undefined) throw new PolicyParseError(`${where}: ${JSON.stringify(v)} is not a number (${spec.name})`);
        return n;
      });
      return (value) => {
        const n = parseNumber(value);
        return n !== undefined && expected.some((e) => ordered(spec.comparison, n, e));
      };
    }
    case 'Date': {
      const expected = values.map((v) => {
        const d = parseDate(v);
        if (d === undefined) {
          throw new PolicyParseError(`${where}: ${JSON.stringify(v)} is not an ISO 8601 date or epoch time (${spec.name})`);
        }
        return d;
      });
      return (value) => {
        const d = parseDate(value);
        return d !== undefined && expected.some((e) => ordered(spec.comparison, d, e));
      };
    }
    case 'Bool': {
      const expected = new Set(
        values.map((v) => {
          literalText(v, text); // refuses policy variables with the not-implemented message
          const b = parseBool(v);
          if (b === undefined) throw new PolicyParseError(`${where}: ${JSON.stringify(v)} is not true or false (Bool)`);
          return b;
        }),
      );
      return (value) => {
        const b = parseBool(value);
        return b !== undefined && expected.has(b);
      };
    }
    case 'Ip': {
      const ranges: IpRange[] = values.map((v) => {
        const r = parseRange(v.trim());
        if (!r) throw new PolicyParseError(`${where}: ${JSON.stringify(v)} is not an IP address or CIDR block (${spec.name})`);
        return r;
      });
      return (value) => {
        const address = parseAddress(value.trim());
        return address !== undefined && ranges.some((r) => rangeContains(r, address));
      };
    }
    case 'Null':
      return () => false;
  }
}

/** Parses a Condition element into its (ANDed) conditions. */
export function parseConditionBlock(raw: unknown, where: string, variables: boolean): Condition[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new PolicyParseError(`${where}: Condition must be an object of operators`);
  }
  const out: Condition[] = [];
  for (const [operator, block] of Object.entries(raw as Record<string, unknown>)) {
    const opWhere = `${where}.${operator}`;
    const { spec, qualifier, ifExists } = parseOperator(operator, opWhere);
    if (typeof block !== 'object' || block === null || Array.isArray(block)) {
      throw new PolicyParseError(`${opWhere}: must be an object of condition keys and values`);
    }
    for (const [key, rawValues] of Object.entries(block as Record<string, unknown>)) {
      const keyWhere = `${opWhere}.${key}`;
      if (key.length === 0) throw new PolicyParseError(`${opWhere}: empty condition key`);
      const values = valueList(rawValues, keyWhere);
      let nullValues: boolean[] | undefined;
      if (spec.family === 'Null') {
        nullValues = values.map((v) => {
          const b = parseBool(v);
          if (b === undefined) throw new PolicyParseError(`${keyWhere}: ${JSON.stringify(v)} is not true or false (Null)`);
          return b;
        });
      }
      out.push({
        operator,
        baseOperator: spec.name,
        qualifier,
        ifExists,
        negated: spec.negated,
        key,
        lookupKey: key.toLowerCase(),
        values,
        matchesOne: valueMatcher(spec, values, { variables, where: keyWhere }),
        nullValues,
      });
    }
  }
  return out;
}

/** Evaluates one condition (one operator, one key) against the request. */
export function conditionHolds(condition: Condition, lookup: KeyLookup): boolean {
  const values = lookup(condition.lookupKey);
  if (condition.nullValues) {
    const absent = values === undefined;
    return condition.nullValues.some((wantAbsent) => wantAbsent === absent);
  }
  const matches = condition.negated ? (v: string) => !condition.matchesOne(v) : condition.matchesOne;
  switch (condition.qualifier) {
    case 'ForAnyValue':
      return values !== undefined && values.some(matches);
    case 'ForAllValues':
      return values === undefined || values.every(matches);
    default: {
      if (values === undefined) return condition.ifExists || condition.negated;
      const positive = values.some(condition.matchesOne);
      return condition.negated ? !positive : positive;
    }
  }
}

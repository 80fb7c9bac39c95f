/**
 * Parses an IAM policy document (a resource-based policy: API Gateway resource policies, VPC
 * endpoint policies) into a form `evaluatePolicy` can run without re-reading the JSON.
 *
 * Document grammar ("IAM JSON policy element reference" and "Grammar of the IAM JSON policy
 * language", IAM User Guide):
 * - top level: `Version` ("2012-10-17" or "2008-10-17"; absent means 2008-10-17, "IAM JSON
 *   policy elements: Version"), `Id`, `Statement` (an object or an array of them);
 * - statement: `Sid`, `Effect` ("Allow" | "Deny"), exactly one of `Principal`/`NotPrincipal`
 *   (resource-based policies name who they apply to), exactly one of `Action`/`NotAction`,
 *   exactly one of `Resource`/`NotResource`, optional `Condition`.
 * Anything else is refused with a PolicyParseError naming it, rather than ignored.
 */
import { parseConditionBlock, type Condition } from './conditions.js';
import { PolicyParseError } from './errors.js';
import { compilePattern, type Pattern } from './wildcard.js';

export type PolicyVersion = '2012-10-17' | '2008-10-17';

/** One entry of a Principal/NotPrincipal element. */
export type PrincipalEntry =
  /** `"*"` or `{"AWS": "*"}`: everyone, including anonymous callers. */
  | { readonly kind: 'everyone' }
  /** An account id or `arn:aws:iam::{account}:root`: any principal of that account. */
  | { readonly kind: 'account'; readonly accountId: string }
  /** An IAM role: the role itself and every session of it (`arn:aws:sts::{account}:assumed-role/{name}/...`). */
  | { readonly kind: 'role'; readonly arn: string; readonly accountId: string; readonly roleName: string }
  /** Any other IAM/STS principal ARN: exact match. */
  | { readonly kind: 'arn'; readonly arn: string }
  /**
   * Service, Federated and CanonicalUser principals, and unique ids (what IAM shows for a
   * deleted identity): valid, but never the caller of the requests localvpc evaluates.
   */
  | { readonly kind: 'other'; readonly type: string; readonly value: string };

export interface PrincipalClause {
  readonly negated: boolean;
  readonly entries: readonly PrincipalEntry[];
}

export interface PatternClause {
  readonly negated: boolean;
  readonly patterns: readonly Pattern[];
}

export interface PolicyStatement {
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  readonly principal: PrincipalClause;
  readonly action: PatternClause;
  readonly resource: PatternClause;
  readonly conditions: readonly Condition[];
}

export interface Policy {
  readonly version: PolicyVersion;
  readonly id: string | undefined;
  readonly statements: readonly PolicyStatement[];
  /** The parsed JSON document; also what JSON.stringify(policy) yields. */
  readonly document: unknown;
  toJSON(): unknown;
}

const TOP_LEVEL = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A string or a non-empty array of strings. */
function stringList(raw: unknown, where: string): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw new PolicyParseError(`${where}: must not be an empty list`);
  for (const v of list) {
    if (typeof v !== 'string') throw new PolicyParseError(`${where}: must be a string or a list of strings, found ${JSON.stringify(v)}`);
  }
  return list as string[];
}

/** Exactly one of two alternative elements (Action/NotAction, ...). */
function oneOf(st: Record<string, unknown>, positive: string, negative: string, where: string): { raw: unknown; negated: boolean; name: string } {
  const hasPositive = st[positive] !== undefined;
  const hasNegative = st[negative] !== undefined;
  if (hasPositive && hasNegative) throw new PolicyParseError(`${where}: has both ${positive} and ${negative}`);
  if (!hasPositive && !hasNegative) throw new PolicyParseError(`${where}: needs a ${positive} or a ${negative} element`);
  return hasPositive ? { raw: st[positive], negated: false, name: positive } : { raw: st[negative], negated: true, name: negative };
}

const ACCOUNT_ID = /^\d{12}$/;
const PRINCIPAL_ARN = /^arn:[a-z0-9-]+:(iam|sts)::(\d{12}):(.+)$/;
/** IAM unique ids (AIDA..., AROA..., ...), which replace the ARN of a deleted identity in a policy. */
const UNIQUE_ID = /^A[A-Z0-9]{15,127}$/;

/**
 * An AWS principal. "You cannot use a wildcard to match part of a principal name or ARN"
 * (IAM User Guide, "AWS JSON policy elements: Principal"), so `*` is accepted only alone.
 */
function awsPrincipal(value: string, where: string): PrincipalEntry {
  if (value === '*') return { kind: 'everyone' };
  if (ACCOUNT_ID.test(value)) return { kind: 'account', accountId: value };
  if (UNIQUE_ID.test(value)) return { kind: 'other', type: 'AWS', value };
  const m = PRINCIPAL_ARN.exec(value);
  if (!m || value.includes('*') || value.includes('?')) {
    throw new PolicyParseError(`${where}: invalid AWS principal ${JSON.stringify(value)} (expected "*", an account id or an IAM/STS ARN without wildcards)`);
  }
  const [, service, accountId, resource] = m as unknown as [string, string, string, string];
  if (service === 'iam' && resource === 'root') return { kind: 'account', accountId };
  if (service === 'iam' && resource.startsWith('role/')) {
    const roleName = resource.slice(resource.lastIndexOf('/') + 1);
    if (roleName) return { kind: 'role', arn: value, accountId, roleName };
  }
  return { kind: 'arn', arn: value };
}

function parsePrincipal(raw: unknown, negated: boolean, where: string): PrincipalClause {
  if (raw === '*') return { negated, entries: [{ kind: 'everyone' }] };
  if (!isObject(raw)) {
    throw new PolicyParseError(`${where}: must be "*" or an object such as {"AWS": [...]}, found ${JSON.stringify(raw)}`);
  }
  const entries: PrincipalEntry[] = [];
  const types = Object.keys(raw);
  if (types.length === 0) throw new PolicyParseError(`${where}: names no principal`);
  for (const type of types) {
    if (!PRINCIPAL_TYPES.has(type)) {
      throw new PolicyParseError(`${where}: unknown principal type ${JSON.stringify(type)} (expected AWS, Service, Federated or CanonicalUser)`);
    }
    for (const value of stringList(raw[type], `${where}.${type}`)) {
      entries.push(type === 'AWS' ? awsPrincipal(value, `${where}.${type}`) : { kind: 'other', type, value });
    }
  }
  return { negated, entries };
}

function parseActions(raw: unknown, negated: boolean, where: string): PatternClause {
  const patterns = stringList(raw, where).map((a) => {
    if (a !== '*' && !/^[^:]+:[^:]+$/.test(a)) {
      throw new PolicyParseError(`${where}: invalid action ${JSON.stringify(a)} (expected "*" or "service:action")`);
    }
    // Policy variables are not recognised in Action; it is matched as written.
    return compilePattern(a, { variables: false, ignoreCase: true, where });
  });
  return { negated, patterns };
}

function parseResources(raw: unknown, negated: boolean, where: string, variables: boolean): PatternClause {
  const patterns = stringList(raw, where).map((r) => {
    if (r !== '*' && !r.startsWith('arn:')) {
      throw new PolicyParseError(`${where}: invalid resource ${JSON.stringify(r)} (expected "*" or an ARN)`);
    }
    return compilePattern(r, { variables, where });
  });
  return { negated, patterns };
}

function parseStatement(raw: unknown, where: string, variables: boolean): PolicyStatement {
  if (!isObject(raw)) throw new PolicyParseError(`${where}: a statement must be an object`);
  for (const key of Object.keys(raw)) {
    if (!STATEMENT_KEYS.has(key)) throw new PolicyParseError(`${where}: unknown element ${JSON.stringify(key)}`);
  }
  const sid = raw['Sid'];
  if (sid !== undefined && typeof sid !== 'string') throw new PolicyParseError(`${where}.Sid: must be a string`);
  const effect = raw['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') {
    throw new PolicyParseError(`${where}.Effect: must be "Allow" or "Deny", found ${JSON.stringify(effect)}`);
  }
  const principal = oneOf(raw, 'Principal', 'NotPrincipal', where);
  const action = oneOf(raw, 'Action', 'NotAction', where);
  const resource = oneOf(raw, 'Resource', 'NotResource', where);
  return {
    sid,
    effect,
    principal: parsePrincipal(principal.raw, principal.negated, `${where}.${principal.name}`),
    action: parseActions(action.raw, action.negated, `${where}.${action.name}`),
    resource: parseResources(resource.raw, resource.negated, `${where}.${resource.name}`, variables),
    conditions: raw['Condition'] === undefined ? [] : parseConditionBlock(raw['Condition'], `${where}.Condition`, variables),
  };
}

/** Parses a policy document; throws PolicyParseError with a message naming the offending element. */
export function parsePolicy(json: string): Policy {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    throw new PolicyParseError(`policy document is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(doc)) throw new PolicyParseError('policy document must be a JSON object');
  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL.has(key)) throw new PolicyParseError(`policy document: unknown element ${JSON.stringify(key)}`);
  }
  const version = doc['Version'] ?? '2008-10-17';
  if (version !== '2012-10-17' && version !== '2008-10-17') {
    throw new PolicyParseError(`Version: must be "2012-10-17" or "2008-10-17", found ${JSON.stringify(version)}`);
  }
  const id = doc['Id'];
  if (id !== undefined && typeof id !== 'string') throw new PolicyParseError('Id: must be a string');
  const rawStatements = doc['Statement'];
  if (rawStatements === undefined) throw new PolicyParseError('policy document has no Statement');
  const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  const variables = version === '2012-10-17';
  const statements = list.map((s, i) => parseStatement(s, Array.isArray(rawStatements) ? `Statement[${i}]` : 'Statement', variables));
  return { version, id, statements, document: doc, toJSON: () => doc };
}

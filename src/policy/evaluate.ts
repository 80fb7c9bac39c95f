/**
 * Evaluation of one resource-based policy against one request (API Gateway execute-api resource
 * policies; VPC endpoint policies use the same logic).
 *
 * IAM's logic for a single policy ("Policy evaluation logic", IAM User Guide): a statement
 * applies when its Principal/NotPrincipal, Action/NotAction, Resource/NotResource and every
 * condition match. An explicit Deny in any applicable statement wins; otherwise an Allow in any
 * applicable statement allows; otherwise the request is implicitly denied. How API Gateway
 * combines the result with IAM auth, authorizers and cross-account rules is the caller's part
 * (apigateway-rest.md §2.8).
 *
 * Matching rules:
 * - Action: case-insensitive, `*` and `?` wildcards ("IAM JSON policy elements: Action").
 * - Resource: case-sensitive, `*` and `?` wildcards over the whole ARN, so `*` also crosses `/`
 *   and `:` (`arn:aws:execute-api:eu-west-1:000000000000:abc123defg/*` covers every stage,
 *   method and path of that API).
 * - Principal: `"*"` and `{"AWS": "*"}` match everyone including anonymous callers (equivalent
 *   forms, "AWS JSON policy elements: Principal"); an account id or
 *   `arn:aws:iam::{account}:root` matches every principal of that account; a role ARN matches
 *   the role and its sessions (`arn:aws:sts::{account}:assumed-role/{name}/{session}`); other
 *   ARNs match exactly. Anonymous callers match only the `*` forms. NotPrincipal applies to
 *   every caller not listed, anonymous ones included.
 */
import { conditionHolds, type KeyLookup } from './conditions.js';
import type { PatternClause, Policy, PolicyStatement, PrincipalClause, PrincipalEntry } from './parse.js';

export { PolicyParseError } from './errors.js';
export { parsePolicy } from './parse.js';
export type { Policy, PolicyStatement, PolicyVersion, PrincipalEntry } from './parse.js';
export type { Condition } from './conditions.js';

export type PolicyDecision = { readonly effect: 'Allow' } | { readonly effect: 'Deny'; readonly explicit: boolean };

export type RequestPrincipal =
  | { readonly type: 'anonymous' }
  | { readonly type: 'AWS'; readonly arn: string; readonly accountId: string };

export interface RequestContext {
  readonly principal: RequestPrincipal;
  /** e.g. `execute-api:Invoke`. */
  readonly action: string;
  /** e.g. `arn:aws:execute-api:eu-west-1:000000000000:abc123defg/test/GET/pets/1`. */
  readonly resource: string;
  /**
   * Condition keys of the request (`aws:SourceIp`, `aws:SourceVpc`, `aws:SourceVpce`,
   * `aws:VpcSourceIp`, `aws:SecureTransport` as 'true'/'false', `aws:CurrentTime` (ISO 8601),
   * `aws:EpochTime`, `aws:UserAgent`, `aws:Referer`, ...). Names are matched case-insensitively;
   * undefined and empty lists count as absent.
   */
  readonly conditionKeys: Readonly<Record<string, string | readonly string[] | undefined>>;
}

const ALLOW: PolicyDecision = Object.freeze({ effect: 'Allow' });
const EXPLICIT_DENY: PolicyDecision = Object.freeze({ effect: 'Deny', explicit: true });
const IMPLICIT_DENY: PolicyDecision = Object.freeze({ effect: 'Deny', explicit: false });

function keyLookup(keys: RequestContext['conditionKeys']): KeyLookup {
  const map = new Map<string, readonly string[]>();
  for (const [name, value] of Object.entries(keys)) {
    if (value === undefined) continue;
    const list = typeof value === 'string' ? [value] : value;
    if (list.length === 0) continue;
    const lower = name.toLowerCase();
    // Two spellings of one key: keep every value rather than let one silently win.
    const prior = map.get(lower);
    map.set(lower, prior ? [...prior, ...list] : list);
  }
  return (key) => map.get(key);
}

const ASSUMED_ROLE = /^arn:[a-z0-9-]+:sts::(\d{12}):assumed-role\/([^/]+)\/.+$/;

function entryMatches(entry: PrincipalEntry, principal: RequestPrincipal): boolean {
  if (entry.kind === 'everyone') return true;
  if (principal.type === 'anonymous') return false;
  switch (entry.kind) {
    case 'account':
      return entry.accountId === principal.accountId;
    case 'role': {
      if (entry.arn === principal.arn) return true;
      const m = ASSUMED_ROLE.exec(principal.arn);
      return m !== null && m[1] === entry.accountId && m[2] === entry.roleName;
    }
    case 'arn':
      return entry.arn === principal.arn;
    case 'other':
      return false;
  }
}

function principalMatches(clause: PrincipalClause, principal: RequestPrincipal): boolean {
  const listed = clause.entries.some((e) => entryMatches(e, principal));
  return clause.negated ? !listed : listed;
}

function patternsMatch(clause: PatternClause, value: string): boolean {
  const listed = clause.patterns.some((p) => p.test(value));
  return clause.negated ? !listed : listed;
}

function statementApplies(statement: PolicyStatement, request: RequestContext, lookup: () => KeyLookup): boolean {
  if (!principalMatches(statement.principal, request.principal)) return false;
  if (!patternsMatch(statement.action, request.action)) return false;
  if (!patternsMatch(statement.resource, request.resource)) return false;
  if (statement.conditions.length === 0) return true;
  const keys = lookup();
  return statement.conditions.every((c) => conditionHolds(c, keys));
}

/** Evaluates a single resource-based policy: explicit Deny > Allow > implicit Deny. */
export function evaluatePolicy(policy: Policy, request: RequestContext): PolicyDecision {
  let keys: KeyLookup | undefined;
  const lookup = () => (keys ??= keyLookup(request.conditionKeys));
  let allowed = false;
  for (const statement of policy.statements) {
    if (statement.effect === 'Allow' && allowed) continue; // only a Deny can still change the answer
    if (!statementApplies(statement, request, lookup)) continue;
    if (statement.effect === 'Deny') return EXPLICIT_DENY;
    allowed = true;
  }
  return allowed ? ALLOW : IMPLICIT_DENY;
}

/**
 * The two policies of a private custom domain name (apigateway-rest.md §1.10):
 * - `policy`, for the execute-api service: stored as compact JSON with the `execute-api:/*`
 *   shorthand rewritten to the domain's execute-api ARN
 *   `arn:aws:execute-api:{region}:{account}:/domainnames/{name}+{domainNameId}` [doc]
 *   (CLIEX/create-domain-name.rst output). Other `execute-api:/{rest}` shorthands become
 *   `{that ARN}/{rest}` [infer]. Unlike a REST API's policy (policy.ts) it is returned as plain
 *   JSON text, not escaped a second time [doc] (same example).
 * - `managementPolicy`, for the API Gateway management service (who may create access
 *   associations): stored as compact JSON, without rewriting [infer].
 */
import { badRequest } from './common/errors.js';

const SHORTHAND = 'execute-api:/';

// Wording of REST API policy refusals (policy.ts); not recorded for domain names. [infer]
const INVALID = 'Invalid policy document. Please check the policy syntax and ensure that Principals are valid.';

function parseDocument(text: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw badRequest(INVALID);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw badRequest(INVALID);
  return doc as Record<string, unknown>;
}

/** The execute-api ARN of a private custom domain name. */
export function domainExecuteApiArn(region: string, accountId: string, domainName: string, domainNameId: string): string {
  return `arn:aws:execute-api:${region}:${accountId}:/domainnames/${domainName}+${domainNameId}`;
}

function expand(value: unknown, arn: string): unknown {
  if (typeof value === 'string') {
    if (!value.startsWith(SHORTHAND)) return value;
    const rest = value.slice(SHORTHAND.length);
    return rest === '*' ? arn : `${arn}/${rest}`;
  }
  if (Array.isArray(value)) return value.map((v) => expand(v, arn));
  return value;
}

/** Validates a domain's execute-api `policy` and expands its shorthand against `arn`. */
export function normaliseDomainPolicy(text: string, arn: string): string {
  const doc = parseDocument(text);
  const rewrite = (s: unknown): unknown => {
    if (typeof s !== 'object' || s === null) return s;
    const st = { ...(s as Record<string, unknown>) };
    if (st['Resource'] !== undefined) st['Resource'] = expand(st['Resource'], arn);
    if (st['NotResource'] !== undefined) st['NotResource'] = expand(st['NotResource'], arn);
    return st;
  };
  const statement = doc['Statement'];
  if (statement === undefined) return JSON.stringify(doc);
  return JSON.stringify({ ...doc, Statement: Array.isArray(statement) ? statement.map(rewrite) : rewrite(statement) });
}

/** Validates a `managementPolicy`; stored compact and otherwise unchanged. */
export function normaliseManagementPolicy(text: string): string {
  return JSON.stringify(parseDocument(text));
}

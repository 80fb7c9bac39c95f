/**
 * Resource policies of REST APIs (apigateway-rest.md §1.3): stored as JSON with the
 * `execute-api:/...` shorthand rewritten into full ARNs
 * (`execute-api:/*` → `arn:aws:execute-api:{region}:{account}:{apiId}/*`), and returned with their
 * quotes backslash-escaped a second time, as GetRestApi/UpdateRestApi do.
 */
import { badRequest } from './common/errors.js';

const SHORTHAND = 'execute-api:/';

function expand(value: unknown, prefix: string): unknown {
  if (typeof value === 'string') return value.startsWith(SHORTHAND) ? prefix + value.slice(SHORTHAND.length) : value;
  if (Array.isArray(value)) return value.map((v) => expand(v, prefix));
  return value;
}

/** Parses and normalises a policy document; the result is compact JSON. */
export function normalisePolicy(text: string, region: string, accountId: string, apiId: string): string {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // Wording not recorded in apigateway-rest.md. [inf]
    throw badRequest('Invalid policy document. Please check the policy syntax and ensure that Principals are valid.');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw badRequest('Invalid policy document. Please check the policy syntax and ensure that Principals are valid.');
  }
  const prefix = `arn:aws:execute-api:${region}:${accountId}:${apiId}/`;
  const d = doc as { Statement?: unknown };
  const statements = Array.isArray(d.Statement) ? d.Statement : d.Statement !== undefined ? [d.Statement] : [];
  const rewritten = statements.map((s: unknown) => {
    if (typeof s !== 'object' || s === null) return s;
    const st = { ...(s as Record<string, unknown>) };
    if (st['Resource'] !== undefined) st['Resource'] = expand(st['Resource'], prefix);
    if (st['NotResource'] !== undefined) st['NotResource'] = expand(st['NotResource'], prefix);
    return st;
  });
  return JSON.stringify(d.Statement === undefined ? d : { ...d, Statement: Array.isArray(d.Statement) ? rewritten : rewritten[0] });
}

/** The wire form: the stored JSON with its quotes escaped once more (`{\"Version\":...}`). */
export function policyToWire(policy: string): string {
  return JSON.stringify(policy).slice(1, -1);
}

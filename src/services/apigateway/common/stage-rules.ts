/**
 * Stage names and stage variables (apigateway-rest.md §1.8): names alphanumerics, `-`, `_`, up to
 * 128 chars; variable names alphanumerics and `_` (up to 64), values `[A-Za-z0-9-._~:/?#&=,]+`
 * (up to 512), at most 100 per stage. AWS's wording of these refusals is not recorded. [inf]
 */
import { badRequest } from './errors.js';

export function checkStageName(name: string | undefined): string {
  if (!name || !/^[A-Za-z0-9_-]{1,128}$/.test(name)) throw badRequest('Stage name only allows a-zA-Z0-9_-');
  return name;
}

export function checkVariableName(name: string): void {
  if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) throw badRequest(`Stage variable name ${name} must be alphanumeric or underscore and at most 64 characters`);
}

export function checkVariableValue(name: string, value: string): void {
  if (!/^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/.test(value)) {
    throw badRequest(`Stage variable value ${value} for ${name} must match [A-Za-z0-9-._~:/?#&=,]+ and be at most 512 characters`);
  }
}

export function checkVariables(vars: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars ?? {})) {
    checkVariableName(k);
    checkVariableValue(k, v);
    out[k] = v;
  }
  if (Object.keys(out).length > 100) throw badRequest('A stage can have at most 100 stage variables');
  return out;
}

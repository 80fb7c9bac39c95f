/**
 * Load balancer and target group names: at most 32 characters, alphanumerics and hyphens, not
 * beginning or ending with `-`; load balancer names must not begin with `internal-`
 * (elbv2-vpc-endpoints.md §1.3, §1.5). Target group messages are moto's AWS-style wording (§1.5);
 * the load balancer ones are worded the same way by analogy ([infer]).
 */
import { validationError } from './errors.js';

function checkName(noun: string, name: string | undefined): string {
  if (name === undefined || name === '') throw validationError(`${noun} name cannot be empty`);
  if (name.length > 32) throw validationError(`${noun} name '${name}' cannot be longer than '32' characters`);
  if (!/^[a-zA-Z0-9-]+$/.test(name)) throw validationError(`${noun} name '${name}' can only contain characters that are alphanumeric characters or hyphens(-)`);
  if (name.startsWith('-') || name.endsWith('-')) throw validationError(`${noun} name '${name}' cannot begin or end with '-'`);
  return name;
}

export function checkLoadBalancerName(name: string | undefined): string {
  const n = checkName('Load balancer', name);
  if (n.startsWith('internal-')) throw validationError(`Load balancer name '${n}' cannot begin with 'internal-'`);
  return n;
}

export function checkTargetGroupName(name: string | undefined): string {
  return checkName('Target group', name);
}

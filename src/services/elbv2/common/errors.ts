/**
 * ELBv2's error codes, as the model names them on the wire (elbv2-vpc-endpoints.md §1.1, §1.11).
 * Every one is an HTTP 400 sender fault; the protocol layer maps the status.
 */
import { AwsError, NotImplementedError } from '../../../kernel/errors.js';

/** Parameter validation failures (`ValidationError`, not in the model; §1.1). */
export function validationError(message: string): AwsError {
  return new AwsError('ValidationError', message);
}

export function invalidConfiguration(message: string): AwsError {
  return new AwsError('InvalidConfigurationRequest', message);
}

/** By-ARN lookups answer `One or more load balancers not found` (§1.3, observed). */
export const loadBalancerNotFound = () => new AwsError('LoadBalancerNotFound', 'One or more load balancers not found');
export const targetGroupNotFound = () => new AwsError('TargetGroupNotFound', 'One or more target groups not found');
export const listenerNotFound = () => new AwsError('ListenerNotFound', 'One or more listeners not found');
/** moto's AWS-style wording for rules (elbv2-vpc-endpoints.md §1.10). */
export const ruleNotFound = () => new AwsError('RuleNotFound', 'One or more rules not found');

/**
 * Refuses input members this handler does not implement, so nothing is silently accepted and
 * ignored (DESIGN.md). Empty lists count as absent.
 */
export function rejectUnsupported(operation: string, input: Record<string, unknown>, supported: readonly string[]): void {
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || supported.includes(key)) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    throw new NotImplementedError(`The parameter ${key} of ${operation} is not implemented by localvpc (elbv2 2015-12-01).`);
  }
}

/** Refuses members of a nested structure (`SubnetMappings.AllocationId`, ...). */
export function rejectUnsupportedMember(operation: string, path: string, value: Record<string, unknown>, supported: readonly string[]): void {
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || supported.includes(key)) continue;
    throw new NotImplementedError(`The parameter ${path}.${key} of ${operation} is not implemented by localvpc (elbv2 2015-12-01).`);
  }
}

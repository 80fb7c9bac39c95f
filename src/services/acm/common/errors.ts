/**
 * ACM's error codes (ec2-route53-acm.md §3.7). All are HTTP 400 with the code in `__type`; the
 * json codec writes the envelope.
 */
import { AwsError, NotImplementedError } from '../../../kernel/errors.js';

export const API = 'acm 2015-12-08';

/** `ValidationException`: parameter checks (§3.5, §3.7). */
export function validationException(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

/** Observed AWS text (§3.7): `Could not find certificate <arn> in account <acct>.` */
export function certificateNotFound(arn: string, accountId: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Could not find certificate ${arn} in account ${accountId}.`);
}

/**
 * A string that passes the model's ARN pattern but is not an ACM certificate ARN of this
 * partition (§3.7). Wording [infer].
 */
export function invalidArn(arn: string): AwsError {
  return new AwsError('InvalidArnException', `String '${arn}' is not a valid certificate ARN.`);
}

/** Observed AWS text (§3.6): `Certificate <arn> in account <acct> is in use.` */
export function resourceInUse(arn: string, accountId: string): AwsError {
  return new AwsError('ResourceInUseException', `Certificate ${arn} in account ${accountId} is in use.`);
}

/** GetCertificate before issuance (§3.6). Wording [infer]. */
export function requestInProgress(arn: string, status: string): AwsError {
  return new AwsError('RequestInProgressException', `Certificate ${arn} is in status ${status} and has not been issued.`);
}

/**
 * Refuses input members this handler does not implement, so nothing is silently accepted and
 * ignored (DESIGN.md). Empty lists count as absent.
 */
export function rejectUnsupported(operation: string, input: Record<string, unknown>, supported: readonly string[]): void {
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || supported.includes(key)) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    throw new NotImplementedError(`The parameter ${key} of ${operation} is not implemented by localvpc (${API}).`);
  }
}

export function notImplemented(what: string): NotImplementedError {
  return new NotImplementedError(`${what} is not implemented by localvpc (${API}).`);
}

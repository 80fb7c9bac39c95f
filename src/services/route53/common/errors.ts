/**
 * Route 53's error answers (ec2-route53-acm.md §2.11, aws-protocols.md §5). Codes are the model's
 * shape names; statuses are the model's (NoSuch* 404, HostedZoneAlreadyExists 409, the rest 400),
 * repeated here so handler tests see what the wire will carry.
 */
import { AwsError, NotImplementedError } from '../../../kernel/errors.js';

export const invalidInput = (message: string): AwsError => new AwsError('InvalidInput', message, 400);

/** `No hosted zone found with ID: <id>` (§2.3, [snap]). */
export const noSuchHostedZone = (id: string): AwsError => new AwsError('NoSuchHostedZone', `No hosted zone found with ID: ${id}`, 404);

export const invalidDomainName = (message: string): AwsError => new AwsError('InvalidDomainName', message, 400);

/** `The VPC ID is invalid.` (§2.2, [snap]). */
export const invalidVpcId = (): AwsError => new AwsError('InvalidVPCId', 'The VPC ID is invalid.', 400);

/**
 * InvalidChangeBatch carries every problem of the batch in `messages`; the SDKs print the
 * message as the bracketed list (§0, §2.5), which is what `message` holds.
 */
export function invalidChangeBatch(messages: readonly string[]): AwsError {
  return new AwsError('InvalidChangeBatch', `[${messages.join(', ')}]`, 400, { messages: [...messages] });
}

const NOT_IMPLEMENTED_SUFFIX = 'is not implemented by localvpc (route53 2013-04-01).';

export function notImplemented(what: string): NotImplementedError {
  return new NotImplementedError(`${what} ${NOT_IMPLEMENTED_SUFFIX}`);
}

/**
 * Refuses input members this emulator does not implement instead of ignoring them (DESIGN.md,
 * "Nothing is silently accepted and ignored"). Empty lists count as absent.
 */
export function rejectUnsupported(operation: string, input: Record<string, unknown>, supported: readonly string[], path = ''): void {
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null || supported.includes(key)) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    throw notImplemented(`The parameter ${path}${key} of ${operation}`);
  }
}

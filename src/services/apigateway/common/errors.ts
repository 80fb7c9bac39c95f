/**
 * API Gateway's error answers (apigateway-rest.md §1.1): the code travels in `x-amzn-ErrorType`,
 * the message in `{"message": ...}`; statuses come from the model's error shapes.
 */
import { AwsError, NotImplementedError } from '../../../kernel/errors.js';

export const badRequest = (message: string): AwsError => new AwsError('BadRequestException', message, 400);
export const notFound = (message: string): AwsError => new AwsError('NotFoundException', message, 404);
export const conflict = (message: string): AwsError => new AwsError('ConflictException', message, 409);

/**
 * Framework-level validation in AWS's coral words (§1.1):
 * `1 validation error detected: Value 'X' at 'putIntegrationInput.type' failed to satisfy constraint: ...`.
 */
export function validationError(value: string, at: string, rule: string): AwsError {
  return new AwsError('ValidationException', `1 validation error detected: Value '${value}' at '${at}' failed to satisfy constraint: ${rule}`, 400);
}

/**
 * Refuses input members this emulator does not implement instead of ignoring them (DESIGN.md,
 * "Nothing is silently accepted and ignored"). Empty lists and maps count as absent.
 */
export function rejectUnsupported(operation: string, input: Record<string, unknown>, supported: readonly string[]): void {
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null || supported.includes(key)) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    throw new NotImplementedError(`The parameter ${key} of ${operation} is not implemented by localvpc (apigateway 2015-07-09).`);
  }
}

export function notImplemented(what: string): NotImplementedError {
  return new NotImplementedError(`${what} is not implemented by localvpc (apigateway 2015-07-09).`);
}

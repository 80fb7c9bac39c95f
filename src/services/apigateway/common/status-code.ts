/** Status-code path labels match `[1-5]\d\d` (apigateway-rest.md §1.7), else ValidationException. */
import { validationError } from './errors.js';

export function checkStatusCode(code: string, operation: string): string {
  if (!/^[1-5]\d\d$/.test(code ?? '')) {
    const input = operation.charAt(0).toLowerCase() + operation.slice(1) + 'Input';
    throw validationError(String(code), `${input}.statusCode`, 'Member must satisfy regular expression pattern: [1-5]\\d\\d');
  }
  return code;
}

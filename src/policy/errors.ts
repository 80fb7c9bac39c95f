/**
 * The one error the policy layer throws: a document that cannot be evaluated. It is raised at
 * parse time, never during evaluation, so a policy that parses is always evaluable.
 *
 * `notImplemented` marks documents that are valid IAM but use something localvpc does not
 * evaluate (policy variables, BinaryEquals, ...). Callers map it to their service's
 * not-implemented answer rather than to a validation error (DESIGN.md: nothing is silently
 * accepted and ignored).
 */
export class PolicyParseError extends Error {
  readonly notImplemented: boolean;

  constructor(message: string, options: { notImplemented?: boolean } = {}) {
    super(message);
    this.name = 'PolicyParseError';
    this.notImplemented = options.notImplemented ?? false;
  }
}

/** Same error for an IAM feature localvpc does not evaluate. */
export function notImplemented(message: string): PolicyParseError {
  return new PolicyParseError(`${message}: not implemented by localvpc`, { notImplemented: true });
}

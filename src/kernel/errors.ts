/**
 * The one error type every layer throws for an AWS-visible failure.
 *
 * `code` is the wire code exactly as AWS sends it (`InvalidVpcID.NotFound`, `TargetGroupNotFound`),
 * never derived by rule; the protocol layer serializes it in each protocol's shape.
 * `status` defaults to 400, as every EC2/ELBv2 client fault is (aws-protocols.md §2, §3).
 */
export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  /** true for Sender (client) faults, false for Receiver (server) faults. */
  readonly senderFault: boolean;
  /** Extra members some error shapes carry (Route 53 InvalidChangeBatch `Messages`, ...). */
  readonly extra: Record<string, unknown> | undefined;

  constructor(code: string, message: string, status = 400, extra?: Record<string, unknown>) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
    this.senderFault = status < 500;
    this.extra = extra;
  }
}

/**
 * The answer for an operation or a field that localvpc does not implement. Per DESIGN.md it is
 * the protocol's unknown-operation answer (400, never a retried 5xx; aws-protocols.md §8) with a
 * message that says so. `code` is chosen by the protocol layer (InvalidAction,
 * UnknownOperationException, ...); services throw this with a precise message.
 */
export class NotImplementedError extends AwsError {
  constructor(message: string) {
    super('NotImplemented', message, 400);
  }
}

export function isAwsError(e: unknown): e is AwsError {
  return e instanceof AwsError;
}

/**
 * How an AwsError goes on the wire, whatever the protocol: its code, status and fault, taken from
 * the model's error shape when there is one (aws-protocols.md §2: "take it from the model and never
 * derive it by rule").
 *
 * "Not implemented" (NotImplementedError) is the protocol's unknown-operation answer, always 400:
 * 5xx and throttling codes would make the SDKs retry (aws-protocols.md §8).
 */
import { NotImplementedError, type AwsError } from '../kernel/errors.js';
import type { Model, Shape } from './model.js';

export interface WireError {
  readonly code: string;
  readonly status: number;
  readonly senderFault: boolean;
  readonly message: string;
  /** The modelled error shape, for its extra members. */
  readonly shape: Shape | undefined;
  readonly extra: Record<string, unknown> | undefined;
}

export function isNotImplemented(err: AwsError): boolean {
  return err instanceof NotImplementedError || err.code === 'NotImplemented';
}

/**
 * Resolves an error against the model. `unknownOperationCode` is the protocol's answer for
 * unimplemented operations. The model's status wins over the error's when the model has one
 * (ELBv2 `PriorRequestNotComplete` is 429 even if a service forgets to say so).
 */
export function resolveWireError(model: Model | undefined, err: AwsError, unknownOperationCode: string): WireError {
  if (isNotImplemented(err)) {
    return { code: unknownOperationCode, status: 400, senderFault: true, message: err.message, shape: undefined, extra: undefined };
  }
  let modelled;
  try {
    modelled = model?.errorShape(err.code);
  } catch {
    modelled = undefined;
  }
  if (!modelled) return { code: err.code, status: err.status, senderFault: err.senderFault, message: err.message, shape: undefined, extra: err.extra };
  const status = modelled.status ?? err.status;
  return { code: modelled.code, status, senderFault: status < 500 && modelled.senderFault, message: err.message, shape: modelled.shape, extra: err.extra };
}

/** Loads a model for error serialization without ever throwing (serializeError must not fail). */
export function safeModel(load: () => Model): Model | undefined {
  try {
    return load();
  } catch {
    return undefined;
  }
}

/** `message`, `Message` and `code` members are written by the envelope, not as extras. */
export function isEnvelopeMember(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'message' || n === 'code' || n === 'type';
}

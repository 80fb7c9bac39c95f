import type { ServiceId } from '../protocol/types.js';
import type { OperationHandler } from './context.js';

/**
 * A service's implemented operations. An operation of the service model that has no handler here
 * answers "not implemented by localvpc" in the protocol's unknown-operation shape.
 */
export interface ServiceDefinition {
  readonly service: ServiceId;
  readonly handlers: Readonly<Record<string, OperationHandler>>;
}

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

/**
 * One service definition from its handler modules; an operation registered by two modules is a
 * programming error, found at start-up.
 */
export function defineService(service: ServiceId, label: string, modules: readonly Readonly<Record<string, OperationHandler>>[]): ServiceDefinition {
  const handlers: Record<string, OperationHandler> = {};
  for (const m of modules) {
    for (const [name, handler] of Object.entries(m)) {
      if (handlers[name]) throw new Error(`${label} operation ${name} is registered twice`);
      handlers[name] = handler;
    }
  }
  return { service, handlers };
}

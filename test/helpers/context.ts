/**
 * Test kit for service handlers: an OperationContext over a throwaway in-memory store, and a
 * call helper that runs one operation the way the gateway does (minus the wire).
 */
import { Store } from '../../src/state/store.js';
import { createClock } from '../../src/kernel/clock.js';
import { silentLogger } from '../../src/kernel/log.js';
import { ACCOUNT_ID } from '../../src/kernel/ids.js';
import type { OperationContext } from '../../src/services/context.js';
import type { ServiceDefinition } from '../../src/services/registry.js';
import { AwsError } from '../../src/kernel/errors.js';

export function testContext(opts: { region?: string; store?: Store } = {}): OperationContext {
  return {
    requestId: 'test-request',
    region: opts.region ?? 'eu-west-1',
    accountId: ACCOUNT_ID,
    store: opts.store ?? Store.open(':memory:'),
    clock: createClock(1),
    log: silentLogger,
  };
}

/** Calls `operation` of `service`; resolves to its output. */
export async function call(service: ServiceDefinition, ctx: OperationContext, operation: string, input: Record<string, unknown> = {}): Promise<any> {
  const handler = service.handlers[operation];
  if (!handler) throw new Error(`${service.service} has no handler for ${operation}`);
  return (await handler(ctx, input)) ?? {};
}

/** Resolves to the AwsError `operation` throws; fails when it succeeds or throws something else. */
export async function callError(service: ServiceDefinition, ctx: OperationContext, operation: string, input: Record<string, unknown> = {}): Promise<AwsError> {
  try {
    await call(service, ctx, operation, input);
  } catch (e) {
    if (e instanceof AwsError) return e;
    throw e;
  }
  throw new Error(`${operation} succeeded but an AwsError was expected`);
}

/**
 * Answers a parsed SDK request with `service`'s handler, the way the gateway would (minus the
 * wire): the output, or the AwsError it threw. For `sdkHandler` in src/protocol/sdk-harness.test.ts.
 */
export function serviceResponder(service: ServiceDefinition, ctx: OperationContext) {
  return (parsed: { operation: string; input: Record<string, unknown> }): Record<string, unknown> | AwsError | undefined => {
    const handler = service.handlers[parsed.operation];
    if (!handler) throw new Error(`no handler for ${parsed.operation}`);
    try {
      return handler(ctx, parsed.input) as Record<string, unknown> | undefined;
    } catch (e) {
      if (e instanceof AwsError) return e;
      throw e;
    }
  };
}

import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/log.js';
import type { Store } from '../state/store.js';

/**
 * What an operation handler is given besides its input. Handlers read through `store` and write
 * only inside `store.transact` (one transaction per API change). No sockets here.
 */
export interface OperationContext {
  readonly requestId: string;
  /** From the request's SigV4 credential scope (us-east-1 when unsigned). */
  readonly region: string;
  readonly accountId: string;
  readonly store: Store;
  readonly clock: Clock;
  readonly log: Logger;
}

/**
 * A handler takes the parsed input (model member names) and returns the output structure
 * (model member names), or throws AwsError.
 */
export type OperationHandler = (ctx: OperationContext, input: any) => Record<string, unknown> | undefined | Promise<Record<string, unknown> | undefined>;

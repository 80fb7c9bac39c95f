/**
 * One reconciliation at a time: each request runs `reconcileNow` after the previous run has
 * settled, so listener sets never open and close the same place concurrently. A failed run is
 * logged and does not stop later ones. Used by the NLB, ALB and VPC endpoint listeners.
 */
import type { Logger } from '../../kernel/log.js';

export class SerialReconcile {
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly reconcileNow: () => Promise<void>,
    private readonly log: Logger,
  ) {}

  /** Queues a run; resolves when it (and every earlier one) is done. */
  request(): Promise<void> {
    this.tail = this.tail.then(() => this.reconcileNow()).catch((e: unknown) => this.log.error('reconcile failed', { error: String(e) }));
    return this.tail;
  }

  /** Resolves once the runs queued so far are done. */
  settled(): Promise<void> {
    return this.tail;
  }
}

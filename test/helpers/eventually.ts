/**
 * `eventually` polls `fn` until it returns without throwing (and its promise resolves), then
 * returns its value. Tests wait with it instead of sleeping (DESIGN.md, tests).
 *
 * When the time runs out it throws the last error `fn` threw, prefixed with how long it waited.
 */
export interface EventuallyOptions {
  /** Give up after this many real milliseconds. Default 5000. */
  readonly timeoutMs?: number;
  /** Pause between attempts, in real milliseconds. Default 20. */
  readonly intervalMs?: number;
}

export async function eventually<T>(fn: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const intervalMs = options.intervalMs ?? 20;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const message = lastError instanceof Error ? lastError.message : String(lastError);
  const error = new Error(`eventually: gave up after ${timeoutMs} ms: ${message}`);
  (error as Error & { cause?: unknown }).cause = lastError;
  throw error;
}

/**
 * The scalable clock. AWS timers (health-check intervals, provisioning, draining) are written in
 * AWS seconds; `--time-scale N` divides every one of them by N (DESIGN.md, external contract).
 * Wall-clock timestamps shown in the API are never scaled.
 */
export interface Clock {
  /** Current wall-clock time. */
  now(): Date;
  /** The divisor applied to AWS durations (1 = real time). */
  readonly timeScale: number;
  /** Real milliseconds for a duration given in AWS seconds. */
  toRealMs(awsSeconds: number): number;
  /** setTimeout for a duration in AWS seconds; the timer does not keep the process alive. */
  after(awsSeconds: number, fn: () => void): { cancel(): void };
}

export function createClock(timeScale = 1): Clock {
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new Error(`time scale must be a positive number, got ${timeScale}`);
  return {
    now: () => new Date(),
    timeScale,
    toRealMs: (s) => (s * 1000) / timeScale,
    after(s, fn) {
      const t = setTimeout(fn, (s * 1000) / timeScale);
      t.unref();
      return { cancel: () => clearTimeout(t) };
    },
  };
}

/**
 * The health state machine of one target, and how a failed probe is reported. Pure: the
 * checker keeps one `TargetTracker` per checked registration and feeds it probe results.
 *
 * Transitions (elbv2-vpc-endpoints.md §2.5, §1.8):
 * - `initial` (registered, not judged yet): one passing check makes it `healthy` (the ALB guide:
 *   a newly registered target "must pass one health check"); `UnhealthyThresholdCount`
 *   consecutive failures make it `unhealthy`. Below that threshold it stays `initial` with
 *   `Elb.InitialHealthChecking` / `Initial health checks in progress`.
 * - `healthy` → `unhealthy` after `UnhealthyThresholdCount` consecutive failures.
 * - `unhealthy` → `healthy` after `HealthyThresholdCount` consecutive successes.
 * - `healthy` carries no Reason/Description (§1.8: "healthy → none").
 * - While `unhealthy`, the reason follows the latest failure (a 404 that turns into a time-out
 *   shows `Target.Timeout`); successes below the healthy threshold keep the last failure shown.
 *
 * Failure reasons (§1.8, §2.5):
 * - ALB: wrong status → `Target.ResponseCodeMismatch` / `Health checks failed with these codes:
 *   [N]`; no answer in time → `Target.Timeout` / `Request timed out`; refused, reset, TLS error,
 *   malformed answer → `Target.FailedHealthChecks` / `Health checks failed`.
 * - NLB: every failure is `Target.FailedHealthChecks` (the NLB guide: NLB reports neither
 *   `ResponseCodeMismatch` nor `Timeout`).
 */
import type { LoadBalancerType } from '../../state/records/elbv2.js';
import type { ObservedHealth } from '../lb/snapshot.js';

/** What one probe found. */
export type ProbeOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly failure: 'timeout' }
  | { readonly ok: false; readonly failure: 'status'; readonly status: number }
  | { readonly ok: false; readonly failure: 'error'; readonly detail: string };

export type CheckedState = 'initial' | 'healthy' | 'unhealthy';

export interface TargetTracker {
  readonly state: CheckedState;
  readonly consecutiveSuccesses: number;
  readonly consecutiveFailures: number;
  /** What the target shows now (what was, or is about to be, written). */
  readonly shown: ObservedHealth;
}

export interface Thresholds {
  /** `HealthyThresholdCount` (2–10, default 5). */
  readonly healthy: number;
  /** `UnhealthyThresholdCount` (2–10, default 2). */
  readonly unhealthy: number;
}

export const INITIAL_CHECKING: ObservedHealth = Object.freeze({ state: 'initial', reason: 'Elb.InitialHealthChecking', description: 'Initial health checks in progress' });
const HEALTHY: ObservedHealth = Object.freeze({ state: 'healthy', reason: undefined, description: undefined });

/** Reason and description of a failed probe, by load balancer type (§1.8, §2.5, §3). */
export function failureOf(outcome: Exclude<ProbeOutcome, { ok: true }>, type: LoadBalancerType): { reason: string; description: string } {
  if (type === 'application') {
    if (outcome.failure === 'status') return { reason: 'Target.ResponseCodeMismatch', description: `Health checks failed with these codes: [${outcome.status}]` };
    if (outcome.failure === 'timeout') return { reason: 'Target.Timeout', description: 'Request timed out' };
  }
  return { reason: 'Target.FailedHealthChecks', description: 'Health checks failed' };
}

/**
 * A tracker seeded from what the store last showed for the registration: `healthy`/`unhealthy`
 * carry on (counters start at zero), anything else (nothing observed yet, or `initial`) starts
 * as `initial`.
 */
export function seedTracker(observed: ObservedHealth | undefined): TargetTracker {
  const state: CheckedState = observed?.state === 'healthy' || observed?.state === 'unhealthy' ? observed.state : 'initial';
  const shown: ObservedHealth = observed
    ? { state: observed.state, reason: observed.reason, description: observed.description }
    : { state: 'initial', reason: undefined, description: undefined };
  return { state, consecutiveSuccesses: 0, consecutiveFailures: 0, shown };
}

/** The tracker after one probe. */
export function step(tracker: TargetTracker, outcome: ProbeOutcome, thresholds: Thresholds, type: LoadBalancerType): TargetTracker {
  if (outcome.ok) {
    const successes = tracker.consecutiveSuccesses + 1;
    const becomesHealthy = tracker.state === 'healthy' || tracker.state === 'initial' || successes >= thresholds.healthy;
    if (becomesHealthy) return { state: 'healthy', consecutiveSuccesses: successes, consecutiveFailures: 0, shown: HEALTHY };
    return { ...tracker, consecutiveSuccesses: successes, consecutiveFailures: 0 };
  }
  const failures = tracker.consecutiveFailures + 1;
  const { reason, description } = failureOf(outcome, type);
  const unhealthy: ObservedHealth = { state: 'unhealthy', reason, description };
  if (tracker.state === 'unhealthy' || failures >= thresholds.unhealthy) {
    return { state: 'unhealthy', consecutiveSuccesses: 0, consecutiveFailures: failures, shown: unhealthy };
  }
  if (tracker.state === 'initial') return { state: 'initial', consecutiveSuccesses: 0, consecutiveFailures: failures, shown: INITIAL_CHECKING };
  return { ...tracker, consecutiveSuccesses: 0, consecutiveFailures: failures };
}

export function sameHealth(a: ObservedHealth, b: ObservedHealth): boolean {
  return a.state === b.state && a.reason === b.reason && a.description === b.description;
}

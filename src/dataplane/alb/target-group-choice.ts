/**
 * Which target group a `forward` action sends a request to (elbv2-vpc-endpoints.md §1.9, §2.1,
 * checklist 25):
 *
 * - `ForwardConfig.TargetGroups` with weights 0–999: each group's share is proportional to its
 *   weight (10 and 20 → 1:2); weight 0 gets nothing [infer]. localvpc spreads by smooth weighted
 *   round robin per rule (the nginx algorithm), so the shares hold exactly over every cycle of
 *   the weights' sum; AWS does not publish its method;
 * - with `TargetGroupStickinessConfig.Enabled` the `AWSALBTG` cookie (sticky-cookies.ts) keeps a
 *   client on the group it names while that group is still in the action with a weight above 0;
 *   both `AWSALBTG` and `AWSALBTGCORS` are set on each response, expiring after
 *   `DurationSeconds`;
 * - a forward with every weight 0 has no group: the ALB answers 503 [infer].
 */
import type { ListenerAction } from '../../state/records/elbv2.js';
import { decodeSticky, readCookie, stickyCookies, TARGET_GROUP_COOKIE, TARGET_GROUP_CORS_COOKIE } from './sticky-cookies.js';

export interface GroupChoice {
  readonly targetGroupArn: string;
  /** Set-Cookie values for target group stickiness. */
  readonly cookies: readonly string[];
}

/** Weighted choices; one per data plane (the turn of each rule is kept between snapshots). */
export class TargetGroupChooser {
  private readonly state = new Map<string, Map<string, number>>();

  /** `ruleKey` names the action (its rule's ARN): each keeps its own turn. */
  choose(ruleKey: string, action: ListenerAction, rawHeaders: readonly string[], now: Date): GroupChoice | undefined {
    const groups = action.ForwardConfig?.TargetGroups ?? (action.TargetGroupArn ? [{ TargetGroupArn: action.TargetGroupArn, Weight: 1 }] : []);
    const weighted = groups.filter((g) => g.Weight > 0);
    if (weighted.length === 0) return undefined;
    const stickiness = action.ForwardConfig?.TargetGroupStickinessConfig;
    let chosen: string | undefined;
    if (stickiness?.Enabled) {
      const named = decodeSticky(readCookie(rawHeaders, TARGET_GROUP_COOKIE));
      chosen = weighted.find((g) => g.TargetGroupArn === named)?.TargetGroupArn;
    }
    chosen ??= weighted.length === 1 ? weighted[0]!.TargetGroupArn : this.smoothWeighted(ruleKey, weighted);
    const cookies = stickiness?.Enabled ? stickyCookies(TARGET_GROUP_COOKIE, TARGET_GROUP_CORS_COOKIE, chosen, stickiness.DurationSeconds ?? 3600, now) : [];
    return { targetGroupArn: chosen, cookies };
  }

  private smoothWeighted(ruleKey: string, groups: readonly { TargetGroupArn: string; Weight: number }[]): string {
    let current = this.state.get(ruleKey);
    if (!current) {
      current = new Map();
      this.state.set(ruleKey, current);
    }
    let total = 0;
    let best: { arn: string; value: number } | undefined;
    for (const g of groups) {
      const value = (current.get(g.TargetGroupArn) ?? 0) + g.Weight;
      current.set(g.TargetGroupArn, value);
      total += g.Weight;
      if (!best || value > best.value) best = { arn: g.TargetGroupArn, value };
    }
    current.set(best!.arn, best!.value - total);
    return best!.arn;
  }
}

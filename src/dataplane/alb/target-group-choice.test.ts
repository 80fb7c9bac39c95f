/**
 * Weighted forwarding and target group stickiness (elbv2-vpc-endpoints.md §1.9, §2.1, checklist 25).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ListenerAction } from '../../state/records/elbv2.js';
import { encodeSticky } from './sticky-cookies.js';
import { TargetGroupChooser } from './target-group-choice.js';

const NOW = new Date();
const action = (groups: [string, number][], sticky?: number): ListenerAction => ({
  Type: 'forward',
  ForwardConfig: { TargetGroups: groups.map(([TargetGroupArn, Weight]) => ({ TargetGroupArn, Weight })), TargetGroupStickinessConfig: sticky ? { Enabled: true, DurationSeconds: sticky } : { Enabled: false } },
});

test('weights 10 and 20 share 1:2 exactly over each cycle; weight 0 gets nothing', () => {
  const chooser = new TargetGroupChooser();
  const a = action([['blue', 10], ['green', 20], ['off', 0]]);
  const counts = new Map<string, number>();
  for (let i = 0; i < 300; i++) {
    const arn = chooser.choose('rule', a, [], NOW)!.targetGroupArn;
    counts.set(arn, (counts.get(arn) ?? 0) + 1);
  }
  assert.deepEqual(Object.fromEntries(counts), { blue: 100, green: 200 });
});

test('every weight 0: no group; a single group needs no turn', () => {
  const chooser = new TargetGroupChooser();
  assert.equal(chooser.choose('r', action([['a', 0]]), [], NOW), undefined);
  assert.deepEqual(chooser.choose('r', { Type: 'forward', TargetGroupArn: 'only' }, [], NOW), { targetGroupArn: 'only', cookies: [] });
});

test('target group stickiness follows AWSALBTG while the group keeps a weight, and sets both cookies', () => {
  const chooser = new TargetGroupChooser();
  const a = action([['blue', 1], ['green', 1]], 60);
  const raw = ['Cookie', `AWSALBTG=${encodeSticky('green')}`];
  for (let i = 0; i < 5; i++) assert.equal(chooser.choose('r', a, raw, NOW)!.targetGroupArn, 'green');
  const choice = chooser.choose('r', a, raw, NOW)!;
  assert.equal(choice.cookies.length, 2);
  assert.match(choice.cookies[0]!, new RegExp(`^AWSALBTG=${encodeSticky('green').replace(/[+/=]/g, '\\$&')}; Expires=`));
  assert.match(choice.cookies[1]!, /^AWSALBTGCORS=.*; SameSite=None; Secure$/);
  // A group taken out of the action (weight 0) is not followed.
  assert.equal(chooser.choose('r', action([['blue', 1], ['green', 0]], 60), raw, NOW)!.targetGroupArn, 'blue');
});

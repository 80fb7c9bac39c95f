/**
 * Actions of listeners (default actions) and of listener rules: validation and the normalised form
 * AWS answers with (elbv2-vpc-endpoints.md §1.9). A `forward` with TargetGroupArn is shown with both
 * TargetGroupArn and a one-group ForwardConfig (weight 1, stickiness off), as Describe* on AWS does.
 * NLB listeners take one forward action; ALB listeners and rules forward, fixed-response or redirect.
 */
import { AwsError, NotImplementedError } from '../../kernel/errors.js';
import type { RecordReader } from '../../state/store.js';
import type { ElbProtocol, ListenerAction, LoadBalancer, TargetGroup } from '../../state/records/elbv2.js';
import { rejectUnsupportedMember, validationError } from './common/errors.js';
import { loadBalancersOfTargetGroup, mustGetTargetGroup } from './common/lookup.js';
import { isHttpFamily } from './health-check.js';

export interface ActionInput {
  Type?: string;
  Order?: number;
  TargetGroupArn?: string;
  ForwardConfig?: { TargetGroups?: { TargetGroupArn?: string; Weight?: number }[]; TargetGroupStickinessConfig?: { Enabled?: boolean; DurationSeconds?: number } };
  FixedResponseConfig?: { StatusCode?: string; ContentType?: string; MessageBody?: string };
  RedirectConfig?: { StatusCode?: string; Protocol?: string; Port?: string; Host?: string; Path?: string; Query?: string };
}

/** NLB listener protocol → target group protocols it can forward to (§1.9). */
const NLB_COMPATIBLE: Record<string, readonly ElbProtocol[]> = {
  TCP: ['TCP', 'TCP_UDP'],
  TLS: ['TCP', 'TLS'],
  UDP: ['UDP', 'TCP_UDP'],
  TCP_UDP: ['TCP_UDP'],
};

const CONTENT_TYPES = ['text/plain', 'text/css', 'text/html', 'application/javascript', 'application/json'];

/**
 * A target group a listener may forward to: same VPC, a protocol the listener can carry
 * (`IncompatibleProtocols`), and not used by another load balancer (`TargetGroupAssociationLimit`)
 * (§1.5, §1.9; message wording [infer]).
 */
function checkTargetGroup(reader: RecordReader, region: string, lb: LoadBalancer, listenerProtocol: ElbProtocol, arn: string | undefined): TargetGroup {
  const tg = mustGetTargetGroup(reader, region, arn);
  if (tg.vpcId !== lb.vpcId) throw validationError(`The target group '${tg.id}' is not in the same VPC as the load balancer '${lb.id}'`);
  const ok = lb.type === 'network' ? (NLB_COMPATIBLE[listenerProtocol] ?? []).includes(tg.protocol) : isHttpFamily(tg.protocol);
  if (!ok) throw new AwsError('IncompatibleProtocols', `The listener protocol '${listenerProtocol}' is not compatible with the protocol '${tg.protocol}' of target group '${tg.id}'`);
  const others = loadBalancersOfTargetGroup(reader, tg.id).filter((a) => a !== lb.id);
  if (others.length > 0) throw new AwsError('TargetGroupAssociationLimit', `The following target groups cannot be associated with more than one load balancer: ${tg.id}`);
  return tg;
}

function normaliseForward(reader: RecordReader, region: string, lb: LoadBalancer, protocol: ElbProtocol, a: ActionInput, at: ActionsAt): ListenerAction {
  const fc = a.ForwardConfig;
  if (fc) rejectUnsupportedMember(at.operation, `${memberName(at)}.ForwardConfig`, fc as Record<string, unknown>, ['TargetGroups', 'TargetGroupStickinessConfig']);
  const tuples = (fc?.TargetGroups ?? []).map((t) => ({ TargetGroupArn: t.TargetGroupArn, Weight: t.Weight ?? 1 }));
  if (a.TargetGroupArn === undefined && tuples.length === 0) throw validationError('A target group ARN must be specified for a forward action');
  // With both, ForwardConfig may hold only that group (§1.9).
  if (a.TargetGroupArn !== undefined && tuples.length > 0 && (tuples.length !== 1 || tuples[0]!.TargetGroupArn !== a.TargetGroupArn)) {
    throw validationError('You cannot specify both a target group ARN and a forward config with different target groups');
  }
  const groups = tuples.length > 0 ? tuples : [{ TargetGroupArn: a.TargetGroupArn, Weight: 1 }];
  // Observed AWS wording (cloudformation-coverage-roadmap#385).
  if (lb.type === 'network' && groups.length > 1) throw validationError("You cannot specify multiple target groups in a single action with a load balancer of type 'network'");
  if (new Set(groups.map((g) => g.TargetGroupArn)).size !== groups.length) throw validationError('A target group can be specified only once in a forward action');
  for (const g of groups) {
    if (!Number.isInteger(g.Weight) || g.Weight < 0 || g.Weight > 999) throw validationError(`Target group weight '${g.Weight}' must be between 0 and 999`);
    checkTargetGroup(reader, region, lb, protocol, g.TargetGroupArn);
  }
  const stick = fc?.TargetGroupStickinessConfig;
  if (stick?.DurationSeconds !== undefined && (stick.DurationSeconds < 1 || stick.DurationSeconds > 604800)) throw validationError('Target group stickiness duration must be between 1 and 604800 seconds');
  return {
    Type: 'forward',
    ...(a.Order !== undefined ? { Order: a.Order } : {}),
    ...(groups.length === 1 ? { TargetGroupArn: groups[0]!.TargetGroupArn! } : {}),
    ForwardConfig: {
      TargetGroups: groups.map((g) => ({ TargetGroupArn: g.TargetGroupArn!, Weight: g.Weight })),
      TargetGroupStickinessConfig: stick?.Enabled ? { Enabled: true, DurationSeconds: stick.DurationSeconds ?? 3600 } : { Enabled: false },
    },
  };
}

function normaliseFixedResponse(a: ActionInput): ListenerAction {
  const c = a.FixedResponseConfig;
  if (!c?.StatusCode || !/^(2|4|5)\d\d$/.test(c.StatusCode)) throw validationError(`Fixed-response status code '${c?.StatusCode ?? ''}' must match ^(2|4|5)\\d\\d$`);
  // moto's AWS-style wording (§1.9).
  if (c.ContentType !== undefined && !CONTENT_TYPES.includes(c.ContentType)) {
    throw new AwsError('InvalidLoadBalancerAction', "The ContentType must be one of:'text/html', 'application/json', 'application/javascript', 'text/css', 'text/plain'");
  }
  if (c.MessageBody !== undefined && c.MessageBody.length > 1024) throw validationError('Fixed-response message body must be at most 1024 characters');
  return { Type: 'fixed-response', ...(a.Order !== undefined ? { Order: a.Order } : {}), FixedResponseConfig: { StatusCode: c.StatusCode, ...(c.ContentType !== undefined ? { ContentType: c.ContentType } : {}), ...(c.MessageBody !== undefined ? { MessageBody: c.MessageBody } : {}) } };
}

function normaliseRedirect(listenerProtocol: ElbProtocol, a: ActionInput): ListenerAction {
  const c = a.RedirectConfig;
  if (!c || (c.StatusCode !== 'HTTP_301' && c.StatusCode !== 'HTTP_302')) throw validationError(`Redirect status code '${c?.StatusCode ?? ''}' must be HTTP_301 or HTTP_302`);
  const r = { Protocol: c.Protocol ?? '#{protocol}', Port: c.Port ?? '#{port}', Host: c.Host ?? '#{host}', Path: c.Path ?? '/#{path}', Query: c.Query ?? '#{query}', StatusCode: c.StatusCode };
  if (!['HTTP', 'HTTPS', '#{protocol}'].includes(r.Protocol)) throw validationError(`Redirect protocol '${r.Protocol}' must be HTTP, HTTPS or #{protocol}`);
  // HTTPS → HTTP is forbidden; a redirect must change something (§1.9).
  if (listenerProtocol === 'HTTPS' && r.Protocol === 'HTTP') throw new AwsError('InvalidLoadBalancerAction', 'Redirect from HTTPS to HTTP is not allowed');
  if (r.Protocol === '#{protocol}' && r.Port === '#{port}' && r.Host === '#{host}' && r.Path === '/#{path}') {
    throw new AwsError('InvalidLoadBalancerAction', 'The redirect configuration is not valid: it would redirect to the same location');
  }
  return { Type: 'redirect', ...(a.Order !== undefined ? { Order: a.Order } : {}), RedirectConfig: r };
}

/** Where actions are being validated: the operation and the input member, for messages. */
export interface ActionsAt {
  readonly operation: string;
  /** `defaultActions` (listeners) or `actions` (rules), as validation paths spell it. */
  readonly member: 'defaultActions' | 'actions';
}

const memberName = (at: ActionsAt) => (at.member === 'actions' ? 'Actions' : 'DefaultActions');
const TERMINAL = ['forward', 'redirect', 'fixed-response'];
const AUTHENTICATE = ['authenticate-oidc', 'authenticate-cognito', 'jwt-validation'];

/**
 * Validates the actions of a listener (DefaultActions) or a rule (Actions) (§1.9, §8.2): every
 * type known, authenticate actions not implemented, exactly one terminal action (at most two
 * actions: one optional authenticate action and one terminal action). Returns them normalised.
 */
export function normaliseActions(reader: RecordReader, region: string, lb: LoadBalancer, protocol: ElbProtocol, actions: readonly ActionInput[] | undefined, at: ActionsAt): ListenerAction[] {
  if (!actions || actions.length === 0) throw validationError(at.member === 'actions' ? 'At least one action must be specified' : 'At least one default action must be specified');
  actions.forEach((a, i) => {
    rejectUnsupportedMember(at.operation, memberName(at), a as Record<string, unknown>, ['Type', 'Order', 'TargetGroupArn', 'ForwardConfig', 'FixedResponseConfig', 'RedirectConfig']);
    if (AUTHENTICATE.includes(a.Type ?? '')) throw new NotImplementedError(`Action type '${a.Type}' is not implemented by localvpc (elbv2 2015-12-01).`);
    // moto's AWS-style wording (§1.10).
    if (!TERMINAL.includes(a.Type ?? '')) {
      throw validationError(`1 validation error detected: Value '${a.Type ?? ''}' at '${at.member}.${i + 1}.member.type' failed to satisfy constraint: Member must satisfy enum value set: [forward, redirect, fixed-response]`);
    }
    if (a.Order !== undefined && (!Number.isInteger(a.Order) || a.Order < 1 || a.Order > 50000)) throw validationError(`Action order '${a.Order}' must be between 1 and 50000`);
  });
  // Two actions at most (an authenticate one and a terminal one; quota of §8.2); with no
  // authenticate actions that leaves one terminal action (wording [infer]).
  if (actions.length > 2) throw new AwsError('TooManyActions', 'A rule can have at most 2 actions: one optional authenticate action and one forward, redirect or fixed-response action');
  if (actions.length > 1) throw new AwsError('InvalidLoadBalancerAction', 'Exactly one forward, redirect or fixed-response action must be specified');
  const a = actions[0]!;
  if (a.Type === 'forward') return [normaliseForward(reader, region, lb, protocol, a, at)];
  if (lb.type === 'network') throw new AwsError('InvalidLoadBalancerAction', `Action type '${a.Type}' is not supported for Network Load Balancer listeners`);
  return [a.Type === 'redirect' ? normaliseRedirect(protocol, a) : normaliseFixedResponse(a)];
}

/** A listener's DefaultActions (§1.9). */
export function normaliseDefaultActions(reader: RecordReader, region: string, lb: LoadBalancer, protocol: ElbProtocol, actions: readonly ActionInput[] | undefined, operation = 'CreateListener'): ListenerAction[] {
  return normaliseActions(reader, region, lb, protocol, actions, { operation, member: 'defaultActions' });
}

/**
 * Whether stored actions are still valid for a listener protocol: a redirect to HTTP cannot sit
 * on an HTTPS listener (§1.9). Used when ModifyListener changes the protocol under existing rules.
 */
export function checkActionsForProtocol(actions: readonly ListenerAction[], protocol: ElbProtocol): void {
  for (const a of actions) {
    if (a.Type === 'redirect' && protocol === 'HTTPS' && a.RedirectConfig?.Protocol === 'HTTP') throw new AwsError('InvalidLoadBalancerAction', 'Redirect from HTTPS to HTTP is not allowed');
  }
}

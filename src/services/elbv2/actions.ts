/**
 * Listener default actions: validation and the normalised form AWS answers with
 * (elbv2-vpc-endpoints.md §1.9). A `forward` with TargetGroupArn is shown with both
 * TargetGroupArn and a one-group ForwardConfig (weight 1, stickiness off), as Describe* on AWS does.
 * NLB listeners take one forward action; ALB listeners forward, fixed-response or redirect.
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

function normaliseForward(reader: RecordReader, region: string, lb: LoadBalancer, protocol: ElbProtocol, a: ActionInput): ListenerAction {
  const fc = a.ForwardConfig;
  if (fc) rejectUnsupportedMember('CreateListener', 'ForwardConfig', fc as Record<string, unknown>, ['TargetGroups', 'TargetGroupStickinessConfig']);
  const tuples = (fc?.TargetGroups ?? []).map((t) => ({ TargetGroupArn: t.TargetGroupArn, Weight: t.Weight ?? 1 }));
  if (a.TargetGroupArn === undefined && tuples.length === 0) throw validationError('A target group ARN must be specified for a forward action');
  // With both, ForwardConfig may hold only that group (§1.9).
  if (a.TargetGroupArn !== undefined && tuples.length > 0 && (tuples.length !== 1 || tuples[0]!.TargetGroupArn !== a.TargetGroupArn)) {
    throw validationError('You cannot specify both a target group ARN and a forward config with different target groups');
  }
  const groups = tuples.length > 0 ? tuples : [{ TargetGroupArn: a.TargetGroupArn, Weight: 1 }];
  if (lb.type === 'network' && groups.length > 1) throw validationError('Network Load Balancer listeners can forward to only one target group');
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
  if (c.ContentType !== undefined && !CONTENT_TYPES.includes(c.ContentType)) throw validationError(`Fixed-response content type '${c.ContentType}' is not valid`);
  if (c.MessageBody !== undefined && c.MessageBody.length > 1024) throw validationError('Fixed-response message body must be at most 1024 characters');
  return { Type: 'fixed-response', ...(a.Order !== undefined ? { Order: a.Order } : {}), FixedResponseConfig: { StatusCode: c.StatusCode, ContentType: c.ContentType, MessageBody: c.MessageBody } };
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

/** Validates a listener's DefaultActions: one terminal action, last in Order (§1.9). */
export function normaliseDefaultActions(reader: RecordReader, region: string, lb: LoadBalancer, protocol: ElbProtocol, actions: readonly ActionInput[] | undefined): ListenerAction[] {
  if (!actions || actions.length === 0) throw validationError('At least one default action must be specified');
  // authenticate-* actions precede a terminal one; they are not implemented, so one action is the limit here.
  if (actions.length > 1) throw new NotImplementedError('More than one default action (authenticate-oidc, authenticate-cognito) is not implemented by localvpc (elbv2 2015-12-01).');
  const a = actions[0]!;
  rejectUnsupportedMember('CreateListener', 'DefaultActions', a as Record<string, unknown>, ['Type', 'Order', 'TargetGroupArn', 'ForwardConfig', 'FixedResponseConfig', 'RedirectConfig']);
  if (a.Order !== undefined && (!Number.isInteger(a.Order) || a.Order < 1 || a.Order > 50000)) throw validationError(`Action order '${a.Order}' must be between 1 and 50000`);
  switch (a.Type) {
    case 'forward':
      return [normaliseForward(reader, region, lb, protocol, a)];
    case 'fixed-response':
    case 'redirect':
      if (lb.type === 'network') throw new AwsError('InvalidLoadBalancerAction', `Action type '${a.Type}' is not supported for Network Load Balancer listeners`);
      return [a.Type === 'redirect' ? normaliseRedirect(protocol, a) : normaliseFixedResponse(a)];
    case 'authenticate-oidc':
    case 'authenticate-cognito':
    case 'jwt-validation':
      throw new NotImplementedError(`Action type '${a.Type}' is not implemented by localvpc (elbv2 2015-12-01).`);
    default:
      // moto's AWS-style wording (§1.10).
      throw validationError(`1 validation error detected: Value '${a.Type ?? ''}' at 'defaultActions.1.member.type' failed to satisfy constraint: Member must satisfy enum value set: [forward, redirect, fixed-response]`);
  }
}

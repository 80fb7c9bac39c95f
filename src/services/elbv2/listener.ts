/**
 * Listeners: CreateListener, DescribeListeners, ModifyListener, DeleteListener
 * (elbv2-vpc-endpoints.md §1.9). NLB: TCP, TLS, UDP, TCP_UDP; ALB: HTTP, HTTPS. HTTPS/TLS need
 * exactly one certificate, an issued or imported ACM certificate (common/certificates.ts); the
 * SslPolicy default is `ELBSecurityPolicy-2016-08` (§8.3). Deleting a listener deletes its rules;
 * going from HTTPS to HTTP drops the certificates, the SNI ones of AddListenerCertificates too.
 */
import type { OperationHandler } from '../context.js';
import { AwsError, NotImplementedError } from '../../kernel/errors.js';
import type { RecordReader } from '../../state/store.js';
import { ELBV2_KIND, type ElbProtocol, type Listener, type ListenerRule, type LoadBalancer } from '../../state/records/elbv2.js';
import { listenerArn } from './common/arns.js';
import { rejectUnsupported, validationError } from './common/errors.js';
import { listInRegion, mustGetListener, mustGetLoadBalancer } from './common/lookup.js';
import { paginate } from './common/pagination.js';
import { checkTags } from './common/tags.js';
import { checkActionsForProtocol, normaliseDefaultActions, type ActionInput } from './actions.js';
import { usableCertificate } from './common/certificates.js';

const PROTOCOLS: Record<LoadBalancer['type'], readonly ElbProtocol[]> = {
  network: ['TCP', 'TLS', 'UDP', 'TCP_UDP'],
  application: ['HTTP', 'HTTPS'],
};
/** NLB listener protocols the data plane does not carry (TLS termination, UDP). */
const NOT_SERVED: readonly ElbProtocol[] = ['TLS', 'UDP', 'TCP_UDP'];
const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-2016-08';
const ALPN_POLICIES = ['HTTP1Only', 'HTTP2Only', 'HTTP2Optional', 'HTTP2Preferred', 'None'];

interface ListenerInput {
  Protocol?: string;
  Port?: number;
  SslPolicy?: string;
  Certificates?: { CertificateArn?: string; IsDefault?: boolean }[];
  DefaultActions?: ActionInput[];
  AlpnPolicy?: string[];
}

type ListenerSettings = Pick<Listener, 'protocol' | 'port' | 'defaultActions' | 'certificates' | 'sslPolicy' | 'alpnPolicy'> & { additionalCertificateArns?: readonly string[] };

/** Validates a listener's settings against its load balancer; `base` supplies unchanged values on Modify. */
function resolveSettings(reader: RecordReader, region: string, lb: LoadBalancer, input: ListenerInput, operation: string, base?: Listener): ListenerSettings {
  const protocolText = input.Protocol ?? base?.protocol;
  if (protocolText === undefined) throw validationError('A listener protocol must be specified');
  const protocol = protocolText as ElbProtocol;
  if (!PROTOCOLS[lb.type].includes(protocol)) {
    throw new AwsError('UnsupportedProtocol', `Protocol '${protocolText}' is not supported for load balancers of type '${lb.type}'`);
  }
  // The NLB data plane carries TCP; TLS termination and UDP are not implemented, so such
  // listeners are refused rather than accepted and left unserved.
  if (NOT_SERVED.includes(protocol)) {
    throw new NotImplementedError(`${protocol} listeners are not implemented by localvpc; Network Load Balancers carry TCP listeners`);
  }
  const port = input.Port ?? base?.port;
  if (port === undefined) throw validationError('A listener port must be specified');
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw validationError(`1 validation error detected: Value '${port}' at 'port' failed to satisfy constraint: Member must have value between 1 and 65535`);
  const secure = protocol === 'HTTPS' || protocol === 'TLS';
  const protocolChanged = base !== undefined && base.protocol !== protocol;
  // Going to a plain protocol drops certificates and policy; lists are replaced wholesale (§1.9).
  let certificates = secure ? (input.Certificates?.map((c) => ({ CertificateArn: c.CertificateArn ?? '' })) ?? (protocolChanged ? [] : base?.certificates ?? [])) : [];
  if (!secure && (input.Certificates?.length || input.SslPolicy !== undefined)) throw validationError(`Certificates and SSL policies are only valid for HTTPS and TLS listeners`);
  if (secure && (certificates.length !== 1 || !certificates[0]!.CertificateArn)) throw new AwsError('CertificateNotFound', 'A certificate must be specified for HTTPS and TLS listeners');
  if (input.Certificates?.some((c) => c.IsDefault !== undefined)) throw validationError('IsDefault cannot be specified for a listener certificate');
  certificates = certificates.map((c) => ({ CertificateArn: c.CertificateArn }));
  // A new default certificate must be an ACM certificate localvpc can serve (§1.11 CertificateNotFound).
  if (secure && certificates[0]!.CertificateArn !== base?.certificates[0]?.CertificateArn) usableCertificate(reader, region, certificates[0]!.CertificateArn);
  // SNI certificates stay on a secure listener (minus one that became the default) and go with a plain one.
  const additional = secure ? (base?.additionalCertificateArns ?? []).filter((a) => a !== certificates[0]!.CertificateArn) : [];
  const sslPolicy = secure ? (input.SslPolicy ?? (protocolChanged ? undefined : base?.sslPolicy) ?? DEFAULT_SSL_POLICY) : undefined;
  // SSL policies are not modelled: only the API default is known here.
  if (sslPolicy !== undefined && sslPolicy !== DEFAULT_SSL_POLICY && !/^ELBSecurityPolicy-/.test(sslPolicy)) throw new AwsError('SSLPolicyNotFound', `SSL policy '${sslPolicy}' not found`);
  let alpnPolicy = input.AlpnPolicy?.[0] ?? (protocol === 'TLS' ? base?.alpnPolicy : undefined);
  if (alpnPolicy !== undefined) {
    if (protocol !== 'TLS') throw new AwsError('ALPNPolicyNotFound', 'ALPN policies are only valid for TLS listeners');
    if (!ALPN_POLICIES.includes(alpnPolicy) || (input.AlpnPolicy?.length ?? 1) !== 1) throw new AwsError('ALPNPolicyNotFound', `ALPN policy '${alpnPolicy}' not found`);
  }
  if (alpnPolicy === 'None') alpnPolicy = undefined;
  const actions = input.DefaultActions !== undefined || !base ? input.DefaultActions : (base.defaultActions as ActionInput[]);
  const defaultActions = normaliseDefaultActions(reader, region, lb, protocol, actions, operation);
  return { protocol, port, defaultActions, certificates, sslPolicy, alpnPolicy, ...(additional.length > 0 ? { additionalCertificateArns: additional } : {}) };
}

export function listenerToWire(l: Listener): Record<string, unknown> {
  return {
    ListenerArn: l.id,
    LoadBalancerArn: l.loadBalancerArn,
    Port: l.port,
    Protocol: l.protocol,
    Certificates: l.certificates.length > 0 ? l.certificates : undefined,
    SslPolicy: l.sslPolicy,
    AlpnPolicy: l.alpnPolicy ? [l.alpnPolicy] : undefined,
    DefaultActions: l.defaultActions,
  };
}

const sameSettings = (a: ListenerSettings, b: ListenerSettings) =>
  JSON.stringify([a.protocol, a.port, a.defaultActions, a.certificates, a.sslPolicy ?? null, a.alpnPolicy ?? null]) === JSON.stringify([b.protocol, b.port, b.defaultActions, b.certificates, b.sslPolicy ?? null, b.alpnPolicy ?? null]);

const createListener: OperationHandler = (ctx, input: ListenerInput & { LoadBalancerArn?: string; Tags?: { Key?: string; Value?: string }[] }) => {
  rejectUnsupported('CreateListener', input as Record<string, unknown>, ['LoadBalancerArn', 'Protocol', 'Port', 'SslPolicy', 'Certificates', 'DefaultActions', 'AlpnPolicy', 'Tags']);
  const lb = mustGetLoadBalancer(ctx.store, ctx.region, input.LoadBalancerArn);
  const settings = resolveSettings(ctx.store, ctx.region, lb, input, 'CreateListener');
  const tags = checkTags(input.Tags);
  // Same port again: the existing listener when the settings match (idempotent), else DuplicateListener (§1.1, §1.9).
  const existing = listInRegion<Listener>(ctx.store, ELBV2_KIND.listener, ctx.region, (l) => l.loadBalancerArn === lb.id && l.port === settings.port)[0];
  if (existing) {
    if (!sameSettings(existing, settings)) throw new AwsError('DuplicateListener', 'A listener with the specified port already exists.');
    return { Listeners: [listenerToWire(existing)] };
  }
  const listener = ctx.store.transact((tx) =>
    tx.put<Listener>(ELBV2_KIND.listener, { id: listenerArn(lb.id), region: ctx.region, tags, createdAt: ctx.clock.now().toISOString(), loadBalancerArn: lb.id, ...settings }),
  );
  return { Listeners: [listenerToWire(listener)] };
};

const describeListeners: OperationHandler = (ctx, input: { LoadBalancerArn?: string; ListenerArns?: string[]; Marker?: string; PageSize?: number }) => {
  rejectUnsupported('DescribeListeners', input, ['LoadBalancerArn', 'ListenerArns', 'Marker', 'PageSize']);
  const arns = input.ListenerArns ?? [];
  if ((input.LoadBalancerArn === undefined) === (arns.length === 0)) throw validationError('You must specify either listener ARNs or a load balancer ARN');
  let selected: Listener[];
  if (input.LoadBalancerArn !== undefined) {
    const lb = mustGetLoadBalancer(ctx.store, ctx.region, input.LoadBalancerArn);
    selected = listInRegion<Listener>(ctx.store, ELBV2_KIND.listener, ctx.region, (l) => l.loadBalancerArn === lb.id);
  } else {
    selected = arns.map((a) => mustGetListener(ctx.store, ctx.region, a));
  }
  const { page, NextMarker } = paginate(selected, input);
  return { Listeners: page.map(listenerToWire), NextMarker };
};

const modifyListener: OperationHandler = (ctx, input: ListenerInput & { ListenerArn?: string }) => {
  rejectUnsupported('ModifyListener', input as Record<string, unknown>, ['ListenerArn', 'Protocol', 'Port', 'SslPolicy', 'Certificates', 'DefaultActions', 'AlpnPolicy']);
  const listener = mustGetListener(ctx.store, ctx.region, input.ListenerArn);
  const lb = mustGetLoadBalancer(ctx.store, ctx.region, listener.loadBalancerArn);
  const settings = resolveSettings(ctx.store, ctx.region, lb, input, 'ModifyListener', listener);
  // The listener's rules must stay valid under a new protocol (a redirect to HTTP under HTTPS, §1.9).
  if (settings.protocol !== listener.protocol) {
    for (const r of ctx.store.list<ListenerRule>(ELBV2_KIND.rule, (r) => r.listenerArn === listener.id)) checkActionsForProtocol(r.actions, settings.protocol);
  }
  if (settings.port !== listener.port && listInRegion<Listener>(ctx.store, ELBV2_KIND.listener, ctx.region, (l) => l.loadBalancerArn === lb.id && l.port === settings.port).length > 0) {
    throw new AwsError('DuplicateListener', 'A listener with the specified port already exists.');
  }
  const updated = ctx.store.transact((tx) => {
    const { additionalCertificateArns: _previous, ...cur } = tx.get<Listener>(ELBV2_KIND.listener, listener.id)!;
    return tx.put<Listener>(ELBV2_KIND.listener, { ...cur, ...settings });
  });
  return { Listeners: [listenerToWire(updated)] };
};

const deleteListener: OperationHandler = (ctx, input: { ListenerArn?: string }) => {
  rejectUnsupported('DeleteListener', input, ['ListenerArn']);
  const listener = mustGetListener(ctx.store, ctx.region, input.ListenerArn);
  ctx.store.transact((tx) => {
    for (const r of tx.list<ListenerRule>(ELBV2_KIND.rule, (r) => r.listenerArn === listener.id)) tx.delete(ELBV2_KIND.rule, r.id);
    tx.delete(ELBV2_KIND.listener, listener.id);
  });
  return {};
};

export const listenerHandlers: Record<string, OperationHandler> = {
  CreateListener: createListener,
  DescribeListeners: describeListeners,
  ModifyListener: modifyListener,
  DeleteListener: deleteListener,
};

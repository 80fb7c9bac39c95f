/**
 * The load-balancing snapshot: every load balancer, listener, target group and target the data
 * plane serves, compiled from the ELBv2 records (compile.ts) against one network snapshot and
 * immutable once built. NLB listeners, ALB listeners, the health checker and API Gateway's VPC
 * links all read it; none of them touches the store on a hot path (DESIGN.md).
 *
 * Envoy words where the thing is Envoy's (listener, cluster = target group, endpoint = target);
 * AWS nouns for what only AWS has (node, zone, registration).
 */
import type { BlockList } from 'node:net';
import type { ElbProtocol, HealthCheck, ListenerAction, LoadBalancerScheme, LoadBalancerType, TargetHealthState, TargetType } from '../../state/records/elbv2.js';

export interface LbSnapshot {
  /** Counts compilations; 0 for a standalone compile. */
  readonly generation: number;
  readonly loadBalancers: ReadonlyMap<string, LoadBalancerEntry>;
  readonly targetGroups: ReadonlyMap<string, TargetGroupEntry>;
  /** Load balancers by lower-case DNS name (`name-id16.elb.region.amazonaws.com`, `internal-…`). */
  readonly byDnsName: ReadonlyMap<string, LoadBalancerEntry>;
}

/** One load balancer node: the requester-managed ENI in one enabled zone. */
export interface NodeEntry {
  readonly zoneName: string;
  readonly subnetId: string;
  readonly networkInterfaceId: string;
  /** AWS-style private address (what targets see as the source of VPC-link traffic). */
  readonly privateIp: string;
  /** Where the node lives on this machine; undefined only for inconsistent records. */
  readonly hostAddress: string | undefined;
}

export interface ListenerEntry {
  readonly arn: string;
  readonly port: number;
  readonly protocol: ElbProtocol;
  readonly defaultActions: readonly ListenerAction[];
  /** The single target group a TCP listener forwards to (NLB listeners have exactly one). */
  readonly targetGroupArn: string | undefined;
  readonly certificateArns: readonly string[];
  /**
   * ALB listeners: the rules in evaluation order, lowest priority number first, the default
   * rule (from defaultActions) last (elbv2-vpc-endpoints.md §1.10). Empty for NLB listeners.
   */
  readonly rules: readonly RuleEntry[];
  /**
   * HTTPS listeners: the default certificate first, then the AddListenerCertificates ones, each
   * resolved from its ACM record. A certificate that is missing or not issued is left out and
   * named in `issues`.
   */
  readonly certificates: readonly ListenerCertificate[];
  /** What the compiler could not resolve (certificates, rule values), for the listener's log. */
  readonly issues: readonly string[];
}

/** One listener rule as the data plane evaluates it. */
export interface RuleEntry {
  /** The rule ARN; the listener ARN for the default rule. */
  readonly arn: string;
  /** 1–50000, or `default` for the default rule. */
  readonly priority: number | 'default';
  /** All must match (AND); within one condition any value may (OR). None for the default rule. */
  readonly conditions: readonly ConditionMatcher[];
  /** Sorted by Order; the terminal action (forward, redirect, fixed-response) is last (§1.9). */
  readonly actions: readonly ListenerAction[];
}

/**
 * A rule condition compiled for matching (§1.10): wildcard values become anchored regular
 * expressions, CIDRs a BlockList. rule-match.ts (alb/) evaluates them.
 */
export type ConditionMatcher =
  /** Against the Host header's name without its port, case-insensitive. */
  | { readonly field: 'host-header'; readonly patterns: readonly RegExp[] }
  /** Against the request path (not the query), case-sensitive. */
  | { readonly field: 'path-pattern'; readonly patterns: readonly RegExp[] }
  /** Against every occurrence of the header, case-insensitive. */
  | { readonly field: 'http-header'; readonly headerName: string; readonly patterns: readonly RegExp[] }
  | { readonly field: 'http-request-method'; readonly methods: readonly string[] }
  /** Against the decoded key/value pairs of the query string, case-insensitive. */
  | { readonly field: 'query-string'; readonly pairs: readonly QueryPairMatcher[] }
  /** Against the TCP peer's AWS-style address (never X-Forwarded-For). */
  | { readonly field: 'source-ip'; readonly networks: BlockList };

export interface QueryPairMatcher {
  /** Undefined: any key. */
  readonly key: RegExp | undefined;
  readonly value: RegExp;
}

/** A certificate an HTTPS listener serves, resolved from ACM (ec2-route53-acm.md §3). */
export interface ListenerCertificate {
  readonly arn: string;
  readonly isDefault: boolean;
  /** The certificate followed by its chain, PEM. */
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  /** DNS subject alternative names, lower-case (wildcards kept as `*.example.com`). */
  readonly names: readonly string[];
}

export interface LoadBalancerEntry {
  readonly arn: string;
  readonly name: string;
  readonly region: string;
  readonly type: LoadBalancerType;
  readonly scheme: LoadBalancerScheme;
  readonly vpcId: string;
  readonly state: string;
  readonly dnsName: string;
  readonly securityGroups: readonly string[];
  readonly nodes: readonly NodeEntry[];
  readonly listeners: readonly ListenerEntry[];
  readonly attributes: Readonly<Record<string, string>>;
}

/** The health checker's last observation of a registration (absent: never checked yet). */
export interface ObservedHealth {
  readonly state: TargetHealthState;
  readonly reason: string | undefined;
  readonly description: string | undefined;
}

export interface TargetEntry {
  /** `${tgArn}|${targetId}|${port}`: the registration's and its health record's id. */
  readonly key: string;
  readonly targetId: string;
  readonly port: number;
  /** The AWS-style address traffic goes to: the instance's primary private IP, or the IP itself. */
  readonly ip: string | undefined;
  /** `all`, a zone name, or undefined when localvpc cannot tell. */
  readonly availabilityZone: string | undefined;
  /** For instance targets: the instance state (`running`, `stopped`, …). */
  readonly instanceState: string | undefined;
  /** Deregistered and still within the deregistration delay: no new flows, existing ones continue. */
  readonly draining: boolean;
  /** Real epoch ms at which draining ends (already scaled by the clock). */
  readonly drainEndsAt: number | undefined;
  readonly observed: ObservedHealth | undefined;
}

export interface TargetGroupEntry {
  readonly arn: string;
  readonly name: string;
  readonly region: string;
  readonly protocol: ElbProtocol;
  readonly port: number;
  readonly vpcId: string;
  readonly targetType: TargetType;
  readonly healthCheck: HealthCheck;
  readonly attributes: Readonly<Record<string, string>>;
  /** Load balancers with a listener (or rule) forwarding here; empty means `Target.NotInUse`. */
  readonly loadBalancerArns: readonly string[];
  readonly targets: readonly TargetEntry[];
}

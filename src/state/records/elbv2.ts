/**
 * Records of the ELBv2 resources (API version 2015-12-01): load balancers, target groups,
 * listeners, target registrations and target health. The ELBv2 service writes them (health
 * records are written by the data plane's health checker); the data plane compiles them.
 * Every id is the resource's ARN, except registrations and health, keyed `${tgArn}|${id}|${port}`
 * (elbv2-vpc-endpoints.md §1.2, §1.7, §1.8).
 */
import type { StoredRecord } from '../store.js';

export interface ElbTag {
  readonly Key: string;
  readonly Value?: string;
}

/** Store kinds, one per record type. */
export const ELBV2_KIND = {
  loadBalancer: 'elbv2.load-balancer',
  targetGroup: 'elbv2.target-group',
  listener: 'elbv2.listener',
  /** One registered (or draining) target of a target group. */
  target: 'elbv2.target',
  /** Observed health of one registration, written by the data plane's health checker. */
  targetHealth: 'elbv2.target-health',
  /** A non-default listener rule (ALB); the default rule is the listener's defaultActions. */
  rule: 'elbv2.rule',
} as const;

export interface Elbv2Base extends StoredRecord {
  /** The resource ARN. */
  readonly id: string;
  readonly region: string;
  readonly tags: readonly ElbTag[];
  /** ISO 8601 creation time. */
  readonly createdAt: string;
}

export type LoadBalancerType = 'application' | 'network';
export type LoadBalancerScheme = 'internet-facing' | 'internal';

/** One enabled Availability Zone: its subnet and the LB node (a requester-managed ENI) in it. */
export interface LoadBalancerZone {
  readonly zoneName: string;
  readonly subnetId: string;
  readonly networkInterfaceId: string;
  readonly privateIpAddress: string;
}

export interface LoadBalancer extends Elbv2Base {
  readonly name: string;
  readonly type: LoadBalancerType;
  readonly scheme: LoadBalancerScheme;
  readonly vpcId: string;
  readonly zones: readonly LoadBalancerZone[];
  readonly securityGroups: readonly string[];
  readonly ipAddressType: 'ipv4';
  readonly dnsName: string;
  readonly canonicalHostedZoneId: string;
  /** Stored `active`: CreateLoadBalancer answers `provisioning`, later reads show `active`. */
  readonly state: 'provisioning' | 'active' | 'active_impaired' | 'failed';
  /** Load balancer attributes, every key with its current value (defaults included). */
  readonly attributes: Readonly<Record<string, string>>;
}

export type ElbProtocol = 'HTTP' | 'HTTPS' | 'TCP' | 'TLS' | 'UDP' | 'TCP_UDP';
export type TargetType = 'instance' | 'ip';

export interface HealthCheck {
  readonly enabled: boolean;
  readonly protocol: 'HTTP' | 'HTTPS' | 'TCP';
  /** `traffic-port` or a port number as text. */
  readonly port: string;
  /** Only for HTTP/HTTPS health checks. */
  readonly path?: string;
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly healthyThresholdCount: number;
  readonly unhealthyThresholdCount: number;
  /** `Matcher.HttpCode`, only for HTTP/HTTPS health checks. */
  readonly httpCode?: string;
}

export interface TargetGroup extends Elbv2Base {
  readonly name: string;
  readonly protocol: ElbProtocol;
  readonly port: number;
  readonly vpcId: string;
  readonly targetType: TargetType;
  /** HTTP/HTTPS target groups only. */
  readonly protocolVersion?: 'HTTP1' | 'HTTP2' | 'GRPC';
  readonly ipAddressType: 'ipv4';
  readonly healthCheck: HealthCheck;
  readonly attributes: Readonly<Record<string, string>>;
}

/** An action as the API shows it (model member names), stored normalised. */
export interface ListenerAction {
  readonly Type: 'forward' | 'fixed-response' | 'redirect';
  readonly Order?: number;
  readonly TargetGroupArn?: string;
  readonly ForwardConfig?: {
    readonly TargetGroups: readonly { readonly TargetGroupArn: string; readonly Weight: number }[];
    readonly TargetGroupStickinessConfig: { readonly Enabled: boolean; readonly DurationSeconds?: number };
  };
  readonly FixedResponseConfig?: { readonly StatusCode: string; readonly ContentType?: string; readonly MessageBody?: string };
  readonly RedirectConfig?: { readonly StatusCode: string; readonly Protocol?: string; readonly Port?: string; readonly Host?: string; readonly Path?: string; readonly Query?: string };
}

export interface Listener extends Elbv2Base {
  readonly loadBalancerArn: string;
  readonly port: number;
  readonly protocol: ElbProtocol;
  readonly defaultActions: readonly ListenerAction[];
  readonly certificates: readonly { readonly CertificateArn: string }[];
  /** AddListenerCertificates: further certificates picked by SNI (HTTPS listeners). */
  readonly additionalCertificateArns?: readonly string[];
  readonly sslPolicy?: string;
  readonly alpnPolicy?: string;
}

/** `${targetGroupArn}|${targetId}|${port}`: the key of registrations and health records. */
export function targetKey(targetGroupArn: string, targetId: string, port: number): string {
  return `${targetGroupArn}|${targetId}|${port}`;
}

export interface TargetRegistration extends StoredRecord {
  readonly region: string;
  readonly targetGroupArn: string;
  readonly targetId: string;
  readonly port: number;
  /** `all` or a zone name, when given at registration. */
  readonly availabilityZone?: string;
  readonly registeredAt: string;
  /** Set by DeregisterTargets: the target drains for `deregistration_delay.timeout_seconds`, then is gone. */
  readonly deregisteredAt?: string;
}

export type TargetHealthState = 'initial' | 'healthy' | 'unhealthy' | 'unhealthy.draining' | 'unused' | 'draining' | 'unavailable';

/** What the health checker last observed for one registration (same key as the registration). */
export interface TargetHealthRecord extends StoredRecord {
  readonly state: TargetHealthState;
  readonly reason?: string;
  readonly description?: string;
  readonly updatedAt: string;
}

/**
 * A rule condition as the API shows it (elbv2-vpc-endpoints.md §1.10), stored normalised: the
 * `…Config` form always, and `Values` too for host-header and path-pattern as DescribeRules answers.
 */
export interface RuleCondition {
  readonly Field: 'host-header' | 'path-pattern' | 'http-header' | 'http-request-method' | 'query-string' | 'source-ip';
  readonly Values?: readonly string[];
  readonly HostHeaderConfig?: { readonly Values: readonly string[] };
  readonly PathPatternConfig?: { readonly Values: readonly string[] };
  readonly HttpHeaderConfig?: { readonly HttpHeaderName: string; readonly Values: readonly string[] };
  readonly HttpRequestMethodConfig?: { readonly Values: readonly string[] };
  readonly QueryStringConfig?: { readonly Values: readonly { readonly Key?: string; readonly Value: string }[] };
  readonly SourceIpConfig?: { readonly Values: readonly string[] };
}

/** A listener rule other than the default one, keyed by its ARN. */
export interface ListenerRule extends Elbv2Base {
  readonly listenerArn: string;
  /** 1–50000, unique per listener. */
  readonly priority: number;
  readonly conditions: readonly RuleCondition[];
  readonly actions: readonly ListenerAction[];
}

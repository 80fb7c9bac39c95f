/**
 * The load-balancing snapshot: every load balancer, listener, target group and target the data
 * plane serves, compiled from the ELBv2 records (compile.ts) against one network snapshot and
 * immutable once built. NLB listeners, ALB listeners, the health checker and API Gateway's VPC
 * links all read it; none of them touches the store on a hot path (DESIGN.md).
 *
 * Envoy words where the thing is Envoy's (listener, cluster = target group, endpoint = target);
 * AWS nouns for what only AWS has (node, zone, registration).
 */
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

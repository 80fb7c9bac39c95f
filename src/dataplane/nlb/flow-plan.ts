/**
 * `planFlow`: where one new NLB flow goes and which address it leaves from
 * (elbv2-vpc-endpoints.md §3, §6.1).
 *
 * - The flow leaves the node's host address toward the target, so routes and the target's
 *   security groups are those of node → target (decide, reachability.ts).
 * - Client IP preservation (`preserve_client_ip.enabled`: on by default for instance targets,
 *   off for `ip` targets over TCP) keeps the client's address as the source: the target's
 *   security groups must then admit the client, not the node, and the connection binds the
 *   client's host address so the backend sees it.
 * - Traffic that arrives through an API Gateway VPC link comes from the NLB's private IPs,
 *   whatever the attribute says ("traffic via PrivateLink shows NLB node IPs", §3): a target
 *   whose group admits only the client range and not the NLB's addresses fails its health
 *   checks and gets nothing.
 * - Loopback host services (`ip` targets in 127.0.0.0/16 registered with zone `all`, DESIGN.md)
 *   are this machine's own processes: no security group stands in front of them.
 */
import { parseIp } from '../../kernel/cidr.js';
import type { LoadBalancerEntry, NodeEntry, TargetEntry, TargetGroupEntry } from '../lb/snapshot.js';
import { decide, type Endpoint } from '../network/reachability.js';
import { admitsIngress, describeGroups } from '../network/security-groups.js';
import { addressKey } from '../network/compile.js';
import { isHostServiceAddress } from '../network/host-address.js';
import type { NetworkSnapshot } from '../network/snapshot.js';
import { proxyHeaderV2 } from './proxy-protocol.js';
import { candidateTargets, crossZoneEnabled, type TargetPicker } from './target-selection.js';

export type FlowPlan =
  | {
      readonly kind: 'connect';
      readonly target: TargetEntry;
      /** Where to connect on this machine (before the port map). */
      readonly hostAddress: string;
      readonly port: number;
      /** The source address to bind. */
      readonly localAddress: string;
      /** Bytes to send first (proxy protocol v2), if the target group asks for them. */
      readonly preamble: Buffer | undefined;
    }
  /** AWS drops the packets: the client sees a time-out. */
  | { readonly kind: 'drop'; readonly reason: string }
  /** Nothing can take the flow (no listener, no target): the connection is reset. */
  | { readonly kind: 'reset'; readonly reason: string };

/** Where a flow comes from: a client seen by a listener, or API Gateway through a VPC link. */
export type FlowSource =
  | { readonly kind: 'client'; readonly endpoint: Endpoint; readonly hostAddress: string; readonly ip: string | undefined; readonly port: number }
  | { readonly kind: 'vpc-link' };

export function nodeEndpoint(lb: LoadBalancerEntry, node: NodeEntry): Endpoint {
  return { kind: 'vpc', vpcId: lb.vpcId, subnetId: node.subnetId, ip: node.privateIp, securityGroupIds: lb.securityGroups, networkInterfaceId: node.networkInterfaceId, instanceId: undefined };
}

export function planFlow(network: NetworkSnapshot, lb: LoadBalancerEntry, node: NodeEntry, tg: TargetGroupEntry, listenerPort: number, source: FlowSource, picker: TargetPicker): FlowPlan {
  if (!node.hostAddress) return { kind: 'reset', reason: `node ${node.networkInterfaceId} has no host address` };
  const clientIp = source.kind === 'client' ? source.ip : undefined;
  const target = picker.pick(tg, candidateTargets(tg, node, crossZoneEnabled(tg, lb.attributes)), clientIp);
  if (!target || target.ip === undefined) return { kind: 'reset', reason: `target group ${tg.name} has no target that can take a flow` };
  const preserve = source.kind === 'client' && tg.attributes['preserve_client_ip.enabled'] === 'true';
  const preamble =
    tg.attributes['proxy_protocol_v2.enabled'] === 'true'
      ? proxyHeaderV2(source.kind === 'client' && source.ip ? { ip: source.ip, port: source.port } : { ip: node.privateIp, port: 0 }, { ip: node.privateIp, port: listenerPort })
      : undefined;
  if (isHostServiceAddress(target.ip)) {
    return { kind: 'connect', target, hostAddress: target.ip, port: target.port, localAddress: preserve ? source.hostAddress : node.hostAddress, preamble };
  }
  // With the client's address preserved, the target's groups judge the client (clientDenied), not the node.
  const decision = decide(network, nodeEndpoint(lb, node), { ip: target.ip, port: target.port, protocol: 'tcp', ingressJudgedElsewhere: preserve });
  if (!decision.allowed) return { kind: 'drop', reason: decision.reason };
  if (preserve) {
    const denied = clientDenied(network, lb, tg, target, source);
    if (denied) return { kind: 'drop', reason: denied };
    return { kind: 'connect', target, hostAddress: decision.hostAddress, port: target.port, localAddress: source.hostAddress, preamble };
  }
  return { kind: 'connect', target, hostAddress: decision.hostAddress, port: target.port, localAddress: decision.sourceHostAddress, preamble };
}

/** With the client's address preserved, the target's groups judge the client (§3). */
function clientDenied(network: NetworkSnapshot, lb: LoadBalancerEntry, tg: TargetGroupEntry, target: TargetEntry, source: Extract<FlowSource, { kind: 'client' }>): string | undefined {
  const eni = network.interfacesByAddress.get(addressKey(tg.vpcId, target.ip!));
  if (!eni || eni.securityGroupIds.length === 0) return undefined;
  const ip = source.ip === undefined ? undefined : parseIp(source.ip);
  // Rules that reference the NLB's groups admit what came through it (§3: "SG referencing from
  // target SGs enforces only via NLB").
  const groups = [...(source.endpoint.kind === 'vpc' ? (source.endpoint.securityGroupIds ?? []) : []), ...lb.securityGroups];
  if (admitsIngress(network, eni.securityGroupIds, { ip, groupIds: groups }, { protocol: 'tcp', port: target.port })) return undefined;
  return `${describeGroups(eni.securityGroupIds)} of ${eni.id} admit no tcp/${target.port} from the client ${source.ip ?? 'address'} (client IP preservation is on)`;
}

/**
 * How an ALB node reaches a target (DESIGN.md, network model; elbv2-vpc-endpoints.md §2.6):
 * the connection leaves the node's ENI, so routes and security groups are those of node →
 * target (network/reachability.ts `decide`): the target's groups must admit the ALB (by its
 * security group or its addresses). What AWS would drop gets no connection at all; the ALB then
 * answers 504 when its connect timeout runs out (§2.3, checklist 31).
 *
 * Loopback host services (`ip` targets in 127.0.0.0/16 registered with zone `all`) are this
 * machine's processes: reached directly from the node's host address, no group in front.
 *
 * Decisions depend only on the network snapshot, so they are kept per snapshot.
 */
import type { LoadBalancerEntry, NodeEntry, TargetEntry } from '../lb/snapshot.js';
import { isHostServiceAddress } from '../network/host-address.js';
import { decide } from '../network/reachability.js';
import type { NetworkSnapshot } from '../network/snapshot.js';
import { nodeEndpoint } from '../nlb/flow-plan.js';

export type TargetRoute =
  /** Connect to `hostAddress` (before the port map) from `localAddress`. */
  | { readonly kind: 'connect'; readonly hostAddress: string; readonly localAddress: string }
  /** AWS would drop the flow: no answer. */
  | { readonly kind: 'drop'; readonly reason: string };

const cache = new WeakMap<NetworkSnapshot, Map<string, TargetRoute>>();

export function routeToTarget(network: NetworkSnapshot, lb: LoadBalancerEntry, node: NodeEntry, target: TargetEntry & { readonly ip: string }): TargetRoute {
  let routes = cache.get(network);
  if (!routes) {
    routes = new Map();
    cache.set(network, routes);
  }
  // The node's groups are part of the key: SetSecurityGroups changes the LB, not the network.
  const key = `${node.networkInterfaceId}|${lb.securityGroups.join(',')}|${target.ip}:${target.port}`;
  let route = routes.get(key);
  if (!route) {
    route = decideRoute(network, lb, node, target);
    routes.set(key, route);
  }
  return route;
}

function decideRoute(network: NetworkSnapshot, lb: LoadBalancerEntry, node: NodeEntry, target: TargetEntry & { readonly ip: string }): TargetRoute {
  if (!node.hostAddress) return { kind: 'drop', reason: `node ${node.networkInterfaceId} has no host address` };
  if (isHostServiceAddress(target.ip)) return { kind: 'connect', hostAddress: target.ip, localAddress: node.hostAddress };
  const decision = decide(network, nodeEndpoint(lb, node), { ip: target.ip, port: target.port, protocol: 'tcp' });
  if (!decision.allowed) return { kind: 'drop', reason: decision.reason };
  return { kind: 'connect', hostAddress: decision.hostAddress, localAddress: decision.sourceHostAddress };
}

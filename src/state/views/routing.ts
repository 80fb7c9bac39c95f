/**
 * Routing views: the routes a route table holds in effect, which table a subnet uses, and which
 * route a destination address takes. Pure functions over a RecordReader, shared by the EC2
 * service (DescribeRouteTables shows `blackhole` and propagated routes) and the data plane
 * (reachability).
 */
import { cidrContainsIp, parseCidr, parseIp } from '../../kernel/cidr.js';
import type { RecordReader } from '../store.js';
import {
  KIND,
  type Instance,
  type InternetGateway,
  type NetworkInterface,
  type Route,
  type RouteTable,
  type Subnet,
  type VpcPeeringConnection,
  type VpnConnection,
  type VpnGateway,
} from '../records/ec2.js';

export const PROPAGATED_ORIGIN = 'EnableVgwRoutePropagation';

/**
 * `effectiveRoutes` lists a table's routes as DescribeRouteTables shows them: the stored routes,
 * each `active` or `blackhole` by the state of its target now, followed by the routes propagated
 * from the VGWs in `propagatingVgws`.
 *
 * A stored route is a blackhole when its target is gone or unusable (ec2-route53-acm.md §1.7:
 * "A route whose target disappears (ENI/instance/peering deleted, IGW detached) stays with
 * State blackhole"):
 * - `igw-`: the gateway no longer exists or is not attached to the table's VPC;
 * - `vgw-`: the gateway no longer exists, is deleted, or is not `attached` to the table's VPC;
 * - `pcx-`: the peering connection is not `active`, or does not involve the table's VPC;
 * - ENI: the interface no longer exists; instance: it no longer exists or is stopped/terminated.
 * Targets localvpc keeps no records for (NAT gateways, transit gateways, gateway endpoints)
 * keep their stored state.
 *
 * Propagated routes (ec2-route53-acm.md §1.12, EnableVgwRoutePropagation): for a VGW attached to
 * the table's VPC, every static route in state `available` of every `available` VPN connection on
 * that VGW becomes `{destinationCidrBlock, gatewayId: vgw, origin: 'EnableVgwRoutePropagation',
 * state: 'active'}`, once per destination. A propagated route whose destination equals a stored
 * route's is not listed: the static route takes priority for equal prefixes
 * (https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html) [infer: that AWS hides
 * it rather than listing both].
 */
export function effectiveRoutes(reader: RecordReader, table: RouteTable): Route[] {
  const out: Route[] = table.routes.map((route) => {
    const state = isTargetUsable(reader, table.vpcId, route) ? route.state : 'blackhole';
    return state === route.state ? route : { ...route, state };
  });
  const taken = new Set(out.map((r) => r.destinationCidrBlock));
  for (const vgwId of table.propagatingVgws) {
    const vgw = reader.get<VpnGateway>(KIND.vpnGateway, vgwId);
    if (!vgw || !isVgwAttachedTo(vgw, table.vpcId)) continue;
    const connections = reader
      .list<VpnConnection>(KIND.vpnConnection, (c) => c.vpnGatewayId === vgwId && c.state === 'available')
      .sort(byCreation);
    for (const connection of connections) {
      for (const staticRoute of connection.routes) {
        if (staticRoute.state !== 'available' || taken.has(staticRoute.destinationCidrBlock)) continue;
        taken.add(staticRoute.destinationCidrBlock);
        out.push({ destinationCidrBlock: staticRoute.destinationCidrBlock, gatewayId: vgwId, origin: PROPAGATED_ORIGIN, state: 'active' });
      }
    }
  }
  return out;
}

/**
 * `routeTableForSubnet` finds the table a subnet uses: the table explicitly associated with it,
 * else its VPC's main table (ec2-route53-acm.md §1.7: "subnets without explicit association use
 * it implicitly"). Undefined when the subnet does not exist or its VPC has no main table.
 */
export function routeTableForSubnet(reader: RecordReader, subnetId: string): RouteTable | undefined {
  const subnet = reader.get<Subnet>(KIND.subnet, subnetId);
  if (!subnet) return undefined;
  const tables = reader.list<RouteTable>(KIND.routeTable, (t) => t.vpcId === subnet.vpcId);
  const explicit = tables.find((t) => t.associations.some((a) => a.subnetId === subnetId));
  return explicit ?? tables.find((t) => t.associations.some((a) => a.main));
}

/**
 * `longestPrefixMatch` picks the route a packet to `ip` takes: the most specific destination
 * that contains it, with AWS's two exceptions
 * (https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html, route priority):
 * the local route wins over more specific propagated routes, and for equal prefixes a static
 * route wins over a propagated one. Blackhole routes take part: a packet that matches one is
 * dropped, it does not fall back to a less specific route. Routes to prefix lists and IPv6
 * destinations never match. Undefined when nothing matches or `ip` is not an IPv4 address.
 */
export function longestPrefixMatch<R extends Route>(routes: readonly R[], ip: string | number): R | undefined {
  const address = typeof ip === 'number' ? ip : parseIp(ip);
  if (address === undefined) return undefined;
  const matches: { route: R; prefix: number }[] = [];
  for (const route of routes) {
    const block = route.destinationCidrBlock ? parseCidr(route.destinationCidrBlock) : undefined;
    if (block && cidrContainsIp(block, address)) matches.push({ route, prefix: block.prefix });
  }
  const local = matches.some((m) => m.route.gatewayId === 'local');
  let best: { route: R; prefix: number } | undefined;
  for (const m of matches) {
    if (local && isPropagated(m.route)) continue;
    if (!best || m.prefix > best.prefix || (m.prefix === best.prefix && isPropagated(best.route) && !isPropagated(m.route))) best = m;
  }
  return best?.route;
}

export function isPropagated(route: Route): boolean {
  return route.origin === PROPAGATED_ORIGIN;
}

export function isVgwAttachedTo(vgw: VpnGateway, vpcId: string): boolean {
  return vgw.state !== 'deleted' && vgw.state !== 'deleting' && vgw.attachments.some((a) => a.vpcId === vpcId && a.state === 'attached');
}

function isTargetUsable(reader: RecordReader, vpcId: string, route: Route): boolean {
  const gatewayId = route.gatewayId;
  if (gatewayId === 'local') return true;
  if (gatewayId?.startsWith('igw-')) {
    const igw = reader.get<InternetGateway>(KIND.internetGateway, gatewayId);
    return !!igw && igw.attachments.some((a) => a.vpcId === vpcId);
  }
  if (gatewayId?.startsWith('vgw-')) {
    const vgw = reader.get<VpnGateway>(KIND.vpnGateway, gatewayId);
    return !!vgw && isVgwAttachedTo(vgw, vpcId);
  }
  if (route.vpcPeeringConnectionId) {
    const pcx = reader.get<VpcPeeringConnection>(KIND.vpcPeeringConnection, route.vpcPeeringConnectionId);
    return !!pcx && pcx.status.code === 'active' && (pcx.requesterVpcId === vpcId || pcx.accepterVpcId === vpcId);
  }
  if (route.networkInterfaceId) return !!reader.get<NetworkInterface>(KIND.networkInterface, route.networkInterfaceId);
  if (route.instanceId) {
    const instance = reader.get<Instance>(KIND.instance, route.instanceId);
    return !!instance && !['stopping', 'stopped', 'shutting-down', 'terminated'].includes(instance.state);
  }
  return true;
}

function byCreation(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * `decide` answers whether a connection from a network position to an AWS-style address and
 * port would be delivered by AWS, and if so, which host addresses carry it. Every denial says
 * why, in words fit for logs and `localvpc status`.
 *
 * The rules, in the order a packet meets them:
 * 1. Routing from the source.
 *    - Inside one VPC: the local route (ec2-route53-acm.md §1.7).
 *    - To another VPC: the source subnet's route table must send the destination, by longest
 *      prefix, to an active peering connection of the source VPC whose other VPC holds the
 *      address. Peering is not transitive: an address in a third VPC is dropped even if that VPC
 *      peers with the second (elbv2-vpc-endpoints.md §5,
 *      https://docs.aws.amazon.com/vpc/latest/peering/invalid-peering-configurations.html).
 *    - From a VPN customer network: the connection must be `available` and its VGW attached to
 *      the VPC that holds the address; a VPN reaches no VPC beyond that one (no edge-to-edge
 *      routing).
 *    - From the internet: only public addresses. Nothing inside a VPC has one yet, so only the
 *      machine itself (127.0.0.1) answers.
 * 2. The destination: an ENI in the destination VPC must hold the address, and its instance (if
 *    any) must be `running`.
 * 3. The way back. Across a peering the destination subnet's route table must route the source
 *    address to the same peering; from a VPN it must route the customer address to that VGW
 *    (a static route or a propagated one). Without it replies go nowhere, which AWS users see as
 *    a time-out, so the flow is dropped here.
 * 4. Security groups: the source ENI's egress rules, then the destination ENI's ingress rules
 *    (security-groups.ts). Hosts that are not ENIs (`--from vpc-…`, customer networks, the
 *    internet) have no egress rules.
 */
import { cidrContainsIp, parseIp } from '../../kernel/cidr.js';
import type { Route } from '../../state/records/ec2.js';
import { longestPrefixMatch } from '../../state/views/routing.js';
import { addressKey, vpcContains } from './compile.js';
import { hostAddressFor, hostAddressOnWire, INTERNET_HOST_ADDRESS } from './host-address.js';
import { admitsIngress, allowsEgress, describeGroups, type Flow, type RulePeer } from './security-groups.js';
import type { NetworkInterfaceEntry, NetworkSnapshot, VpcEntry } from './snapshot.js';

/** A network position a connection starts from. */
export type Endpoint = VpcHost | CustomerNetworkHost | InternetHost;

/** A host inside a VPC: an ENI (with its groups) or a bare address in a subnet. */
export interface VpcHost {
  readonly kind: 'vpc';
  readonly vpcId: string;
  readonly subnetId: string;
  readonly ip: string;
  /** The ENI's groups; undefined for a host that is not an ENI (no egress rules apply). */
  readonly securityGroupIds: readonly string[] | undefined;
  readonly networkInterfaceId: string | undefined;
  readonly instanceId: string | undefined;
}

/** A host in the customer network behind a Site-to-Site VPN connection. */
export interface CustomerNetworkHost {
  readonly kind: 'customer-network';
  readonly vpnConnectionId: string;
  readonly ip: string;
}

export interface InternetHost {
  readonly kind: 'internet';
}

export interface Target {
  /** AWS-style IPv4 address. */
  readonly ip: string;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  /**
   * The destination's security groups judge another source than the connecting host (an NLB
   * preserving the client's address): decide routes and egress only; the caller checks ingress.
   */
  readonly ingressJudgedElsewhere?: boolean;
}

export type Decision = Delivery | Drop;

export interface Delivery {
  readonly allowed: true;
  /** Where to connect on this machine. */
  readonly hostAddress: string;
  /** What to bind as the connection's source, so the receiver knows who calls. */
  readonly sourceHostAddress: string;
  /** `local`, a `pcx-`, a `vgw-` or `internet`: how the flow got there. */
  readonly via: string;
  /** The ENI that receives the flow, when there is one. */
  readonly networkInterfaceId: string | undefined;
}

export interface Drop {
  readonly allowed: false;
  readonly reason: string;
}

/** `INTERNET_ANSWERS` are the addresses the internet vantage reaches: the machine itself. */
const INTERNET_ANSWERS = new Set([INTERNET_HOST_ADDRESS]);

export function decide(snapshot: NetworkSnapshot, from: Endpoint, to: Target): Decision {
  const ip = parseIp(to.ip);
  if (ip === undefined) return drop(`${to.ip} is not an IPv4 address`);
  const flow: Flow = { protocol: to.protocol, port: to.port };
  switch (from.kind) {
    case 'vpc':
      return fromVpc(snapshot, from, ip, to, flow);
    case 'customer-network':
      return fromCustomerNetwork(snapshot, from, ip, to, flow);
    case 'internet':
      return fromInternet(snapshot, ip, to, flow);
  }
}

/** `sourceHostAddressOf` is the host address a connection from `from` binds. */
export function sourceHostAddressOf(snapshot: NetworkSnapshot, from: Endpoint): string | undefined {
  switch (from.kind) {
    case 'internet':
      return INTERNET_HOST_ADDRESS;
    case 'vpc': {
      const vpc = snapshot.vpcs.get(from.vpcId);
      return vpc && hostAddressFor(vpc.blocks, from.ip);
    }
    case 'customer-network': {
      const vpn = snapshot.vpnConnections.get(from.vpnConnectionId);
      return vpn && hostAddressOnWire(from.ip, vpn.wire);
    }
  }
}

/** `describeEndpoint` names a position in reasons: `10.0.1.9 (i-…)`, `192.168.0.10 (vpn-…)`. */
export function describeEndpoint(from: Endpoint): string {
  switch (from.kind) {
    case 'internet':
      return 'the internet';
    case 'vpc':
      return `${from.ip} (${from.instanceId ?? from.networkInterfaceId ?? from.subnetId})`;
    case 'customer-network':
      return `${from.ip} (${from.vpnConnectionId})`;
  }
}

function fromVpc(s: NetworkSnapshot, from: VpcHost, ip: number, to: Target, flow: Flow): Decision {
  const vpc = s.vpcs.get(from.vpcId);
  if (!vpc) return drop(`${from.vpcId} does not exist`);
  const subnet = s.subnets.get(from.subnetId);
  if (!subnet) return drop(`${from.subnetId} does not exist`);
  const sourceHostAddress = hostAddressFor(vpc.blocks, from.ip);
  const sourceIp = parseIp(from.ip);
  if (!sourceHostAddress || sourceIp === undefined) return drop(`${from.ip} is not an address of ${vpc.id}`);
  const source = { host: from, ip: sourceIp, hostAddress: sourceHostAddress };

  if (vpcContains(vpc, ip)) return deliverInVpc(s, source, vpc, to, flow, { via: 'local' });

  const table = subnet.routeTable;
  const route = table && longestPrefixMatch(table.routes, ip);
  if (!table || !route) return drop(`no route from ${subnet.id} to ${to.ip}`);
  if (route.state !== 'active') return drop(`the route to ${route.destinationCidrBlock} in ${table.id} (used by ${subnet.id}) is a blackhole: ${targetOf(route)} is not usable`);

  const pcxId = route.vpcPeeringConnectionId;
  if (pcxId) {
    const pcx = s.peeringConnections.get(pcxId);
    const peerVpcId = pcx && (pcx.requesterVpcId === vpc.id ? pcx.accepterVpcId : pcx.requesterVpcId);
    const peer = peerVpcId ? s.vpcs.get(peerVpcId) : undefined;
    if (!pcx || !peer) return drop(`${pcxId} is not an active peering connection of ${vpc.id}`);
    if (!vpcContains(peer, ip)) return drop(`${to.ip} is not in ${peer.id}, the VPC across ${pcxId} (peering is not transitive)`);
    return deliverInVpc(s, source, peer, to, flow, { via: pcxId, back: (r) => r.vpcPeeringConnectionId === pcxId });
  }

  const gatewayId = route.gatewayId ?? '';
  if (gatewayId.startsWith('vgw-')) {
    const vpn = [...s.vpnConnections.values()].find((c) => c.vpnGatewayId === gatewayId && c.state === 'available' && c.attachedVpcId === vpc.id && c.customerNetworks.some((n) => cidrContainsIp(n, ip)));
    if (!vpn) return drop(`no available VPN connection on ${gatewayId} has a route to ${to.ip}`);
    const egress = checkEgress(s, from, { ip, groupIds: undefined }, to);
    if (egress) return egress;
    return { allowed: true, hostAddress: hostAddressOnWire(ip, vpn.wire), sourceHostAddress, via: gatewayId, networkInterfaceId: undefined };
  }
  if (gatewayId.startsWith('igw-')) {
    if (INTERNET_ANSWERS.has(to.ip)) {
      const egress = checkEgress(s, from, { ip, groupIds: undefined }, to);
      if (egress) return egress;
      return { allowed: true, hostAddress: to.ip, sourceHostAddress, via: 'internet', networkInterfaceId: undefined };
    }
    const endpoint = s.publicEndpoints.get(to.ip);
    if (endpoint) return deliverPublic(s, { ip: undefined, groupIds: undefined }, sourceHostAddress, to, flow, () => checkEgress(s, from, { ip, groupIds: undefined }, to));
    return drop(`${to.ip} is on the internet (via ${gatewayId}); localvpc carries no traffic beyond this machine`);
  }
  return drop(`the route to ${route.destinationCidrBlock} in ${table.id} goes to ${targetOf(route)}, which localvpc does not forward through`);
}

function fromCustomerNetwork(s: NetworkSnapshot, from: CustomerNetworkHost, ip: number, to: Target, flow: Flow): Decision {
  const vpn = s.vpnConnections.get(from.vpnConnectionId);
  if (!vpn) return drop(`${from.vpnConnectionId} does not exist`);
  if (vpn.state !== 'available') return drop(`VPN connection ${vpn.id} is ${vpn.state}, not available`);
  const sourceIp = parseIp(from.ip);
  if (sourceIp === undefined) return drop(`${from.ip} is not an IPv4 address`);
  if (!vpn.customerNetworks.some((n) => cidrContainsIp(n, sourceIp))) return drop(`${from.ip} is in no available static route of ${vpn.id}, so replies cannot reach it`);
  const vpc = vpn.attachedVpcId ? s.vpcs.get(vpn.attachedVpcId) : undefined;
  if (!vpc) return drop(`${vpn.vpnGatewayId ?? 'the VPN gateway'} of ${vpn.id} is not attached to a VPC`);
  if (!vpcContains(vpc, ip)) return drop(`${to.ip} is not in ${vpc.id}, the VPC behind ${vpn.id} (a VPN reaches only the VPC its gateway is attached to)`);
  const source = { host: from, ip: sourceIp, hostAddress: hostAddressOnWire(sourceIp, vpn.wire) };
  return deliverInVpc(s, source, vpc, to, flow, { via: vpn.vpnGatewayId!, back: (r) => r.gatewayId === vpn.vpnGatewayId });
}

function fromInternet(s: NetworkSnapshot, ip: number, to: Target, flow: Flow): Decision {
  if (INTERNET_ANSWERS.has(to.ip)) return { allowed: true, hostAddress: to.ip, sourceHostAddress: INTERNET_HOST_ADDRESS, via: 'internet', networkInterfaceId: undefined };
  if (s.publicEndpoints.has(to.ip)) return deliverPublic(s, { ip: undefined, groupIds: undefined }, INTERNET_HOST_ADDRESS, to, flow, () => undefined);
  const inVpc = [...s.vpcs.values()].find((v) => vpcContains(v, ip));
  if (inVpc) return drop(`${to.ip} is a private address (${inVpc.id}); nothing inside a VPC is reachable from the internet without a public address`);
  return drop(`nothing answers at ${to.ip}: localvpc carries no traffic beyond this machine`);
}

interface Source {
  readonly host: VpcHost | CustomerNetworkHost;
  readonly ip: number;
  readonly hostAddress: string;
}

function deliverInVpc(s: NetworkSnapshot, source: Source, vpc: VpcEntry, to: Target, flow: Flow, path: { via: string; back?: (route: Route) => boolean }): Decision {
  const eni = s.interfacesByAddress.get(addressKey(vpc.id, to.ip));
  if (!eni) return drop(`no network interface in ${vpc.id} has the address ${to.ip}`);
  if (!eni.hostAddress) return drop(`${to.ip} of ${eni.id} lies in none of the CIDR blocks of ${vpc.id}`);
  if (eni.instanceId) {
    const instance = s.instances.get(eni.instanceId);
    if (instance && instance.state !== 'running') return drop(`instance ${instance.id} (${to.ip}) is ${instance.state}`);
  }
  if (path.back) {
    const subnet = s.subnets.get(eni.subnetId);
    const table = subnet?.routeTable;
    const back = table && longestPrefixMatch(table.routes, source.ip);
    const sourceText = source.host.ip;
    if (!table || !back) return drop(`no route back from ${eni.subnetId} to ${sourceText} (needs a route via ${path.via})`);
    if (!path.back(back)) return drop(`the route back from ${eni.subnetId} to ${sourceText} goes to ${targetOf(back)}, not ${path.via}`);
    if (back.state !== 'active') return drop(`the route back from ${eni.subnetId} to ${sourceText} (${back.destinationCidrBlock} in ${table.id}) is a blackhole`);
  }
  const host = source.host;
  const sourcePeer: RulePeer = { ip: source.ip, groupIds: host.kind === 'vpc' ? host.securityGroupIds : undefined };
  if (host.kind === 'vpc') {
    const egress = checkEgress(s, host, { ip: parseIp(to.ip), groupIds: eni.securityGroupIds }, to);
    if (egress) return egress;
  }
  const ingress = to.ingressJudgedElsewhere ? undefined : checkIngress(s, eni, sourcePeer, to, flow, source.host.ip);
  if (ingress) return ingress;
  return { allowed: true, hostAddress: eni.hostAddress, sourceHostAddress: source.hostAddress, via: path.via, networkInterfaceId: eni.id };
}

function deliverPublic(s: NetworkSnapshot, source: RulePeer, sourceHostAddress: string, to: Target, flow: Flow, egress: () => Drop | undefined): Decision {
  const endpoint = s.publicEndpoints.get(to.ip)!;
  const denied = egress();
  if (denied) return denied;
  const eni = endpoint.networkInterfaceId ? s.networkInterfaces.get(endpoint.networkInterfaceId) : undefined;
  if (eni) {
    const ingress = checkIngress(s, eni, source, to, flow, 'the internet');
    if (ingress) return ingress;
  }
  return { allowed: true, hostAddress: endpoint.hostAddress, sourceHostAddress, via: 'internet', networkInterfaceId: endpoint.networkInterfaceId };
}

function checkEgress(s: NetworkSnapshot, from: VpcHost, destination: RulePeer, to: Target): Drop | undefined {
  const groups = from.securityGroupIds;
  if (groups === undefined || groups.length === 0) return undefined;
  if (allowsEgress(s, groups, destination, { protocol: to.protocol, port: to.port })) return undefined;
  return drop(`${describeGroups(groups)} of ${from.networkInterfaceId ?? from.ip} (the source) ${groups.length === 1 ? 'allows' : 'allow'} no ${to.protocol}/${to.port} to ${to.ip}`);
}

/**
 * An ENI without security groups admits everything: that is how a Network Load Balancer created
 * without groups behaves (elbv2-vpc-endpoints.md §3, "without SGs all client traffic reaches
 * listeners"); every other ENI has at least one group.
 */
function checkIngress(s: NetworkSnapshot, eni: NetworkInterfaceEntry, source: RulePeer, to: Target, flow: Flow, sourceText: string): Drop | undefined {
  const groups = eni.securityGroupIds;
  if (groups.length === 0 || admitsIngress(s, groups, source, flow)) return undefined;
  return drop(`${describeGroups(groups)} of ${eni.id} ${groups.length === 1 ? 'admits' : 'admit'} no ${to.protocol}/${to.port} from ${sourceText}`);
}

function targetOf(route: Route): string {
  return (
    route.vpcPeeringConnectionId ??
    route.gatewayId ??
    route.networkInterfaceId ??
    route.instanceId ??
    route.natGatewayId ??
    route.transitGatewayId ??
    route.vpcEndpointId ??
    route.egressOnlyInternetGatewayId ??
    'no target'
  );
}

function drop(reason: string): Drop {
  return { allowed: false, reason };
}

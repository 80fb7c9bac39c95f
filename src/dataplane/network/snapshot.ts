/**
 * The network snapshot: everything reachability needs, compiled from the EC2 records
 * (compile.ts) and immutable once built. The data plane answers every connection from the
 * latest snapshot and never touches the store on the hot path; a change in the store produces a
 * new snapshot that is swapped in whole (network-plane.ts).
 *
 * Maps are keyed by EC2 id. Entries keep AWS nouns: this layer *is* the VPC network, there is no
 * Envoy counterpart.
 */
import type { Cidr } from '../../kernel/cidr.js';
import type { InstanceStateName, InterfaceType, Route } from '../../state/records/ec2.js';

export interface NetworkSnapshot {
  /** Counts compilations in one NetworkPlane; 0 for a standalone compile. */
  readonly generation: number;
  readonly vpcs: ReadonlyMap<string, VpcEntry>;
  readonly subnets: ReadonlyMap<string, SubnetEntry>;
  readonly networkInterfaces: ReadonlyMap<string, NetworkInterfaceEntry>;
  readonly instances: ReadonlyMap<string, InstanceEntry>;
  readonly securityGroups: ReadonlyMap<string, SecurityGroupEntry>;
  /** Only peering connections that carry traffic: `active`, both VPCs present. */
  readonly peeringConnections: ReadonlyMap<string, PeeringEntry>;
  /** VPN connections that are not `deleted`. */
  readonly vpnConnections: ReadonlyMap<string, VpnEntry>;
  /**
   * Addresses reachable from the internet (public IPs of internet-facing load balancers and
   * instances), keyed by the public address. Empty until public addresses exist; the
   * reachability rules for them are already in place.
   */
  readonly publicEndpoints: ReadonlyMap<string, PublicEndpoint>;
  /** ENIs by `<vpc-id>/<private ip>` (overlapping VPCs may reuse an address). */
  readonly interfacesByAddress: ReadonlyMap<string, NetworkInterfaceEntry>;
  /** ENI ids that are members of each security group. */
  readonly groupMembers: ReadonlyMap<string, readonly string[]>;
  /** Every wire in use and what it carries. */
  readonly wires: readonly WireEntry[];
  /** Every ENI address: AWS-style address → host address and who owns it (status, logs). */
  readonly addressBook: readonly AddressBookEntry[];
}

export interface VpcBlockEntry {
  readonly cidrBlock: string;
  readonly network: Cidr;
  readonly wire: number;
}

export interface VpcEntry {
  readonly id: string;
  readonly state: string;
  /** Associated CIDR blocks, primary first. */
  readonly blocks: readonly VpcBlockEntry[];
  /** Subnet ids in creation order (the first one hosts `--from <vpc-id>`). */
  readonly subnetIds: readonly string[];
  /**
   * The VPC attribute `enableDnsSupport`: the Amazon DNS server (Route 53 Resolver) answers
   * queries from inside the VPC only when it is true (ec2-route53-acm.md §1.4, §2.10,
   * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-dns.html).
   */
  readonly enableDnsSupport: boolean;
  /** `enableDnsHostnames`: private hosted zones also need it (ec2-route53-acm.md §2.4). */
  readonly enableDnsHostnames: boolean;
}

export interface RouteTableEntry {
  readonly id: string;
  /** Effective routes: stored (with blackholes) plus propagated (state/views/routing.ts). */
  readonly routes: readonly Route[];
}

export interface SubnetEntry {
  readonly id: string;
  readonly vpcId: string;
  readonly cidrBlock: string;
  readonly network: Cidr;
  readonly createdAt: string;
  /** The table the subnet uses (explicit association, else main); undefined if none. */
  readonly routeTable: RouteTableEntry | undefined;
}

export interface NetworkInterfaceEntry {
  readonly id: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly privateIpAddress: string;
  /** Undefined only when the address lies in none of the VPC's blocks (inconsistent state). */
  readonly hostAddress: string | undefined;
  readonly securityGroupIds: readonly string[];
  readonly interfaceType: InterfaceType;
  readonly description: string;
  readonly instanceId: string | undefined;
}

export interface InstanceEntry {
  readonly id: string;
  readonly state: InstanceStateName;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly privateIpAddress: string;
  readonly privateDnsName: string;
  readonly primaryNetworkInterfaceId: string | undefined;
  readonly hostAddress: string | undefined;
}

/** One security group rule, with its source or destination parsed. */
export interface RuleEntry {
  readonly ruleId: string;
  /** As stored: `-1`, `tcp`, `udp`, `icmp`, `icmpv6` or a protocol number. */
  readonly ipProtocol: string;
  readonly fromPort: number | undefined;
  readonly toPort: number | undefined;
  /** The IPv4 CIDR peer, parsed; undefined for group, prefix list and IPv6 rules. */
  readonly network: Cidr | undefined;
  readonly referencedGroupId: string | undefined;
  /** Prefix lists and IPv6 peers never match IPv4 traffic here (no prefix lists yet). */
  readonly prefixListId: string | undefined;
  readonly cidrIpv6: string | undefined;
}

export interface SecurityGroupEntry {
  readonly id: string;
  readonly vpcId: string;
  readonly groupName: string;
  readonly ingress: readonly RuleEntry[];
  readonly egress: readonly RuleEntry[];
}

export interface PeeringEntry {
  readonly id: string;
  readonly requesterVpcId: string;
  readonly accepterVpcId: string;
}

export interface VpnEntry {
  readonly id: string;
  readonly state: string;
  readonly vpnGatewayId: string | undefined;
  /** The VPC the VGW is `attached` to, if the VGW is available and attached. */
  readonly attachedVpcId: string | undefined;
  readonly wire: number;
  /** The customer network: static routes not being deleted, in order (`pending` included). */
  readonly customerCidrs: readonly string[];
  /** Static routes in state `available`, parsed: where the VGW sends traffic back to. */
  readonly customerNetworks: readonly Cidr[];
}

export interface PublicEndpoint {
  readonly address: string;
  readonly hostAddress: string;
  /** The ENI whose security groups admit internet traffic, when there is one. */
  readonly networkInterfaceId: string | undefined;
  readonly description: string;
}

export interface WireEntry {
  readonly wire: number;
  readonly cidrBlock: string;
  /** `vpc-…` or `vpn-…`. */
  readonly owner: string;
}

export interface AddressBookEntry {
  readonly address: string;
  readonly hostAddress: string | undefined;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly networkInterfaceId: string;
  /** Who holds the address: `i-… (instance)`, `ELB app/…`, `VPC Endpoint Interface vpce-…`. */
  readonly owner: string;
}

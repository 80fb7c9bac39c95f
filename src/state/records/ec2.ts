/**
 * Records of the EC2 networking resources. They are the shared resource model: the EC2 service
 * writes them, ELBv2/API Gateway read them, the data plane compiles them into wires, routes and
 * admission rules. Field names are lowerCamel versions of the EC2 API names; wire shapes are the
 * service's business, not the store's.
 *
 * Every record carries `region` (taken from the request's credential scope) and the EC2 id as `id`.
 */
import type { StoredRecord } from '../store.js';

export interface Tag {
  Key: string;
  Value: string;
}

export interface Ec2Base extends StoredRecord {
  readonly id: string;
  readonly region: string;
  readonly ownerId: string;
  readonly tags: readonly Tag[];
  /** ISO 8601 creation time. */
  readonly createdAt: string;
}

/** Store kinds, one per record type. */
export const KIND = {
  vpc: 'ec2.vpc',
  subnet: 'ec2.subnet',
  routeTable: 'ec2.route-table',
  internetGateway: 'ec2.internet-gateway',
  securityGroup: 'ec2.security-group',
  networkInterface: 'ec2.network-interface',
  instance: 'ec2.instance',
  vpcPeeringConnection: 'ec2.vpc-peering-connection',
  customerGateway: 'ec2.customer-gateway',
  vpnGateway: 'ec2.vpn-gateway',
  vpnConnection: 'ec2.vpn-connection',
  vpcEndpoint: 'ec2.vpc-endpoint',
  /** Marker that a region's default VPC was created (so a deleted default VPC stays deleted). */
  regionInit: 'ec2.region-init',
} as const;

export interface VpcCidrBlock {
  readonly associationId: string;
  readonly cidrBlock: string;
  readonly state: 'associated' | 'disassociated';
  /**
   * The loopback wire of this block: addresses map to `127.<wire>.<low 16 bits>` (DESIGN.md,
   * network model). Allocated once by the EC2 service, kept for the block's life.
   */
  readonly wire: number;
}

export interface Vpc extends Ec2Base {
  readonly cidrBlocks: readonly VpcCidrBlock[];
  readonly isDefault: boolean;
  readonly state: 'pending' | 'available';
  readonly dhcpOptionsId: string;
  readonly instanceTenancy: string;
  /** Default true (ec2-route53-acm.md §1.4). */
  readonly enableDnsSupport: boolean;
  /** Default false for non-default VPCs, true for the default VPC. */
  readonly enableDnsHostnames: boolean;
  readonly enableNetworkAddressUsageMetrics: boolean;
}

export interface Subnet extends Ec2Base {
  readonly vpcId: string;
  readonly cidrBlock: string;
  readonly availabilityZone: string;
  readonly availabilityZoneId: string;
  readonly defaultForAz: boolean;
  readonly mapPublicIpOnLaunch: boolean;
  readonly state: 'pending' | 'available';
}

/** A route's single target; exactly one of these is set. */
export interface RouteTarget {
  /** `local`, an `igw-` or a `vgw-` id. */
  readonly gatewayId?: string;
  readonly vpcPeeringConnectionId?: string;
  readonly networkInterfaceId?: string;
  readonly instanceId?: string;
  readonly natGatewayId?: string;
  readonly transitGatewayId?: string;
  readonly vpcEndpointId?: string;
  readonly egressOnlyInternetGatewayId?: string;
}

export interface Route extends RouteTarget {
  readonly destinationCidrBlock: string;
  readonly origin: 'CreateRouteTable' | 'CreateRoute' | 'EnableVgwRoutePropagation';
  /** Stored routes are `active`; a route whose target is gone reads as `blackhole`. */
  readonly state: 'active' | 'blackhole';
}

export interface RouteTableAssociation {
  readonly id: string;
  readonly main: boolean;
  readonly subnetId?: string;
  readonly gatewayId?: string;
}

export interface RouteTable extends Ec2Base {
  readonly vpcId: string;
  /** Stored routes (local and CreateRoute). Propagated VGW routes are derived (state/views/routing.ts). */
  readonly routes: readonly Route[];
  readonly associations: readonly RouteTableAssociation[];
  /** VGWs whose VPN static routes propagate into this table. */
  readonly propagatingVgws: readonly string[];
  /** The ClientToken of the CreateRouteTable call that made it (idempotent retries). */
  readonly clientToken?: string;
}

export interface InternetGateway extends Ec2Base {
  readonly attachments: readonly { vpcId: string; state: 'available' }[];
}

/** One security group rule (an `sgr-` id), as DescribeSecurityGroupRules lists it. */
export interface SecurityGroupRule {
  readonly ruleId: string;
  /** `-1` (all), `tcp`, `udp`, `icmp`, `icmpv6` or a protocol number. */
  readonly ipProtocol: string;
  /** Absent for `-1`; -1 for all ICMP types. */
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrIpv4?: string;
  readonly cidrIpv6?: string;
  readonly referencedGroupId?: string;
  readonly referencedUserId?: string;
  readonly prefixListId?: string;
  readonly description?: string;
}

export interface SecurityGroup extends Ec2Base {
  readonly groupName: string;
  readonly description: string;
  readonly vpcId: string;
  readonly ingress: readonly SecurityGroupRule[];
  readonly egress: readonly SecurityGroupRule[];
}

export type InterfaceType = 'interface' | 'network_load_balancer' | 'vpc_endpoint' | 'load_balancer' | 'api_gateway_managed';

export interface NetworkInterfaceAttachment {
  readonly attachmentId: string;
  readonly instanceId?: string;
  readonly instanceOwnerId: string;
  readonly deviceIndex: number;
  readonly status: 'attaching' | 'attached' | 'detaching' | 'detached';
  readonly deleteOnTermination: boolean;
  readonly attachTime: string;
}

export interface NetworkInterface extends Ec2Base {
  readonly subnetId: string;
  readonly vpcId: string;
  readonly availabilityZone: string;
  readonly privateIpAddress: string;
  readonly macAddress: string;
  readonly description: string;
  readonly interfaceType: InterfaceType;
  readonly requesterManaged: boolean;
  /** Who created a requester-managed ENI (`amazon-elb`, ...). */
  readonly requesterId?: string;
  /** Security group ids. */
  readonly groups: readonly string[];
  readonly status: 'available' | 'in-use';
  readonly sourceDestCheck: boolean;
  readonly attachment?: NetworkInterfaceAttachment;
  /** CreateNetworkInterface's idempotency token, when one was given. */
  readonly clientToken?: string;
}

export type InstanceStateName = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';

/** EC2's numeric state codes (InstanceState.Code, low byte). */
export const INSTANCE_STATE_CODE: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export interface Instance extends Ec2Base {
  readonly reservationId: string;
  readonly imageId: string;
  readonly instanceType: string;
  readonly keyName?: string;
  readonly subnetId: string;
  readonly vpcId: string;
  readonly availabilityZone: string;
  readonly privateIpAddress: string;
  readonly privateDnsName: string;
  /** Primary first. */
  readonly networkInterfaceIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  /** Base64, as RunInstances received it. */
  readonly userData?: string;
  readonly state: InstanceStateName;
  readonly stateTransitionReason: string;
  readonly launchTime: string;
  readonly amiLaunchIndex: number;
  readonly clientToken?: string;
  /** When the instance reached `terminated`; it stays visible for an hour after (AWS behaviour). */
  readonly terminatedAt?: string;
  /** `StateReason` of the last state change (`Client.UserInitiatedShutdown`, ...); absent when none. */
  readonly stateReason?: { readonly code: string; readonly message: string };
}

export interface VpcPeeringConnection extends Ec2Base {
  readonly requesterVpcId: string;
  readonly requesterOwnerId: string;
  readonly requesterRegion: string;
  readonly accepterVpcId: string;
  readonly accepterOwnerId: string;
  readonly accepterRegion: string;
  /** initiating-request | pending-acceptance | active | deleted | rejected | failed | expired | provisioning | deleting */
  readonly status: { code: string; message: string };
  readonly expirationTime?: string;
  /** When `status` last changed; ends the visibility of rejected, failed and deleted connections. */
  readonly statusChangedAt?: string;
  /** When the accepter accepted; from then on both sides show their CIDR blocks and options. */
  readonly acceptedAt?: string;
}

export interface CustomerGateway extends Ec2Base {
  readonly bgpAsn: string;
  readonly ipAddress: string;
  readonly type: 'ipsec.1';
  readonly state: 'pending' | 'available' | 'deleting' | 'deleted';
  readonly deviceName?: string;
  /** When it was deleted; deleted gateways stay visible for a while. */
  readonly deletedAt?: string;
}

export interface VpnGateway extends Ec2Base {
  readonly type: 'ipsec.1';
  readonly amazonSideAsn: number;
  readonly state: 'pending' | 'available' | 'deleting' | 'deleted';
  readonly availabilityZone?: string;
  readonly attachments: readonly { vpcId: string; state: 'attaching' | 'attached' | 'detaching' | 'detached' }[];
  /** When it was deleted; deleted gateways stay visible for a while. */
  readonly deletedAt?: string;
}

export interface VpnStaticRoute {
  readonly destinationCidrBlock: string;
  readonly source: 'Static';
  readonly state: 'pending' | 'available' | 'deleting' | 'deleted';
}

export interface VpnConnection extends Ec2Base {
  readonly customerGatewayId: string;
  readonly vpnGatewayId?: string;
  readonly type: 'ipsec.1';
  readonly state: 'pending' | 'available' | 'deleting' | 'deleted';
  readonly staticRoutesOnly: boolean;
  /** The customer network's address ranges (CreateVpnConnectionRoute). */
  readonly routes: readonly VpnStaticRoute[];
  /**
   * The loopback wire of the customer network behind this connection: a host at
   * `--from <vpn-id>` sits on it (DESIGN.md, network model).
   */
  readonly wire: number;
  readonly deletedAt?: string;
}

/** One subnet of an interface endpoint and the requester-managed ENI the endpoint has in it. */
export interface VpcEndpointSubnet {
  readonly subnetId: string;
  readonly availabilityZone: string;
  readonly networkInterfaceId: string;
}

/**
 * An interface VPC endpoint (elbv2-vpc-endpoints.md §4.2). Stored `available`: CreateVpcEndpoint
 * answers `pending`, later reads show `available` (the same convention as load balancers'
 * `provisioning` → `active`). Its DNS names are computed from `id`, `dnsSuffix`, the subnets'
 * zones and the service name (state/views/vpc-endpoint-names.ts).
 */
export interface VpcEndpoint extends Ec2Base {
  readonly vpcEndpointType: 'Interface';
  readonly vpcId: string;
  /** `com.amazonaws.{region}.execute-api`. */
  readonly serviceName: string;
  readonly state: 'pending' | 'available' | 'deleting' | 'deleted' | 'failed';
  /** The endpoint policy JSON text (default full access). */
  readonly policyDocument: string;
  readonly subnets: readonly VpcEndpointSubnet[];
  /** Security group ids on every endpoint ENI. */
  readonly groups: readonly string[];
  readonly privateDnsEnabled: boolean;
  /** The 8 random lowercase alphanumerics of the endpoint's DNS names (`vpce-…-{suffix}.…`). */
  readonly dnsSuffix: string;
  readonly ipAddressType: 'ipv4';
  readonly clientToken?: string;
}

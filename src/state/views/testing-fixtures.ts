/**
 * Test kit: builds EC2 networking records straight into a Store, the way the EC2 service would
 * leave them, with deterministic ids and timestamps (so compiled snapshots can be golden-tested).
 * Only tests import this file.
 *
 * Each method is one transaction. A VPC comes with its main route table (one `local` route per
 * CIDR block) and its `default` security group (ingress from itself, egress to everywhere), as
 * CreateVpc makes them (ec2-route53-acm.md §1.4, §1.8).
 */
import { ACCOUNT_ID } from '../../kernel/ids.js';
import { allocateWire } from '../wires.js';
import type { Store, StoredRecord } from '../store.js';
import {
  KIND,
  type CustomerGateway,
  type Instance,
  type InstanceStateName,
  type InterfaceType,
  type InternetGateway,
  type NetworkInterface,
  type RouteTable,
  type RouteTarget,
  type SecurityGroup,
  type SecurityGroupRule,
  type Subnet,
  type Vpc,
  type VpcPeeringConnection,
  type VpnConnection,
  type VpnGateway,
} from '../records/ec2.js';

/** A rule in shorthand: protocol `tcp`/`udp`/`-1`/..., a port or [from, to], and one source. */
export interface RuleSpec {
  readonly protocol: string;
  readonly ports?: number | readonly [number, number];
  readonly cidr?: string;
  readonly group?: string;
}

export const ALLOW_ALL_EGRESS: readonly RuleSpec[] = [{ protocol: '-1', cidr: '0.0.0.0/0' }];

type Ref<T> = T | string;
const idOf = (r: Ref<{ id: string }>): string => (typeof r === 'string' ? r : r.id);

export class Ec2Fixture {
  private readonly counters = new Map<string, number>();
  private tick = 0;

  constructor(
    readonly store: Store,
    readonly region = 'eu-west-1',
  ) {}

  /** A VPC with one or more CIDR blocks; wires are allocated like the EC2 service does unless given. */
  vpc(cidrs: string | readonly string[], options: { wires?: readonly number[]; state?: Vpc['state'] } = {}): Vpc {
    const blocks = typeof cidrs === 'string' ? [cidrs] : cidrs;
    return this.store.transact((tx) => {
      const taken: number[] = [];
      const cidrBlocks = blocks.map((cidrBlock, i) => {
        const wire = options.wires?.[i] ?? allocateWire(tx, taken);
        taken.push(wire);
        return { associationId: this.id('vpc-cidr-assoc'), cidrBlock, state: 'associated' as const, wire };
      });
      const vpc: Vpc = {
        ...this.base('vpc'),
        cidrBlocks,
        isDefault: false,
        state: options.state ?? 'available',
        dhcpOptionsId: 'dopt-00000000000000001',
        instanceTenancy: 'default',
        enableDnsSupport: true,
        enableDnsHostnames: false,
        enableNetworkAddressUsageMetrics: false,
      };
      tx.put(KIND.vpc, vpc);
      const table: RouteTable = {
        ...this.base('rtb'),
        vpcId: vpc.id,
        routes: blocks.map((destinationCidrBlock) => ({ destinationCidrBlock, gatewayId: 'local', origin: 'CreateRouteTable' as const, state: 'active' as const })),
        associations: [{ id: this.id('rtbassoc'), main: true }],
        propagatingVgws: [],
      };
      tx.put(KIND.routeTable, table);
      const sgId = this.id('sg');
      tx.put<SecurityGroup>(KIND.securityGroup, {
        ...this.base('sg', sgId),
        groupName: 'default',
        description: 'default VPC security group',
        vpcId: vpc.id,
        ingress: this.rules([{ protocol: '-1', group: sgId }]),
        egress: this.rules(ALLOW_ALL_EGRESS),
      });
      return vpc;
    });
  }

  subnet(vpc: Ref<Vpc>, cidrBlock: string, availabilityZone = `${this.region}a`): Subnet {
    const subnet: Subnet = {
      ...this.base('subnet'),
      vpcId: idOf(vpc),
      cidrBlock,
      availabilityZone,
      availabilityZoneId: `${availabilityZone}-id`,
      defaultForAz: false,
      mapPublicIpOnLaunch: false,
      state: 'available',
    };
    return this.put(KIND.subnet, subnet);
  }

  mainRouteTable(vpc: Ref<Vpc>): RouteTable {
    const table = this.store.list<RouteTable>(KIND.routeTable, (t) => t.vpcId === idOf(vpc) && t.associations.some((a) => a.main))[0];
    if (!table) throw new Error(`no main route table for ${idOf(vpc)}`);
    return table;
  }

  /** A non-main table with the local routes of its VPC, explicitly associated with `subnets`. */
  routeTable(vpc: Ref<Vpc>, subnets: readonly Ref<Subnet>[] = []): RouteTable {
    const record = this.store.get<Vpc>(KIND.vpc, idOf(vpc));
    if (!record) throw new Error(`no VPC ${idOf(vpc)}`);
    const table: RouteTable = {
      ...this.base('rtb'),
      vpcId: record.id,
      routes: record.cidrBlocks.map((b) => ({ destinationCidrBlock: b.cidrBlock, gatewayId: 'local', origin: 'CreateRouteTable' as const, state: 'active' as const })),
      associations: subnets.map((s) => ({ id: this.id('rtbassoc'), main: false, subnetId: idOf(s) })),
      propagatingVgws: [],
    };
    return this.put(KIND.routeTable, table);
  }

  /** CreateRoute. */
  route(table: Ref<RouteTable>, destinationCidrBlock: string, target: RouteTarget): RouteTable {
    return this.update<RouteTable>(KIND.routeTable, idOf(table), (t) => ({
      ...t,
      routes: [...t.routes, { destinationCidrBlock, ...target, origin: 'CreateRoute', state: 'active' }],
    }));
  }

  /** DeleteRoute. */
  deleteRoute(table: Ref<RouteTable>, destinationCidrBlock: string): RouteTable {
    return this.update<RouteTable>(KIND.routeTable, idOf(table), (t) => ({ ...t, routes: t.routes.filter((r) => r.destinationCidrBlock !== destinationCidrBlock) }));
  }

  /** EnableVgwRoutePropagation. */
  enablePropagation(table: Ref<RouteTable>, vgw: Ref<VpnGateway>): RouteTable {
    return this.update<RouteTable>(KIND.routeTable, idOf(table), (t) => ({ ...t, propagatingVgws: [...t.propagatingVgws, idOf(vgw)] }));
  }

  defaultSecurityGroup(vpc: Ref<Vpc>): SecurityGroup {
    const sg = this.store.list<SecurityGroup>(KIND.securityGroup, (g) => g.vpcId === idOf(vpc) && g.groupName === 'default')[0];
    if (!sg) throw new Error(`no default security group for ${idOf(vpc)}`);
    return sg;
  }

  securityGroup(vpc: Ref<Vpc>, groupName: string, rules: { ingress?: readonly RuleSpec[]; egress?: readonly RuleSpec[] } = {}): SecurityGroup {
    const sg: SecurityGroup = {
      ...this.base('sg'),
      groupName,
      description: groupName,
      vpcId: idOf(vpc),
      ingress: this.rules(rules.ingress ?? []),
      egress: this.rules(rules.egress ?? ALLOW_ALL_EGRESS),
    };
    return this.put(KIND.securityGroup, sg);
  }

  /** Replaces a group's ingress (and optionally egress) rules. */
  setRules(group: Ref<SecurityGroup>, rules: { ingress?: readonly RuleSpec[]; egress?: readonly RuleSpec[] }): SecurityGroup {
    return this.update<SecurityGroup>(KIND.securityGroup, idOf(group), (g) => ({
      ...g,
      ingress: rules.ingress ? this.rules(rules.ingress) : g.ingress,
      egress: rules.egress ? this.rules(rules.egress) : g.egress,
    }));
  }

  /** A network interface; groups default to the VPC's default group. */
  networkInterface(
    subnet: Ref<Subnet>,
    privateIpAddress: string,
    options: { groups?: readonly Ref<SecurityGroup>[]; description?: string; interfaceType?: InterfaceType; instanceId?: string; requesterManaged?: boolean } = {},
  ): NetworkInterface {
    const s = this.mustGet<Subnet>(KIND.subnet, idOf(subnet));
    const eni: NetworkInterface = {
      ...this.base('eni'),
      subnetId: s.id,
      vpcId: s.vpcId,
      availabilityZone: s.availabilityZone,
      privateIpAddress,
      macAddress: '02:00:00:00:00:01',
      description: options.description ?? '',
      interfaceType: options.interfaceType ?? 'interface',
      requesterManaged: options.requesterManaged ?? false,
      groups: (options.groups ?? [this.defaultSecurityGroup(s.vpcId)]).map(idOf),
      status: options.instanceId ? 'in-use' : 'available',
      sourceDestCheck: true,
      ...(options.instanceId
        ? {
            attachment: {
              attachmentId: this.id('eni-attach'),
              instanceId: options.instanceId,
              instanceOwnerId: ACCOUNT_ID,
              deviceIndex: 0,
              status: 'attached' as const,
              deleteOnTermination: true,
              attachTime: this.timestamp(),
            },
          }
        : {}),
    };
    return this.put(KIND.networkInterface, eni);
  }

  /** An instance with its primary network interface, `running` unless told otherwise. */
  instance(subnet: Ref<Subnet>, privateIpAddress: string, options: { groups?: readonly Ref<SecurityGroup>[]; state?: InstanceStateName; userData?: string } = {}): Instance {
    const s = this.mustGet<Subnet>(KIND.subnet, idOf(subnet));
    const instanceId = this.id('i');
    const eni = this.networkInterface(s, privateIpAddress, { groups: options.groups, instanceId, description: 'Primary network interface' });
    const instance: Instance = {
      ...this.base('i', instanceId),
      reservationId: this.id('r'),
      imageId: 'ami-00000000000000001',
      instanceType: 't3.micro',
      subnetId: s.id,
      vpcId: s.vpcId,
      availabilityZone: s.availabilityZone,
      privateIpAddress,
      privateDnsName: `ip-${privateIpAddress.replaceAll('.', '-')}.${this.region}.compute.internal`,
      networkInterfaceIds: [eni.id],
      securityGroupIds: eni.groups,
      ...(options.userData !== undefined ? { userData: options.userData } : {}),
      state: options.state ?? 'running',
      stateTransitionReason: '',
      launchTime: this.timestamp(),
      amiLaunchIndex: 0,
    };
    return this.put(KIND.instance, instance);
  }

  /** Sets an instance's state, as the EC2 service does for Stop/Start/Terminate. */
  setInstanceState(instance: Ref<Instance>, state: InstanceStateName): Instance {
    return this.update<Instance>(KIND.instance, idOf(instance), (i) => ({ ...i, state }));
  }

  peering(requester: Ref<Vpc>, accepter: Ref<Vpc>, code = 'active'): VpcPeeringConnection {
    const pcx: VpcPeeringConnection = {
      ...this.base('pcx'),
      requesterVpcId: idOf(requester),
      requesterOwnerId: ACCOUNT_ID,
      requesterRegion: this.region,
      accepterVpcId: idOf(accepter),
      accepterOwnerId: ACCOUNT_ID,
      accepterRegion: this.region,
      status: { code, message: code === 'active' ? 'Active' : code },
    };
    return this.put(KIND.vpcPeeringConnection, pcx);
  }

  setPeeringStatus(pcx: Ref<VpcPeeringConnection>, code: string): VpcPeeringConnection {
    return this.update<VpcPeeringConnection>(KIND.vpcPeeringConnection, idOf(pcx), (p) => ({ ...p, status: { code, message: code } }));
  }

  internetGateway(vpc?: Ref<Vpc>): InternetGateway {
    const igw: InternetGateway = { ...this.base('igw'), attachments: vpc ? [{ vpcId: idOf(vpc), state: 'available' }] : [] };
    return this.put(KIND.internetGateway, igw);
  }

  vpnGateway(vpc?: Ref<Vpc>, attachmentState: VpnGateway['attachments'][number]['state'] = 'attached'): VpnGateway {
    const vgw: VpnGateway = {
      ...this.base('vgw'),
      type: 'ipsec.1',
      amazonSideAsn: 64512,
      state: 'available',
      attachments: vpc ? [{ vpcId: idOf(vpc), state: attachmentState }] : [],
    };
    return this.put(KIND.vpnGateway, vgw);
  }

  setVgwAttachments(vgw: Ref<VpnGateway>, attachments: VpnGateway['attachments']): VpnGateway {
    return this.update<VpnGateway>(KIND.vpnGateway, idOf(vgw), (g) => ({ ...g, attachments }));
  }

  customerGateway(ipAddress = '198.51.100.7'): CustomerGateway {
    const cgw: CustomerGateway = { ...this.base('cgw'), bgpAsn: '65000', ipAddress, type: 'ipsec.1', state: 'available' };
    return this.put(KIND.customerGateway, cgw);
  }

  /** A static-routes-only VPN connection on `vgw` whose customer network is `routes`. */
  vpnConnection(vgw: Ref<VpnGateway>, routes: readonly string[], options: { state?: VpnConnection['state']; routeState?: VpnConnection['routes'][number]['state']; wire?: number } = {}): VpnConnection {
    const cgw = this.customerGateway();
    return this.store.transact((tx) => {
      const vpn: VpnConnection = {
        ...this.base('vpn'),
        customerGatewayId: cgw.id,
        vpnGatewayId: idOf(vgw),
        type: 'ipsec.1',
        state: options.state ?? 'available',
        staticRoutesOnly: true,
        routes: routes.map((destinationCidrBlock) => ({ destinationCidrBlock, source: 'Static' as const, state: options.routeState ?? 'available' })),
        wire: options.wire ?? allocateWire(tx),
      };
      return tx.put(KIND.vpnConnection, vpn);
    });
  }

  setVpnState(vpn: Ref<VpnConnection>, state: VpnConnection['state']): VpnConnection {
    return this.update<VpnConnection>(KIND.vpnConnection, idOf(vpn), (v) => ({ ...v, state }));
  }

  /** Rewrites a record with `fn`, in one transaction. */
  update<T extends StoredRecord>(kind: string, id: string, fn: (current: T) => T): T {
    return this.store.transact((tx) => {
      const current = tx.get<T>(kind, id);
      if (!current) throw new Error(`no ${kind} ${id}`);
      return tx.put(kind, fn(current));
    });
  }

  delete(kind: string, id: string): void {
    this.store.transact((tx) => tx.delete(kind, id));
  }

  private put<T extends StoredRecord>(kind: string, record: T): T {
    return this.store.transact((tx) => tx.put(kind, record));
  }

  private mustGet<T extends StoredRecord>(kind: string, id: string): T {
    const record = this.store.get<T>(kind, id);
    if (!record) throw new Error(`no ${kind} ${id}`);
    return record;
  }

  private rules(specs: readonly RuleSpec[]): SecurityGroupRule[] {
    return specs.map((spec) => {
      const [fromPort, toPort] = spec.ports === undefined ? [undefined, undefined] : typeof spec.ports === 'number' ? [spec.ports, spec.ports] : spec.ports;
      return {
        ruleId: this.id('sgr'),
        ipProtocol: spec.protocol,
        ...(fromPort !== undefined ? { fromPort, toPort } : {}),
        ...(spec.cidr ? { cidrIpv4: spec.cidr } : {}),
        ...(spec.group ? { referencedGroupId: spec.group, referencedUserId: ACCOUNT_ID } : {}),
      };
    });
  }

  private base(prefix: string, id = this.id(prefix)) {
    return { id, region: this.region, ownerId: ACCOUNT_ID, tags: [], createdAt: this.timestamp() };
  }

  /** `<prefix>-` and 17 hex digits counting up per prefix: `vpc-00000000000000001`. */
  id(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}-${n.toString(16).padStart(17, '0')}`;
  }

  /** Deterministic creation times, one second apart, from 2024-01-01T00:00:00Z. */
  private timestamp(): string {
    return new Date(Date.UTC(2024, 0, 1) + 1000 * this.tick++).toISOString();
  }
}

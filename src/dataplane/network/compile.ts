/**
 * `compileNetwork` turns the EC2 records into a NetworkSnapshot. Pure: the same records give the
 * same snapshot (golden-tested), and nothing here opens a socket or writes anything.
 */
import { cidrContainsIp, formatCidr, parseCidr, parseIp, type Cidr } from '../../kernel/cidr.js';
import type { RecordReader } from '../../state/store.js';
import {
  KIND,
  type Instance,
  type NetworkInterface,
  type SecurityGroup,
  type SecurityGroupRule,
  type Subnet,
  type Vpc,
  type VpcPeeringConnection,
  type VpnConnection,
  type VpnGateway,
} from '../../state/records/ec2.js';
import { effectiveRoutes, isVgwAttachedTo, routeTableForSubnet } from '../../state/views/routing.js';
import { hostAddressFor } from './host-address.js';
import { PUBLIC_SERVICES } from './public-services.js';
import type {
  AddressBookEntry,
  InstanceEntry,
  NetworkInterfaceEntry,
  NetworkSnapshot,
  PeeringEntry,
  PublicEndpoint,
  RuleEntry,
  SecurityGroupEntry,
  SubnetEntry,
  VpcEntry,
  VpnEntry,
  WireEntry,
} from './snapshot.js';

export function compileNetwork(reader: RecordReader, generation = 0): NetworkSnapshot {
  const vpcRecords = reader.list<Vpc>(KIND.vpc).sort(byCreation);
  const subnetRecords = reader.list<Subnet>(KIND.subnet).sort(byCreation);

  const subnets = new Map<string, SubnetEntry>();
  const subnetIdsByVpc = new Map<string, string[]>();
  for (const s of subnetRecords) {
    const network = parseCidr(s.cidrBlock);
    if (!network) continue;
    const table = routeTableForSubnet(reader, s.id);
    subnets.set(
      s.id,
      freeze({
        id: s.id,
        vpcId: s.vpcId,
        cidrBlock: s.cidrBlock,
        network,
        createdAt: s.createdAt,
        routeTable: table && freeze({ id: table.id, routes: freeze(effectiveRoutes(reader, table).map((r) => freeze({ ...r }))) }),
      }),
    );
    push(subnetIdsByVpc, s.vpcId, s.id);
  }

  const vpcs = new Map<string, VpcEntry>();
  const wires: WireEntry[] = [];
  for (const v of vpcRecords) {
    const blocks = v.cidrBlocks
      .filter((b) => b.state === 'associated')
      .flatMap((b) => {
        const network = parseCidr(b.cidrBlock);
        return network ? [freeze({ cidrBlock: b.cidrBlock, network, wire: b.wire })] : [];
      });
    for (const b of blocks) wires.push(freeze({ wire: b.wire, cidrBlock: b.cidrBlock, owner: v.id }));
    vpcs.set(
      v.id,
      freeze({
        id: v.id,
        state: v.state,
        blocks: freeze(blocks),
        subnetIds: freeze(subnetIdsByVpc.get(v.id) ?? []),
        enableDnsSupport: v.enableDnsSupport,
        enableDnsHostnames: v.enableDnsHostnames,
      }),
    );
  }

  const instanceRecords = new Map(reader.list<Instance>(KIND.instance).map((i) => [i.id, i]));
  const networkInterfaces = new Map<string, NetworkInterfaceEntry>();
  const interfacesByAddress = new Map<string, NetworkInterfaceEntry>();
  const groupMembers = new Map<string, string[]>();
  const addressBook: AddressBookEntry[] = [];
  for (const e of reader.list<NetworkInterface>(KIND.networkInterface).sort(byCreation)) {
    const vpc = vpcs.get(e.vpcId);
    const instanceId = e.attachment?.status === 'attached' || e.attachment?.status === 'attaching' ? e.attachment.instanceId : undefined;
    const entry: NetworkInterfaceEntry = freeze({
      id: e.id,
      vpcId: e.vpcId,
      subnetId: e.subnetId,
      privateIpAddress: e.privateIpAddress,
      hostAddress: vpc ? hostAddressFor(vpc.blocks, e.privateIpAddress) : undefined,
      securityGroupIds: freeze([...e.groups]),
      interfaceType: e.interfaceType,
      description: e.description,
      instanceId,
    });
    networkInterfaces.set(e.id, entry);
    interfacesByAddress.set(addressKey(e.vpcId, e.privateIpAddress), entry);
    for (const g of e.groups) push(groupMembers, g, e.id);
    addressBook.push(
      freeze({
        address: e.privateIpAddress,
        hostAddress: entry.hostAddress,
        vpcId: e.vpcId,
        subnetId: e.subnetId,
        networkInterfaceId: e.id,
        owner: instanceId ? `${instanceId} (instance)` : e.description || e.id,
      }),
    );
  }
  addressBook.sort((a, b) => compare(a.vpcId, b.vpcId) || (parseIp(a.address) ?? 0) - (parseIp(b.address) ?? 0));

  const instances = new Map<string, InstanceEntry>();
  for (const i of [...instanceRecords.values()].sort(byCreation)) {
    const primary = i.networkInterfaceIds[0];
    instances.set(
      i.id,
      freeze({
        id: i.id,
        state: i.state,
        vpcId: i.vpcId,
        subnetId: i.subnetId,
        privateIpAddress: i.privateIpAddress,
        privateDnsName: i.privateDnsName,
        primaryNetworkInterfaceId: primary,
        hostAddress: (primary && networkInterfaces.get(primary)?.hostAddress) ?? hostAddressFor(vpcs.get(i.vpcId)?.blocks ?? [], i.privateIpAddress),
      }),
    );
  }

  const securityGroups = new Map<string, SecurityGroupEntry>();
  for (const g of reader.list<SecurityGroup>(KIND.securityGroup).sort(byCreation)) {
    securityGroups.set(g.id, freeze({ id: g.id, vpcId: g.vpcId, groupName: g.groupName, ingress: freeze(g.ingress.map(compileRule)), egress: freeze(g.egress.map(compileRule)) }));
  }

  const peeringConnections = new Map<string, PeeringEntry>();
  for (const p of reader.list<VpcPeeringConnection>(KIND.vpcPeeringConnection).sort(byCreation)) {
    if (p.status.code !== 'active' || !vpcs.has(p.requesterVpcId) || !vpcs.has(p.accepterVpcId)) continue;
    peeringConnections.set(p.id, freeze({ id: p.id, requesterVpcId: p.requesterVpcId, accepterVpcId: p.accepterVpcId }));
  }

  const vpnConnections = new Map<string, VpnEntry>();
  for (const c of reader.list<VpnConnection>(KIND.vpnConnection).sort(byCreation)) {
    if (c.state === 'deleted') continue;
    const vgw = c.vpnGatewayId ? reader.get<VpnGateway>(KIND.vpnGateway, c.vpnGatewayId) : undefined;
    const attachedVpcId = vgw && vgw.state === 'available' ? vgw.attachments.find((a) => isVgwAttachedTo(vgw, a.vpcId))?.vpcId : undefined;
    const live = c.routes.filter((r) => r.state === 'pending' || r.state === 'available');
    const customerCidrs = live.map((r) => r.destinationCidrBlock).filter((text) => parseCidr(text));
    const customerNetworks = live.filter((r) => r.state === 'available').flatMap((r) => optional(parseCidr(r.destinationCidrBlock)));
    vpnConnections.set(c.id, freeze({ id: c.id, state: c.state, vpnGatewayId: c.vpnGatewayId, attachedVpcId, wire: c.wire, customerCidrs: freeze(customerCidrs), customerNetworks: freeze(customerNetworks) }));
    wires.push(freeze({ wire: c.wire, cidrBlock: customerCidrs.join(',') || '(no static routes)', owner: c.id }));
  }
  wires.sort((a, b) => a.wire - b.wire);

  return freeze({
    generation,
    vpcs,
    subnets,
    networkInterfaces,
    instances,
    securityGroups,
    peeringConnections,
    vpnConnections,
    publicEndpoints: new Map<string, PublicEndpoint>(PUBLIC_SERVICES.map((e) => [e.address, e])),
    interfacesByAddress,
    groupMembers: new Map([...groupMembers].map(([k, v]) => [k, freeze(v)] as const)),
    wires: freeze(wires),
    addressBook: freeze(addressBook),
  });
}

/** The key of `interfacesByAddress`. */
export function addressKey(vpcId: string, ip: string): string {
  return `${vpcId}/${ip}`;
}

/** True when `ip` lies in one of the VPC's blocks. */
export function vpcContains(vpc: VpcEntry, ip: number): boolean {
  return vpc.blocks.some((b) => cidrContainsIp(b.network, ip));
}

/**
 * `snapshotToJson` renders a snapshot as plain, stable JSON for golden files and the status
 * API: maps become objects, parsed CIDRs their text, the address index ENI ids.
 */
export function snapshotToJson(snapshot: NetworkSnapshot): unknown {
  const indexed = { ...snapshot, interfacesByAddress: new Map([...snapshot.interfacesByAddress].map(([key, eni]) => [key, eni.id])) };
  return JSON.parse(
    JSON.stringify(indexed, (_key, value: unknown) => {
      if (value instanceof Map) return Object.fromEntries(value);
      if (isCidr(value)) return formatCidr(value);
      return value;
    }),
  );
}

function compileRule(r: SecurityGroupRule): RuleEntry {
  return freeze({
    ruleId: r.ruleId,
    ipProtocol: r.ipProtocol,
    fromPort: r.fromPort,
    toPort: r.toPort,
    network: r.cidrIpv4 ? parseCidr(r.cidrIpv4) : undefined,
    referencedGroupId: r.referencedGroupId,
    prefixListId: r.prefixListId,
    cidrIpv6: r.cidrIpv6,
  });
}

function isCidr(value: unknown): value is Cidr {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return keys.length === 2 && 'base' in value && 'prefix' in value;
}

function byCreation(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  return compare(a.createdAt, b.createdAt) || compare(a.id, b.id);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}

function freeze<T>(value: T): T {
  return Object.freeze(value);
}

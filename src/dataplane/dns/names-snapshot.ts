/**
 * What the resolver's data-driven name sources answer from, compiled from the records (pure:
 * records in, snapshot out; names-plane.ts keeps it current):
 *
 * - Route 53 hosted zones (ec2-route53-acm.md §2): public zones by name, private zones by
 *   associated VPC and name. Zones of the same name (Route 53 allows several): the oldest
 *   answers. [infer] In AWS the registrar's delegation decides which public zone the world
 *   sees; a VPC cannot have two associated private zones of one name (§2.4
 *   ConflictingDomainExists).
 * - Interface VPC endpoints in state `available` (elbv2-vpc-endpoints.md §4.2; apigateway-rest.md
 *   §3): their regional and zonal names → their ENIs' private addresses (all, or that zone's);
 *   with private DNS, a hidden private zone in the endpoint's own VPC holding the service's
 *   default names (`execute-api.{region}.amazonaws.com` and `*.execute-api.{region}.amazonaws.com`)
 *   → the same addresses. A user zone of the same name in that VPC wins ([infer] AWS refuses
 *   the overlap).
 * - `{apiId}-{vpceId}.execute-api.{region}.amazonaws.com` for each endpoint a REST API lists in
 *   `endpointConfiguration.vpcEndpointIds` (apigateway-rest.md §2.1, §3).
 * - API Gateway custom domain targets (apigateway-rest.md §1.10): `regionalDomainName`
 *   (`d-….execute-api.{region}.amazonaws.com`) and `distributionDomainName` (`….cloudfront.net`).
 *
 * Apex SOA and NS sets the route53 service has not stored are filled in as Route 53 creates
 * them (§2.2): NS (TTL 172800) the zone's name servers, or the fixed private set; SOA (TTL
 * 900) `<first ns> awsdns-hostmaster.amazon.com 1 7200 900 1209600 86400`.
 */
import { KIND as APIGW_KIND, type DomainName, type RestApi } from '../../state/records/apigateway.js';
import { KIND as EC2_KIND, type NetworkInterface, type VpcEndpoint } from '../../state/records/ec2.js';
import { ROUTE53_KIND, type HostedZone, type ResourceRecordSet } from '../../state/records/route53.js';
import type { RecordReader } from '../../state/store.js';
import { privateDnsNames, vpcEndpointDnsEntries } from '../../state/views/vpc-endpoint-names.js';
import type { DnsRecord, ZoneAuthority } from './name-source.js';
import { fromRoute53Name, isSubdomainOf, parentOf } from './names.js';
import { parseRecordValue } from './rdata.js';
import type { CompiledZone, RecordSetEntry } from './zone.js';

export interface NamesSnapshot {
  /** Counts compilations; 0 for a standalone compile. */
  readonly generation: number;
  /** Public hosted zones by apex name. */
  readonly publicZones: ReadonlyMap<string, CompiledZone>;
  /** Per VPC id: its private zones by apex name, endpoint private-DNS zones included. */
  readonly privateZones: ReadonlyMap<string, ReadonlyMap<string, CompiledZone>>;
  /** Endpoint regional and zonal names → A records. */
  readonly endpointNames: ReadonlyMap<string, readonly DnsRecord[]>;
  /** `{apiId}-{vpceId}.execute-api.{region}.amazonaws.com` → the endpoint's A records. */
  readonly apiEndpointNames: ReadonlyMap<string, readonly DnsRecord[]>;
  /** Custom domain targets (`d-….execute-api…`, `….cloudfront.net`) → the custom domain name. */
  readonly domainTargets: ReadonlyMap<string, string>;
  /** The ENIs of endpoints: a change to one of them makes the snapshot stale. */
  readonly endpointInterfaceIds: ReadonlySet<string>;
}

/**
 * TTL of endpoint and `{api}-{vpce}` answers, in seconds. [infer] AWS documents none; 60 s is
 * what these AWS-managed alias answers are seen to carry, like ELB's (ec2-route53-acm.md §2.6).
 */
export const ENDPOINT_TTL = 60;
/** Record sets written without a TTL (only aliases may be; §2.6). [infer] The console's default. */
const DEFAULT_TTL = 300;
/** Route 53's name servers of every private zone (§2.2). */
const PRIVATE_NAME_SERVERS = ['ns-0.awsdns-00.com.', 'ns-512.awsdns-00.net.', 'ns-1024.awsdns-00.org.', 'ns-1536.awsdns-00.co.uk.'];
const NS_TTL = 172_800;
const SOA_TTL = 900;

export type CompileWarning = (message: string, fields: Record<string, unknown>) => void;

export function compileNames(reader: RecordReader, generation = 0, warn: CompileWarning = () => undefined): NamesSnapshot {
  const setsByZone = new Map<string, ResourceRecordSet[]>();
  for (const set of reader.list<ResourceRecordSet>(ROUTE53_KIND.recordSet)) {
    const group = setsByZone.get(set.zoneId);
    if (group) group.push(set);
    else setsByZone.set(set.zoneId, [set]);
  }
  const publicZones = new Map<string, CompiledZone>();
  const privateZones = new Map<string, Map<string, CompiledZone>>();
  const zones = reader.list<HostedZone>(ROUTE53_KIND.hostedZone).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  for (const record of zones) {
    const zone = compileZone(record, setsByZone.get(record.id) ?? [], warn);
    if (!record.privateZone) {
      if (!publicZones.has(zone.name)) publicZones.set(zone.name, zone);
      continue;
    }
    for (const { vpcId } of record.vpcs) {
      const forVpc = privateZones.get(vpcId) ?? new Map<string, CompiledZone>();
      privateZones.set(vpcId, forVpc);
      if (!forVpc.has(zone.name)) forVpc.set(zone.name, zone);
    }
  }

  const endpointNames = new Map<string, DnsRecord[]>();
  const endpointInterfaceIds = new Set<string>();
  const endpointAddresses = new Map<string, { readonly region: string; readonly records: readonly DnsRecord[] }>();
  const endpoints = reader.list<VpcEndpoint>(EC2_KIND.vpcEndpoint).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  for (const vpce of endpoints) {
    for (const s of vpce.subnets) endpointInterfaceIds.add(s.networkInterfaceId);
    if (vpce.state !== 'available') continue;
    const byZone = new Map<string, DnsRecord[]>();
    for (const s of vpce.subnets) {
      const eni = reader.get<NetworkInterface>(EC2_KIND.networkInterface, s.networkInterfaceId);
      if (!eni) continue;
      byZone.set(s.availabilityZone, [...(byZone.get(s.availabilityZone) ?? []), { type: 'A', address: eni.privateIpAddress, ttl: ENDPOINT_TTL }]);
    }
    const all = [...byZone.values()].flat();
    endpointAddresses.set(vpce.id, { region: vpce.region, records: all });
    for (const entry of vpcEndpointDnsEntries({ ...vpce, privateDnsEnabled: false })) {
      endpointNames.set(entry.dnsName, entry.scope === 'regional' ? all : (byZone.get(entry.scope) ?? []));
    }
    if (!vpce.privateDnsEnabled) continue;
    const hidden = endpointZone(vpce, all);
    if (!hidden) continue;
    const forVpc = privateZones.get(vpce.vpcId) ?? new Map<string, CompiledZone>();
    privateZones.set(vpce.vpcId, forVpc);
    if (!forVpc.has(hidden.name)) forVpc.set(hidden.name, hidden);
  }

  const apiEndpointNames = new Map<string, readonly DnsRecord[]>();
  for (const api of reader.list<RestApi>(APIGW_KIND.restApi)) {
    for (const vpceId of api.endpointConfiguration.vpcEndpointIds ?? []) {
      const vpce = endpointAddresses.get(vpceId);
      if (vpce && vpce.region === api.region) apiEndpointNames.set(`${api.id}-${vpceId}.execute-api.${api.region}.amazonaws.com`, vpce.records);
    }
  }

  const domainTargets = new Map<string, string>();
  for (const domain of reader.list<DomainName>(APIGW_KIND.domainName)) {
    for (const target of [domain.regionalDomainName, domain.distributionDomainName]) {
      if (target) domainTargets.set(fromRoute53Name(target), domain.domainName);
    }
  }

  return { generation, publicZones, privateZones, endpointNames, apiEndpointNames, domainTargets, endpointInterfaceIds };
}

function compileZone(zone: HostedZone, sets: readonly ResourceRecordSet[], warn: CompileWarning): CompiledZone {
  const apex = fromRoute53Name(zone.name);
  const nodes = new Map<string, RecordSetEntry[]>();
  for (const set of sets) {
    const owner = fromRoute53Name(set.name);
    if (!isSubdomainOf(owner, apex)) {
      warn('record set outside its zone left out', { zone: zone.id, name: set.name });
      continue;
    }
    const entry = recordSetEntry(set, warn);
    nodes.set(owner, [...(nodes.get(owner) ?? []), entry]);
  }
  const atApex = nodes.get(apex) ?? [];
  const nameServers = zone.privateZone || zone.nameServers.length === 0 ? PRIVATE_NAME_SERVERS : zone.nameServers;
  const extra: RecordSetEntry[] = [];
  if (!atApex.some((s) => s.type === 'NS')) extra.push({ type: 'NS', records: nameServers.map((ns) => ({ type: 'NS', target: fromRoute53Name(ns), ttl: NS_TTL })) });
  let soa = atApex.find((s) => s.type === 'SOA' && !s.alias)?.records[0];
  if (soa?.type !== 'SOA') {
    soa = { type: 'SOA', mname: fromRoute53Name(nameServers[0]!), rname: 'awsdns-hostmaster.amazon.com', serial: 1, refresh: 7200, retry: 900, expire: 1_209_600, minimum: 86_400, ttl: SOA_TTL };
    extra.push({ type: 'SOA', records: [soa] });
  }
  if (extra.length > 0) nodes.set(apex, [...atApex, ...extra]);
  return finishZone({ id: zone.id, name: apex, source: zone.privateZone ? 'route53-private' : 'route53-public', privateZone: zone.privateZone, createdAt: zone.createdAt, nodes }, soa);
}

function recordSetEntry(set: ResourceRecordSet, warn: CompileWarning): RecordSetEntry {
  const routing = { ...(set.setIdentifier !== undefined ? { setIdentifier: set.setIdentifier } : {}), ...(set.weight !== undefined ? { weight: set.weight } : {}) };
  if (set.aliasTarget) {
    return { type: set.type, records: [], alias: { target: fromRoute53Name(set.aliasTarget.dnsName), hostedZoneId: set.aliasTarget.hostedZoneId.replace(/^\/hostedzone\//, '') }, ...routing };
  }
  const records: DnsRecord[] = [];
  for (const value of set.records) {
    const parsed = parseRecordValue(set.type, value, set.ttl ?? DEFAULT_TTL);
    if (parsed) records.push(parsed);
    else warn('record value not understood, left out', { zone: set.zoneId, name: set.name, type: set.type, value });
  }
  return { type: set.type, records, ...routing };
}

/** The hidden private zone of an endpoint's private DNS names: apex and wildcard → its ENIs. */
function endpointZone(vpce: VpcEndpoint, records: readonly DnsRecord[]): CompiledZone | undefined {
  const [apex, wildcard] = privateDnsNames(vpce.serviceName, vpce.region);
  if (!apex || !wildcard) return undefined;
  const soa: DnsRecord = { type: 'SOA', mname: fromRoute53Name(PRIVATE_NAME_SERVERS[0]!), rname: 'awsdns-hostmaster.amazon.com', serial: 1, refresh: 7200, retry: 900, expire: 1_209_600, minimum: 86_400, ttl: SOA_TTL };
  const nodes = new Map<string, RecordSetEntry[]>([
    [apex, [{ type: 'A', records }, { type: 'SOA', records: [soa] }, { type: 'NS', records: PRIVATE_NAME_SERVERS.map((ns) => ({ type: 'NS', target: fromRoute53Name(ns), ttl: NS_TTL })) }]],
    [wildcard, [{ type: 'A', records }]],
  ]);
  return finishZone({ id: `${vpce.id}/private-dns`, name: apex, source: 'vpce-private-dns', privateZone: true, createdAt: vpce.createdAt, nodes }, soa);
}

type ZoneParts = Omit<CompiledZone, 'emptyNonTerminals' | 'delegations' | 'authority'>;

function finishZone(parts: ZoneParts, soa: Extract<DnsRecord, { type: 'SOA' }>): CompiledZone {
  const emptyNonTerminals = new Set<string>();
  const delegations = new Set<string>();
  for (const [owner, sets] of parts.nodes) {
    if (owner !== parts.name && sets.some((s) => s.type === 'NS')) delegations.add(owner);
    for (let p = parentOf(owner); p !== undefined && p !== parts.name && isSubdomainOf(p, parts.name); p = parentOf(p)) {
      if (!parts.nodes.has(p)) emptyNonTerminals.add(p);
    }
  }
  // A negative answer is cached for min(SOA TTL, SOA MINIMUM) (RFC 2308 §3, §5).
  const authority: ZoneAuthority = { zone: parts.name, soa: { ...soa, ttl: Math.min(soa.ttl, soa.minimum) } };
  return { ...parts, emptyNonTerminals, delegations, authority };
}

/**
 * Test kit: Route 53 zones and record sets, interface VPC endpoints with their ENIs, REST APIs
 * and custom domain names written straight into a Store, in the shapes the route53, ec2 and
 * apigateway services store (state/records/*), with deterministic ids. Names are given as a
 * user types them (`*.example.com`) and stored as Route 53 shows them (`\052.example.com.`).
 * Only tests import this file.
 */
import { ACCOUNT_ID } from '../../kernel/ids.js';
import { KIND as APIGW_KIND, domainNameKey, type DomainName, type EndpointType, type RestApi } from '../../state/records/apigateway.js';
import { KIND as EC2_KIND, type Subnet, type VpcEndpoint } from '../../state/records/ec2.js';
import { recordSetKey, ROUTE53_KIND, type HostedZone, type RecordType, type ResourceRecordSet } from '../../state/records/route53.js';
import type { StoredRecord } from '../../state/store.js';
import type { Ec2Fixture } from '../../state/views/testing-fixtures.js';

/** `*.Example.com` → `\052.example.com.` (ec2-route53-acm.md §2.9). */
export function route53Name(name: string): string {
  const lower = name.toLowerCase().replace(/\.$/, '');
  return `${lower.replace(/^\*\./, '\\052.')}.`;
}

export class NamesFixture {
  private n = 0;

  constructor(readonly f: Ec2Fixture) {}

  /** A hosted zone; `vpcs` makes it private. Apex NS/SOA are stored only with `apexRecords`, as the route53 service does. */
  zone(name: string, options: { vpcs?: readonly string[]; apexRecords?: boolean } = {}): HostedZone {
    const id = `Z${String(++this.n).padStart(20, '0')}`;
    const privateZone = options.vpcs !== undefined;
    const zone: HostedZone = {
      id,
      name: route53Name(name),
      callerReference: `ref-${id}`,
      privateZone,
      vpcs: (options.vpcs ?? []).map((vpcId) => ({ vpcId, vpcRegion: this.f.region })),
      nameServers: privateZone ? [] : ['ns-1.awsdns-01.com', 'ns-600.awsdns-02.net', 'ns-1100.awsdns-03.org', 'ns-1600.awsdns-04.co.uk'],
      createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, this.n)).toISOString(),
      tags: [],
    };
    this.put(ROUTE53_KIND.hostedZone, zone);
    if (options.apexRecords) {
      const ns = privateZone ? 'ns-0.awsdns-00.com' : zone.nameServers[0]!;
      this.record(zone, name, 'NS', [`${ns}.`], 172800);
      this.record(zone, name, 'SOA', [`${ns}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`], 900);
    }
    return zone;
  }

  /** A record set with values (TXT values with their quotes). */
  record(zone: HostedZone, name: string, type: RecordType, records: readonly string[], ttl = 300, routing: { setIdentifier?: string; weight?: number } = {}): ResourceRecordSet {
    const stored = route53Name(name);
    return this.put<ResourceRecordSet>(ROUTE53_KIND.recordSet, { id: recordSetKey(zone.id, stored, type, routing.setIdentifier), zoneId: zone.id, name: stored, type, ttl, records, ...routing });
  }

  /** An alias record set; `hostedZoneId` defaults to the zone's own (a same-zone target). */
  alias(zone: HostedZone, name: string, type: RecordType, target: string, hostedZoneId = zone.id): ResourceRecordSet {
    const stored = route53Name(name);
    return this.put<ResourceRecordSet>(ROUTE53_KIND.recordSet, {
      id: recordSetKey(zone.id, stored, type),
      zoneId: zone.id,
      name: stored,
      type,
      records: [],
      aliasTarget: { hostedZoneId, dnsName: route53Name(target), evaluateTargetHealth: false },
    });
  }

  deleteRecord(set: ResourceRecordSet): void {
    this.f.delete(ROUTE53_KIND.recordSet, set.id);
  }

  /** Associates a private zone with another VPC (AssociateVPCWithHostedZone). */
  associate(zone: HostedZone, vpcId: string): HostedZone {
    return this.f.update<HostedZone>(ROUTE53_KIND.hostedZone, zone.id, (z) => ({ ...z, vpcs: [...z.vpcs, { vpcId, vpcRegion: this.f.region }] }));
  }

  /** An `available` execute-api interface endpoint with one requester-managed ENI per `{ subnet, ip }`. */
  endpoint(vpcId: string, enis: readonly { subnet: Subnet; ip: string }[], options: { privateDnsEnabled?: boolean; dnsSuffix?: string; state?: VpcEndpoint['state'] } = {}): VpcEndpoint {
    const id = this.f.id('vpce');
    const subnets = enis.map(({ subnet, ip }) => {
      const eni = this.f.networkInterface(subnet, ip, { description: `VPC Endpoint Interface ${id}`, interfaceType: 'vpc_endpoint', requesterManaged: true });
      return { subnetId: subnet.id, availabilityZone: subnet.availabilityZone, networkInterfaceId: eni.id };
    });
    const vpce: VpcEndpoint = {
      id,
      region: this.f.region,
      ownerId: ACCOUNT_ID,
      tags: [],
      createdAt: new Date(Date.UTC(2024, 0, 2, 0, 0, ++this.n)).toISOString(),
      vpcEndpointType: 'Interface',
      vpcId,
      serviceName: `com.amazonaws.${this.f.region}.execute-api`,
      state: options.state ?? 'available',
      policyDocument: '{"Statement":[{"Action":"*","Effect":"Allow","Principal":"*","Resource":"*"}]}',
      subnets,
      groups: [],
      privateDnsEnabled: options.privateDnsEnabled ?? true,
      dnsSuffix: options.dnsSuffix ?? `sfx${String(this.n).padStart(5, '0')}`,
      ipAddressType: 'ipv4',
    };
    return this.put(EC2_KIND.vpcEndpoint, vpce);
  }

  updateEndpoint(vpce: VpcEndpoint, fn: (v: VpcEndpoint) => VpcEndpoint): VpcEndpoint {
    return this.f.update<VpcEndpoint>(EC2_KIND.vpcEndpoint, vpce.id, fn);
  }

  /** A REST API of `type`; PRIVATE ones may list endpoints. */
  restApi(id: string, type: EndpointType, vpcEndpointIds?: readonly string[]): RestApi {
    return this.put<RestApi>(APIGW_KIND.restApi, {
      id,
      region: this.f.region,
      name: id,
      createdDate: '2024-01-01T00:00:00.000Z',
      apiKeySource: 'HEADER',
      endpointConfiguration: { types: [type], ipAddressType: 'ipv4', ...(vpcEndpointIds ? { vpcEndpointIds } : {}) },
      tags: {},
      disableExecuteApiEndpoint: false,
      rootResourceId: 'root000001',
    });
  }

  /** A REGIONAL (`d-{target}.execute-api…`) or EDGE (`{target}.cloudfront.net`) custom domain name. */
  domainName(name: string, type: 'REGIONAL' | 'EDGE', target: string): DomainName {
    const region = this.f.region;
    return this.put<DomainName>(APIGW_KIND.domainName, {
      id: domainNameKey(name),
      region,
      domainName: name,
      domainNameArn: `arn:aws:apigateway:${region}::/domainnames/${name}`,
      endpointType: type,
      ...(type === 'REGIONAL'
        ? { regionalDomainName: `d-${target}.execute-api.${region}.amazonaws.com`, regionalHostedZoneId: 'ZLY8HYME6SFDD' }
        : { distributionDomainName: `${target}.cloudfront.net`, distributionHostedZoneId: 'Z2FDTNDATAQYW2' }),
      securityPolicy: 'TLS_1_2',
      domainNameStatus: 'AVAILABLE',
      routingMode: 'BASE_PATH_MAPPING_ONLY',
      tags: {},
      createdDate: '2024-01-01T00:00:00.000Z',
    });
  }

  private put<T extends StoredRecord>(kind: string, record: T): T {
    return this.f.store.transact((tx) => tx.put(kind, record));
  }
}

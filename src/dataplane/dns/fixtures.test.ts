/**
 * Test kit for the resolver's Route 53, endpoint and API Gateway names (no tests of its own,
 * like lb/fixtures.test.ts): one world, built on the load-balancing kit so that real ELBv2
 * handlers make the load balancers, with the planes of dataplane.ts and the resolver with
 * dataplane's sources (sources.ts).
 *
 * - VPC A 10.0.0.0/16 on `wires.a` (lbWorld's VPC; DNS support and hostnames on): an internal
 *   ALB `web`, an execute-api endpoint with private DNS (ENIs 10.0.1.30 in eu-west-1a and
 *   10.0.2.30 in eu-west-1b), private zone `corp.example`.
 * - VPC B 10.1.0.0/16 on `wires.b`, peered with A (routes both ways): private zone
 *   `vpcdemo.com` that shadows the public one.
 * - A customer network 192.168.0.0/16 behind a VPN to A on `wires.vpn`.
 * - Public zone `vpcdemo.com`: the apex aliased to the ALB, `www` a CNAME to the apex, TXT,
 *   a wildcard, aliases to a custom domain target, the endpoint, a same-zone record, a
 *   `dualstack.` ALB name and to nothing.
 * - REST APIs `regapi0001` (REGIONAL), `privapi001` (PRIVATE, lists the endpoint), `privapi002`
 *   (PRIVATE, lists none); Regional custom domain `api.example.com` (`d-abcdef1234…`) and edge
 *   `edge.example.com` (`d111111abcdef8.cloudfront.net`).
 */
import { createClock } from '../../kernel/clock.js';
import { silentLogger } from '../../kernel/log.js';
import { KIND, type Subnet, type Vpc } from '../../state/records/ec2.js';
import { ApiGwPlane } from '../apigw/apigw-plane.js';
import { balancer, lbWorld, type LbWorld } from '../lb/fixtures.test.js';
import { LbPlane } from '../lb/lb-plane.js';
import { NetworkPlane } from '../network/network-plane.js';
import type { NameView } from './name-source.js';
import { NamesPlane } from './names-plane.js';
import { createResolver, type Resolver } from './resolver.js';
import { dataplaneNameSources } from './sources.js';
import { NamesFixture } from './testing-records.js';

export interface NamesWorld {
  readonly w: LbWorld;
  readonly names: NamesFixture;
  readonly vpcA: string;
  readonly vpcB: string;
  readonly vpnId: string;
  readonly albDnsName: string;
  /** The ALB's node addresses, in zone order. */
  readonly albNodes: readonly string[];
  readonly vpceId: string;
  /** `vpce-…-{suffix}.execute-api.eu-west-1.vpce.amazonaws.com`. */
  readonly vpceName: string;
  readonly publicZoneId: string;
  readonly network: NetworkPlane;
  readonly namesPlane: NamesPlane;
  readonly resolver: Resolver;
  readonly views: { readonly a: NameView; readonly b: NameView; readonly vpn: NameView; readonly internet: NameView };
  close(): Promise<void>;
}

export const ENDPOINT_IPS = ['10.0.1.30', '10.0.2.30'] as const;

export async function namesWorld(wires: { a: number; b: number; vpn: number }): Promise<NamesWorld> {
  const w = lbWorld(wires.a);
  const f = w.ec2;
  const names = new NamesFixture(f);
  f.update<Vpc>(KIND.vpc, w.vpcId, (v) => ({ ...v, enableDnsHostnames: true }));
  const vpcB = f.vpc('10.1.0.0/16', { wires: [wires.b] });
  f.update<Vpc>(KIND.vpc, vpcB.id, (v) => ({ ...v, enableDnsHostnames: true }));
  f.subnet(vpcB, '10.1.0.0/24', 'eu-west-1a');
  const pcx = f.peering(w.vpcId, vpcB);
  f.route(f.mainRouteTable(w.vpcId), '10.1.0.0/16', { vpcPeeringConnectionId: pcx.id });
  f.route(f.mainRouteTable(vpcB), '10.0.0.0/16', { vpcPeeringConnectionId: pcx.id });
  const vgw = f.vpnGateway(w.vpcId);
  const vpn = f.vpnConnection(vgw, ['192.168.0.0/16'], { wire: wires.vpn });

  const alb = await balancer(w, { type: 'application', name: 'web' });
  const subnetA = f.store.get<Subnet>(KIND.subnet, w.subnetA)!;
  const subnetB = f.store.get<Subnet>(KIND.subnet, w.subnetB)!;
  const vpce = names.endpoint(w.vpcId, [
    { subnet: subnetA, ip: ENDPOINT_IPS[0] },
    { subnet: subnetB, ip: ENDPOINT_IPS[1] },
  ], { dnsSuffix: 'k3x9q2m1' });
  const vpceName = `${vpce.id}-k3x9q2m1.execute-api.eu-west-1.vpce.amazonaws.com`;

  const corp = names.zone('corp.example', { vpcs: [w.vpcId] });
  names.record(corp, 'api.corp.example', 'A', ['10.0.3.50'], 120);
  const shadow = names.zone('vpcdemo.com', { vpcs: [vpcB.id] });
  names.record(shadow, 'www.vpcdemo.com', 'A', ['10.1.0.99'], 120);

  const pub = names.zone('vpcdemo.com', { apexRecords: true });
  names.alias(pub, 'vpcdemo.com', 'A', alb.dnsName, 'Z32O12XQLNTSW2');
  names.record(pub, 'www.vpcdemo.com', 'CNAME', ['vpcdemo.com'], 300);
  names.record(pub, 'txt.vpcdemo.com', 'TXT', ['"hello world" "second"'], 600);
  names.record(pub, 'mail.vpcdemo.com', 'MX', ['10 mx.vpcdemo.com'], 600);
  names.record(pub, '*.wild.vpcdemo.com', 'A', ['192.0.2.7'], 30);
  names.record(pub, 'exact.wild.vpcdemo.com', 'A', ['192.0.2.8'], 30);
  names.alias(pub, 'api.vpcdemo.com', 'A', 'd-abcdef1234.execute-api.eu-west-1.amazonaws.com', 'ZLY8HYME6SFDD');
  names.record(pub, 'cname-api.vpcdemo.com', 'CNAME', ['d-abcdef1234.execute-api.eu-west-1.amazonaws.com'], 300);
  names.alias(pub, 'vpce.vpcdemo.com', 'A', vpceName, 'Z7HUB22UULQXV');
  names.alias(pub, 'same.vpcdemo.com', 'A', 'vpcdemo.com');
  names.alias(pub, 'dual.vpcdemo.com', 'A', `dualstack.${alb.dnsName}`, 'Z32O12XQLNTSW2');
  names.alias(pub, 'nowhere.vpcdemo.com', 'A', 'd-zzzzzzzzzz.execute-api.eu-west-1.amazonaws.com', 'ZLY8HYME6SFDD');
  names.record(pub, 'ext.vpcdemo.com', 'CNAME', ['_0123456789abcdef.acm-validations.aws.'], 300);
  names.record(pub, 'loop1.vpcdemo.com', 'CNAME', ['loop2.vpcdemo.com'], 300);
  names.record(pub, 'loop2.vpcdemo.com', 'CNAME', ['loop1.vpcdemo.com'], 300);

  names.restApi('regapi0001', 'REGIONAL');
  names.restApi('privapi001', 'PRIVATE', [vpce.id]);
  names.restApi('privapi002', 'PRIVATE');
  names.domainName('api.example.com', 'REGIONAL', 'abcdef1234');
  names.domainName('edge.example.com', 'EDGE', 'd111111abcdef8');

  const clock = createClock(1);
  const network = new NetworkPlane(w.store, clock, silentLogger);
  const lb = new LbPlane(w.store, network, clock, silentLogger);
  const apigw = new ApiGwPlane(w.store, silentLogger);
  const namesPlane = new NamesPlane(w.store, silentLogger);
  const resolver = createResolver(network, dataplaneNameSources({ names: () => namesPlane.snapshot(), lb: () => lb.snapshot(), apigw: () => apigw.snapshot() }));
  const albNodes = lb.snapshot().loadBalancers.get(alb.lbArn)!.nodes.map((n) => n.privateIp);
  return {
    w,
    names,
    vpcA: w.vpcId,
    vpcB: vpcB.id,
    vpnId: vpn.id,
    albDnsName: alb.dnsName.toLowerCase(),
    albNodes,
    vpceId: vpce.id,
    vpceName,
    publicZoneId: pub.id,
    network,
    namesPlane,
    resolver,
    views: {
      a: { kind: 'vpc', vpcId: w.vpcId, ip: '10.0.3.9' },
      b: { kind: 'vpc', vpcId: vpcB.id, ip: '10.1.0.9' },
      vpn: { kind: 'customer-network', vpnConnectionId: vpn.id, ip: '192.168.0.10' },
      internet: { kind: 'internet' },
    },
    close: async () => {
      namesPlane.close();
      apigw.close();
      lb.close();
      await network.close();
      w.store.close();
    },
  };
}

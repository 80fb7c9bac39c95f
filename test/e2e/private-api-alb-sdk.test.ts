/**
 * Issue acceptance for reference architecture 1 through the AWS SDK v3 and the library entry
 * point (`startLocalVpc`), with requests sent through vantage proxies (undici ProxyAgent trusting
 * localvpc's CA): an execute-api interface endpoint, a PRIVATE REST API admitting it, an
 * internal ALB forwarding to the endpoint's ENI IPs over HTTPS, a Regional custom domain with a
 * `(none)` mapping, Route 53 and ACM. Plus the endpoint's addressing forms and the ALB and
 * private-API behaviours of the reference checklists (apigateway-rest.md §3, §7;
 * elbv2-vpc-endpoints.md §4.3, §10):
 * - the endpoint routes by `x-apigw-api-id`, by `{api}.execute-api…` (private DNS, inside the
 *   VPC only), by `{api}-{vpce}.execute-api…` (public DNS, from a peered VPC too), by a custom
 *   domain's Host; nothing matching → 403 {"message":"Forbidden"}; a REGIONAL API through the
 *   endpoint → 403;
 * - ALB rules: a fixed-response and a redirect before the default forward; an empty target group
 *   → 503 `Server: awselb/2.0`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ProxyAgent, request as undiciRequest } from 'undici';
import {
  EC2Client,
  CreateVpcCommand,
  CreateSubnetCommand,
  CreateSecurityGroupCommand,
  AuthorizeSecurityGroupIngressCommand,
  ModifyVpcAttributeCommand,
  CreateVpcEndpointCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  CreateVpcPeeringConnectionCommand,
  AcceptVpcPeeringConnectionCommand,
  CreateRouteCommand,
} from '@aws-sdk/client-ec2';
import {
  ElasticLoadBalancingV2Client,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  RegisterTargetsCommand,
  CreateListenerCommand,
  CreateRuleCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  APIGatewayClient,
  CreateRestApiCommand,
  PutMethodCommand,
  PutIntegrationCommand,
  PutMethodResponseCommand,
  PutIntegrationResponseCommand,
  CreateDeploymentCommand,
  CreateDomainNameCommand,
  CreateBasePathMappingCommand,
} from '@aws-sdk/client-api-gateway';
import { ACMClient, RequestCertificateCommand, DescribeCertificateCommand } from '@aws-sdk/client-acm';
import { Route53Client, CreateHostedZoneCommand, ChangeResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { startLocalVpc, type LocalVpcHandle } from '../../src/index.js';
import { eventually } from '../helpers/eventually.js';

const REGION = 'eu-west-1';
const DOMAIN = 'api.privatedemo.net';
const FORBIDDEN = '{"message":"Forbidden"}';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

describe('architecture 1 through the SDK: private API ← execute-api endpoint ← internal ALB', () => {
  let lv: LocalVpcHandle;
  let ec2: EC2Client;
  let elb: ElasticLoadBalancingV2Client;
  let apigw: APIGatewayClient;
  let acm: ACMClient;
  let route53: Route53Client;
  const agents = new Map<string, { agent: ProxyAgent; close(): Promise<void> }>();
  const ids: Record<string, string> = {};
  let eniIps: string[] = [];

  /** One request from a vantage through its proxy. */
  async function send(from: string, url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
    let entry = agents.get(from);
    if (!entry) {
      const p = await lv.proxy(from);
      const agent = new ProxyAgent({ uri: p.url, requestTls: { ca: readFileSync(p.caBundle, 'utf8') } });
      entry = { agent, close: async () => { await agent.close(); await p.close(); } };
      agents.set(from, entry);
    }
    const r = await undiciRequest(url, { dispatcher: entry.agent, method: method as 'GET', headers, headersTimeout: 10_000, bodyTimeout: 10_000 });
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.headers)) out[k] = Array.isArray(v) ? v.join(', ') : String(v);
    return { status: r.statusCode, headers: out, body: await r.body.text() };
  }

  before(async () => {
    lv = await startLocalVpc({ port: 0, dnsPort: 0, stateDir: ':memory:', logLevel: 'warn', timeScale: 30 });
    const client = { region: REGION, endpoint: lv.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
    ec2 = new EC2Client(client);
    elb = new ElasticLoadBalancingV2Client(client);
    apigw = new APIGatewayClient(client);
    acm = new ACMClient(client);
    route53 = new Route53Client(client);
  });
  after(async () => {
    for (const a of agents.values()) await a.close();
    for (const c of [ec2, elb, apigw, acm, route53]) c?.destroy();
    await lv?.stop();
  });

  test('builds the endpoint, the PRIVATE API, the ALB and the custom domain', async () => {
    ids.vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }))).Vpc!.VpcId!;
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: ids.vpc, EnableDnsHostnames: { Value: true } }));
    const subnets = [];
    for (const [cidr, az] of [['10.20.1.0/24', 'eu-west-1a'], ['10.20.2.0/24', 'eu-west-1b']] as const) {
      subnets.push((await ec2.send(new CreateSubnetCommand({ VpcId: ids.vpc, CidrBlock: cidr, AvailabilityZone: az }))).Subnet!.SubnetId!);
    }
    const endpointSg = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: ids.vpc, GroupName: 'endpoint', Description: 'HTTPS in' }))).GroupId!;
    const albSg = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: ids.vpc, GroupName: 'alb', Description: 'HTTP in' }))).GroupId!;
    for (const cidr of ['10.20.0.0/16', '10.21.0.0/16']) {
      await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: endpointSg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: cidr }] }] }));
      await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: albSg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: cidr }] }] }));
    }
    const vpce = (await ec2.send(new CreateVpcEndpointCommand({
      VpcEndpointType: 'Interface', VpcId: ids.vpc, ServiceName: `com.amazonaws.${REGION}.execute-api`, SubnetIds: subnets, SecurityGroupIds: [endpointSg], PrivateDnsEnabled: true,
    }))).VpcEndpoint!;
    ids.vpce = vpce.VpcEndpointId!;
    ids.vpceDns = vpce.DnsEntries![0]!.DnsName!;
    const enis = (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: vpce.NetworkInterfaceIds }))).NetworkInterfaces!;
    eniIps = enis.map((e) => e.PrivateIpAddress!).sort();

    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
        { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*', Condition: { StringNotEquals: { 'aws:SourceVpce': ids.vpce } } },
      ],
    });
    const mockApi = async (type: 'PRIVATE' | 'REGIONAL', body: string) => {
      const api = await apigw.send(new CreateRestApiCommand({ name: `${type}-api`, endpointConfiguration: { types: [type], ...(type === 'PRIVATE' ? { vpcEndpointIds: [ids.vpce!] } : {}) }, ...(type === 'PRIVATE' ? { policy } : {}) }));
      const m = { restApiId: api.id!, resourceId: api.rootResourceId!, httpMethod: 'GET' };
      await apigw.send(new PutMethodCommand({ ...m, authorizationType: 'NONE' }));
      await apigw.send(new PutIntegrationCommand({ ...m, type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
      await apigw.send(new PutMethodResponseCommand({ ...m, statusCode: '200' }));
      await apigw.send(new PutIntegrationResponseCommand({ ...m, statusCode: '200', responseTemplates: { 'application/json': body } }));
      await apigw.send(new CreateDeploymentCommand({ restApiId: api.id!, stageName: 'test' }));
      return api.id!;
    };
    ids.api = await mockApi('PRIVATE', '{"api": "private", "domain": "$context.domainName"}');
    ids.regionalApi = await mockApi('REGIONAL', '{"api": "regional"}');

    const alb = (await elb.send(new CreateLoadBalancerCommand({ Name: 'private-api-alb', Type: 'application', Scheme: 'internal', Subnets: subnets, SecurityGroups: [albSg] }))).LoadBalancers![0]!;
    ids.albDns = alb.DNSName!;
    const tg = (await elb.send(new CreateTargetGroupCommand({
      Name: 'endpoint-enis', Protocol: 'HTTPS', Port: 443, VpcId: ids.vpc, TargetType: 'ip', HealthCheckProtocol: 'HTTPS', Matcher: { HttpCode: '200,403' },
      HealthCheckIntervalSeconds: 10, HealthCheckTimeoutSeconds: 5, HealthyThresholdCount: 2,
    }))).TargetGroups![0]!;
    ids.tg = tg.TargetGroupArn!;
    await elb.send(new RegisterTargetsCommand({ TargetGroupArn: ids.tg, Targets: eniIps.map((Id) => ({ Id, Port: 443 })) }));
    const empty = (await elb.send(new CreateTargetGroupCommand({ Name: 'empty', Protocol: 'HTTP', Port: 80, VpcId: ids.vpc, TargetType: 'ip' }))).TargetGroups![0]!;
    const listener = (await elb.send(new CreateListenerCommand({ LoadBalancerArn: alb.LoadBalancerArn!, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: ids.tg }] }))).Listeners![0]!;
    await elb.send(new CreateRuleCommand({
      ListenerArn: listener.ListenerArn!, Priority: 10, Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/alb-health'] } }],
      Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200', ContentType: 'text/plain', MessageBody: 'alb ok' } }],
    }));
    await elb.send(new CreateRuleCommand({
      ListenerArn: listener.ListenerArn!, Priority: 20, Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/old/*'] } }],
      Actions: [{ Type: 'redirect', RedirectConfig: { StatusCode: 'HTTP_301', Path: '/new/#{path}' } }],
    }));
    await elb.send(new CreateRuleCommand({
      ListenerArn: listener.ListenerArn!, Priority: 30, Conditions: [{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Empty', Values: ['yes'] } }],
      Actions: [{ Type: 'forward', TargetGroupArn: empty.TargetGroupArn! }],
    }));

    const zone = (await route53.send(new CreateHostedZoneCommand({ Name: 'privatedemo.net', CallerReference: 'sdk-1' }))).HostedZone!;
    const cert = (await acm.send(new RequestCertificateCommand({ DomainName: DOMAIN, ValidationMethod: 'DNS' }))).CertificateArn!;
    const rr = (await acm.send(new DescribeCertificateCommand({ CertificateArn: cert }))).Certificate!.DomainValidationOptions![0]!.ResourceRecord!;
    await route53.send(new ChangeResourceRecordSetsCommand({
      HostedZoneId: zone.Id!,
      ChangeBatch: {
        Changes: [
          { Action: 'CREATE', ResourceRecordSet: { Name: rr.Name!, Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: rr.Value! }] } },
          { Action: 'CREATE', ResourceRecordSet: { Name: DOMAIN, Type: 'A', AliasTarget: { HostedZoneId: alb.CanonicalHostedZoneId!, DNSName: alb.DNSName!, EvaluateTargetHealth: false } } },
        ],
      },
    }));
    await eventually(async () => assert.equal((await acm.send(new DescribeCertificateCommand({ CertificateArn: cert }))).Certificate!.Status, 'ISSUED'), { timeoutMs: 15_000, intervalMs: 200 });
    await apigw.send(new CreateDomainNameCommand({ domainName: DOMAIN, regionalCertificateArn: cert, endpointConfiguration: { types: ['REGIONAL'] } }));
    await apigw.send(new CreateBasePathMappingCommand({ domainName: DOMAIN, restApiId: ids.api, stage: 'test' }));

    await eventually(async () => {
      const h = (await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: ids.tg }))).TargetHealthDescriptions!;
      assert.equal(h.length, 2);
      for (const t of h) assert.equal(t.TargetHealth!.State, 'healthy', JSON.stringify(h));
    }, { timeoutMs: 20_000, intervalMs: 250 });
  });

  test('through the ALB: the custom domain reaches the PRIVATE API; the ALB name alone gets the endpoint\'s 403; x-apigw-api-id routes too', async () => {
    const viaDomain = await send(ids.vpc!, `http://${DOMAIN}/`);
    assert.equal(viaDomain.status, 200, viaDomain.body);
    assert.deepEqual(JSON.parse(viaDomain.body), { api: 'private', domain: DOMAIN });
    assert.match(viaDomain.headers['x-amzn-requestid'] ?? '', UUID);
    assert.ok(viaDomain.headers['x-amz-apigw-id']);

    const bare = await send(ids.vpc!, `http://${ids.albDns}/`);
    assert.equal(bare.status, 403);
    assert.equal(bare.body, FORBIDDEN);

    const byHeader = await send(ids.vpc!, `http://${ids.albDns}/test/`, { 'x-apigw-api-id': ids.api! });
    assert.equal(byHeader.status, 200, byHeader.body);
    assert.equal(JSON.parse(byHeader.body).api, 'private');
  });

  test('ALB rules: fixed-response, redirect, and 503 from an empty target group', async () => {
    const fixed = await send(ids.vpc!, `http://${ids.albDns}/alb-health`);
    assert.equal(fixed.status, 200);
    assert.equal(fixed.body, 'alb ok');
    assert.match(fixed.headers['content-type'] ?? '', /^text\/plain/);
    assert.equal(fixed.headers['server'], 'awselb/2.0');

    const moved = await send(ids.vpc!, `http://${ids.albDns}/old/page?q=1`);
    assert.equal(moved.status, 301);
    assert.equal(moved.headers['location'], `http://${ids.albDns}:80/new/old/page?q=1`);

    const unavailable = await send(ids.vpc!, `http://${ids.albDns}/`, { 'X-Empty': 'yes' });
    assert.equal(unavailable.status, 503);
    assert.equal(unavailable.headers['server'], 'awselb/2.0');
    assert.equal(unavailable.headers['content-type'], 'text/html');
    assert.equal(unavailable.body, '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n');
    assert.equal(Buffer.byteLength(unavailable.body), 162);
  });

  test('the endpoint directly: private DNS inside the VPC, the vpce name with a Host, and a REGIONAL API refused', async () => {
    const api = `${ids.api}.execute-api.${REGION}.amazonaws.com`;
    const privateDns = await send(ids.vpc!, `https://${api}/test/`);
    assert.equal(privateDns.status, 200, privateDns.body);
    assert.equal(JSON.parse(privateDns.body).api, 'private');

    const byHost = await send(ids.vpc!, `https://${ids.vpceDns}/test/`, { host: api });
    assert.equal(byHost.status, 200, byHost.body);

    const nothing = await send(ids.vpc!, `https://${ids.vpceDns}/test/`);
    assert.equal(nothing.status, 403);
    assert.equal(nothing.body, FORBIDDEN);

    // Private DNS covers every execute-api name in the VPC, so a REGIONAL API goes to the endpoint too: 403.
    const regional = await send(ids.vpc!, `https://${ids.regionalApi}.execute-api.${REGION}.amazonaws.com/test/`);
    assert.equal(regional.status, 403);
    assert.equal(regional.body, FORBIDDEN);
  });

  test('from a peered VPC: the {api}-{vpce} name resolves and reaches the API; the private DNS name does not', async () => {
    const vpcB = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.21.0.0/16' }))).Vpc!.VpcId!;
    await ec2.send(new CreateSubnetCommand({ VpcId: vpcB, CidrBlock: '10.21.1.0/24', AvailabilityZone: 'eu-west-1a' }));
    const pcx = (await ec2.send(new CreateVpcPeeringConnectionCommand({ VpcId: vpcB, PeerVpcId: ids.vpc }))).VpcPeeringConnection!.VpcPeeringConnectionId!;
    await ec2.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcx }));
    for (const [vpc, cidr] of [[vpcB, '10.20.0.0/16'], [ids.vpc!, '10.21.0.0/16']] as const) {
      const rtb = (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }))).RouteTables![0]!.RouteTableId!;
      await ec2.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: cidr, VpcPeeringConnectionId: pcx }));
    }
    const alias = await send(vpcB, `https://${ids.api}-${ids.vpce}.execute-api.${REGION}.amazonaws.com/test/`);
    assert.equal(alias.status, 200, alias.body);
    assert.equal(JSON.parse(alias.body).api, 'private');

    const viaAlb = await send(vpcB, `http://${DOMAIN}/`);
    assert.equal(viaAlb.status, 200, viaAlb.body);

    // The endpoint's private DNS is a private zone of its own VPC: nothing resolves it from the peer.
    await assert.rejects(send(vpcB, `https://${ids.api}.execute-api.${REGION}.amazonaws.com/test/`));
  });
});

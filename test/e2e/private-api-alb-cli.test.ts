/**
 * Issue acceptance for reference architecture 1 (DESIGN.md), built step by step as the seed
 * walkthrough (../shared/seeds/private-api-over-vpn-via-alb.txt) builds it, with Debian's aws CLI v2
 * and `localvpc exec -- curl` / `dig`:
 *
 *   client (the VPC, a peered VPC, a VPN customer network)
 *     → internal ALB (HTTP:80, later HTTPS:443 with an ACM certificate)
 *     → target group of type ip, HTTPS:443, health check HTTPS with matcher 200,403
 *     → the ENI IPs of an execute-api interface VPC endpoint
 *     → the endpoint routes by Host → a Regional custom domain → base path mapping
 *     → a PRIVATE REST API whose resource policy admits that endpoint (MOCK integration).
 *
 * Route 53 holds the custom domain's alias to the ALB; ACM issues its certificate after the DNS
 * validation record is written.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { aws, localvpcExec, removeDir, startServer, type ServerProcess } from '../helpers/localvpc-process.js';
import { eventually } from '../helpers/eventually.js';
import { parseCurlInclude, type Reply } from '../helpers/curl.js';

const REGION = 'eu-west-1';
const DOMAIN = 'vpcdemo.com';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FORBIDDEN = '{"message":"Forbidden"}';
/** curl's exit code for "operation timed out". */
const CURL_TIMEOUT = 28;


describe('architecture 1: private REST API over peering and VPN through an internal ALB and an execute-api endpoint, with the aws CLI', () => {
  let server: ServerProcess;
  const ids: Record<string, string> = {};
  let eniIps: string[] = [];
  const ec2 = (...args: string[]) => aws(server.endpoint, REGION, ['ec2', ...args]);
  const elbv2 = (...args: string[]) => aws(server.endpoint, REGION, ['elbv2', ...args]);
  const apigw = (...args: string[]) => aws(server.endpoint, REGION, ['apigateway', ...args]);
  const acm = (...args: string[]) => aws(server.endpoint, REGION, ['acm', ...args]);
  const route53 = (...args: string[]) => aws(server.endpoint, REGION, ['route53', ...args]);
  const file = (name: string, content: string) => {
    const p = join(server.stateDir, name);
    writeFileSync(p, content);
    return `file://${p}`;
  };

  async function curl(from: string, url: string, extra: string[] = []): Promise<Reply> {
    const r = await localvpcExec(server.endpoint, from, ['curl', '-sS', '-i', '--max-time', '10', ...extra, url]);
    assert.equal(r.code, 0, `curl from ${from} exited ${r.code}: ${r.stderr}`);
    return parseCurlInclude(r.stdout);
  }

  async function health(tgArn: string): Promise<{ State: string; Reason?: string; Description?: string }[]> {
    const d = await elbv2('describe-target-health', '--target-group-arn', tgArn);
    return d.TargetHealthDescriptions.map((t: any) => t.TargetHealth);
  }

  function policy(vpceId: string): string {
    return JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
        { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*', Condition: { StringNotEquals: { 'aws:SourceVpce': vpceId } } },
      ],
    });
  }

  before(async () => {
    server = await startServer({ args: ['--time-scale', '30'] });
  });
  after(async () => {
    await server?.stop();
    if (server) removeDir(server.stateDir);
  });

  test('the VPC, the execute-api endpoint and the PRIVATE API that admits it', async () => {
    ids.vpc = (await ec2('create-vpc', '--cidr-block', '10.0.0.0/16')).Vpc.VpcId;
    await ec2('modify-vpc-attribute', '--vpc-id', ids.vpc, '--enable-dns-hostnames', '{"Value":true}');
    ids.subnetA = (await ec2('create-subnet', '--vpc-id', ids.vpc, '--cidr-block', '10.0.1.0/24', '--availability-zone', 'eu-west-1a')).Subnet.SubnetId;
    ids.subnetB = (await ec2('create-subnet', '--vpc-id', ids.vpc, '--cidr-block', '10.0.2.0/24', '--availability-zone', 'eu-west-1b')).Subnet.SubnetId;
    ids.rtbA = (await ec2('describe-route-tables', '--filters', `Name=vpc-id,Values=${ids.vpc}`)).RouteTables[0].RouteTableId;
    ids.endpointSg = (await ec2('create-security-group', '--group-name', 'execute-api-endpoint', '--description', 'HTTPS from the VPC', '--vpc-id', ids.vpc)).GroupId;
    await ec2('authorize-security-group-ingress', '--group-id', ids.endpointSg, '--protocol', 'tcp', '--port', '443', '--cidr', '10.0.0.0/16');

    const vpce = (
      await ec2('create-vpc-endpoint', '--vpc-endpoint-type', 'Interface', '--vpc-id', ids.vpc, '--service-name', `com.amazonaws.${REGION}.execute-api`,
        '--subnet-ids', ids.subnetA, ids.subnetB, '--security-group-ids', ids.endpointSg, '--private-dns-enabled')
    ).VpcEndpoint;
    ids.vpce = vpce.VpcEndpointId;
    assert.match(ids.vpce!, /^vpce-[0-9a-f]{17}$/);
    assert.equal(vpce.State, 'pending');
    assert.equal(vpce.NetworkInterfaceIds.length, 2);
    ids.vpceDns = vpce.DnsEntries[0].DnsName;
    assert.match(ids.vpceDns!, new RegExp(`^${ids.vpce}-[a-z0-9]{8}\\.execute-api\\.${REGION}\\.vpce\\.amazonaws\\.com$`));
    await eventually(async () => {
      const d = await ec2('describe-vpc-endpoints', '--vpc-endpoint-ids', ids.vpce!);
      assert.equal(d.VpcEndpoints[0].State, 'available');
    }, { timeoutMs: 10_000, intervalMs: 200 });
    const enis = (await ec2('describe-network-interfaces', '--network-interface-ids', ...vpce.NetworkInterfaceIds)).NetworkInterfaces;
    for (const eni of enis) {
      assert.equal(eni.InterfaceType, 'vpc_endpoint');
      assert.equal(eni.RequesterManaged, true);
      assert.equal(eni.Description, `VPC Endpoint Interface ${ids.vpce}`);
    }
    eniIps = enis.map((e: any) => e.PrivateIpAddress).sort();

    const api = await apigw('create-rest-api', '--name', 'private-api', '--endpoint-configuration', JSON.stringify({ types: ['PRIVATE'], vpcEndpointIds: [ids.vpce] }), '--policy', file('policy.json', policy(ids.vpce!)));
    ids.api = api.id;
    assert.deepEqual(api.endpointConfiguration.types, ['PRIVATE']);
    const root = (await apigw('get-resources', '--rest-api-id', ids.api)).items.find((r: any) => r.path === '/');
    await apigw('put-method', '--rest-api-id', ids.api, '--resource-id', root.id, '--http-method', 'GET', '--authorization-type', 'NONE');
    await apigw('put-integration', '--rest-api-id', ids.api, '--resource-id', root.id, '--http-method', 'GET', '--type', 'MOCK', '--request-templates', '{"application/json":"{\\"statusCode\\": 200}"}');
    await apigw('put-method-response', '--rest-api-id', ids.api, '--resource-id', root.id, '--http-method', 'GET', '--status-code', '200');
    await apigw('put-integration-response', '--rest-api-id', ids.api, '--resource-id', root.id, '--http-method', 'GET', '--status-code', '200', '--response-templates', '{"application/json":"{\\"from\\": \\"the private api\\"}"}');
    await apigw('create-deployment', '--rest-api-id', ids.api, '--stage-name', 'test');
  });

  test('inside the VPC the API answers through the endpoint (private DNS) and not from the internet', async () => {
    const r = await curl(ids.vpc!, `https://${ids.api}.execute-api.${REGION}.amazonaws.com/test/`);
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(JSON.parse(r.body), { from: 'the private api' });
    const out = await localvpcExec(server.endpoint, 'internet', ['curl', '-sS', '--max-time', '5', `https://${ids.api}.execute-api.${REGION}.amazonaws.com/test/`]);
    assert.notEqual(out.code, 0, 'a PRIVATE API has no public DNS name');
  });

  test('the internal ALB: with the default matcher the endpoint targets are unhealthy (403), with 200,403 healthy', async () => {
    ids.albSg = (await ec2('create-security-group', '--group-name', 'api-alb', '--description', 'clients of the ALB', '--vpc-id', ids.vpc)).GroupId;
    for (const cidr of ['10.0.0.0/16', '10.1.0.0/16', '192.168.50.0/24']) {
      await ec2('authorize-security-group-ingress', '--group-id', ids.albSg, '--ip-permissions', JSON.stringify([{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: cidr }] }, { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: cidr }] }]));
    }
    const alb = (await elbv2('create-load-balancer', '--name', 'api-gateway-alb', '--type', 'application', '--scheme', 'internal', '--subnets', ids.subnetA, ids.subnetB, '--security-groups', ids.albSg)).LoadBalancers[0];
    ids.alb = alb.LoadBalancerArn;
    ids.albDns = alb.DNSName;
    ids.albZone = alb.CanonicalHostedZoneId;
    assert.match(ids.albDns!, new RegExp(`^internal-api-gateway-alb-\\d+\\.${REGION}\\.elb\\.amazonaws\\.com$`));
    const tg = (
      await elbv2('create-target-group', '--name', 'api-endpoint', '--protocol', 'HTTPS', '--port', '443', '--vpc-id', ids.vpc, '--target-type', 'ip',
        '--health-check-protocol', 'HTTPS', '--health-check-interval-seconds', '10', '--health-check-timeout-seconds', '5', '--healthy-threshold-count', '2', '--unhealthy-threshold-count', '2')
    ).TargetGroups[0];
    ids.tg = tg.TargetGroupArn;
    assert.equal(tg.Matcher.HttpCode, '200');
    await elbv2('register-targets', '--target-group-arn', ids.tg, '--targets', ...eniIps.map((ip) => `Id=${ip}`));
    await elbv2('create-listener', '--load-balancer-arn', ids.alb, '--protocol', 'HTTP', '--port', '80', '--default-actions', `Type=forward,TargetGroupArn=${ids.tg}`);
    await eventually(async () => {
      const h = await health(ids.tg!);
      assert.equal(h.length, 2);
      for (const t of h) {
        assert.equal(t.State, 'unhealthy', JSON.stringify(h));
        assert.equal(t.Reason, 'Target.ResponseCodeMismatch');
        assert.equal(t.Description, 'Health checks failed with these codes: [403]');
      }
    }, { timeoutMs: 20_000, intervalMs: 250 });

    await elbv2('modify-target-group', '--target-group-arn', ids.tg, '--matcher', '{"HttpCode":"200,403"}');
    await eventually(async () => {
      const h = await health(ids.tg!);
      for (const t of h) assert.equal(t.State, 'healthy', JSON.stringify(h));
    }, { timeoutMs: 20_000, intervalMs: 250 });
  });

  test('an HTTP target group on port 443 fails its health checks against the TLS endpoint', async () => {
    const tg = (await elbv2('create-target-group', '--name', 'api-endpoint-http', '--protocol', 'HTTP', '--port', '443', '--vpc-id', ids.vpc, '--target-type', 'ip', '--matcher', '{"HttpCode":"200,403"}',
      '--health-check-interval-seconds', '10', '--health-check-timeout-seconds', '5', '--unhealthy-threshold-count', '2')).TargetGroups[0];
    await elbv2('register-targets', '--target-group-arn', tg.TargetGroupArn, '--targets', ...eniIps.map((ip) => `Id=${ip}`));
    const listener = (await elbv2('create-listener', '--load-balancer-arn', ids.alb, '--protocol', 'HTTP', '--port', '8080', '--default-actions', `Type=forward,TargetGroupArn=${tg.TargetGroupArn}`)).Listeners[0];
    await eventually(async () => {
      const h = await health(tg.TargetGroupArn);
      assert.equal(h.length, 2);
      for (const t of h) {
        assert.equal(t.State, 'unhealthy', JSON.stringify(h));
        assert.equal(t.Reason, 'Target.FailedHealthChecks');
      }
    }, { timeoutMs: 20_000, intervalMs: 250 });
    await elbv2('delete-listener', '--listener-arn', listener.ListenerArn);
    await elbv2('delete-target-group', '--target-group-arn', tg.TargetGroupArn);
  });

  test('before the custom domain the ALB answers the endpoint\'s 403 {"message":"Forbidden"}', async () => {
    await eventually(async () => {
      const d = await elbv2('describe-load-balancers', '--load-balancer-arns', ids.alb!);
      assert.equal(d.LoadBalancers[0].State.Code, 'active');
    }, { timeoutMs: 20_000, intervalMs: 200 });
    const r = await curl(ids.vpc!, `http://${ids.albDns}/`);
    assert.equal(r.status, 403, r.body);
    assert.equal(r.body, FORBIDDEN);
    assert.match(r.headers['x-amzn-requestid'] ?? '', UUID);
  });

  test('Route 53 alias and ACM certificate for the custom domain; still Forbidden', async () => {
    const zone = await route53('create-hosted-zone', '--name', DOMAIN, '--caller-reference', 'vpcdemo-1');
    ids.zone = zone.HostedZone.Id.replace('/hostedzone/', '');
    const cert = await acm('request-certificate', '--domain-name', DOMAIN, '--validation-method', 'DNS');
    ids.cert = cert.CertificateArn;
    const pending = await eventually(async () => {
      const d = (await acm('describe-certificate', '--certificate-arn', ids.cert!)).Certificate;
      assert.equal(d.Status, 'PENDING_VALIDATION');
      assert.ok(d.DomainValidationOptions[0].ResourceRecord, JSON.stringify(d));
      return d;
    }, { timeoutMs: 5_000, intervalMs: 200 });
    const rr = pending.DomainValidationOptions[0].ResourceRecord;
    const changes = {
      Changes: [
        { Action: 'CREATE', ResourceRecordSet: { Name: rr.Name, Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: rr.Value }] } },
        { Action: 'CREATE', ResourceRecordSet: { Name: DOMAIN, Type: 'A', AliasTarget: { HostedZoneId: ids.albZone, DNSName: ids.albDns, EvaluateTargetHealth: false } } },
      ],
    };
    const change = await route53('change-resource-record-sets', '--hosted-zone-id', ids.zone, '--change-batch', file('changes.json', JSON.stringify(changes)));
    assert.match(change.ChangeInfo.Id, /^\/change\/C[A-Z0-9]+$/);
    await eventually(async () => {
      const d = (await acm('describe-certificate', '--certificate-arn', ids.cert!)).Certificate;
      assert.equal(d.Status, 'ISSUED');
      assert.equal(d.DomainValidationOptions[0].ValidationStatus, 'SUCCESS');
    }, { timeoutMs: 15_000, intervalMs: 250 });

    const r = await curl(ids.vpc!, `http://${DOMAIN}/`);
    assert.equal(r.status, 403, r.body);
    assert.equal(r.body, FORBIDDEN);
  });

  test('after the Regional custom domain and its mapping, curl http://vpcdemo.com/ answers 200 from the VPC, the peered VPC and the VPN', async () => {
    const dn = await apigw('create-domain-name', '--domain-name', DOMAIN, '--regional-certificate-arn', ids.cert!, '--endpoint-configuration', 'types=REGIONAL');
    assert.match(dn.regionalDomainName, new RegExp(`^d-[a-z0-9]{10}\\.execute-api\\.${REGION}\\.amazonaws\\.com$`));
    await apigw('create-base-path-mapping', '--domain-name', DOMAIN, '--rest-api-id', ids.api!, '--stage', 'test');

    const inVpc = await curl(ids.vpc!, `http://${DOMAIN}/`);
    assert.equal(inVpc.status, 200, inVpc.body);
    assert.deepEqual(JSON.parse(inVpc.body), { from: 'the private api' });
    assert.match(inVpc.headers['x-amzn-requestid'] ?? '', UUID);
    assert.ok(inVpc.headers['x-amz-apigw-id'], JSON.stringify(inVpc.headers));
    assert.match(inVpc.headers['content-type'] ?? '', /^application\/json/);

    // A peered VPC: routes both ways, the ALB's group admits 10.1.0.0/16.
    ids.vpcB = (await ec2('create-vpc', '--cidr-block', '10.1.0.0/16')).Vpc.VpcId;
    await ec2('create-subnet', '--vpc-id', ids.vpcB, '--cidr-block', '10.1.1.0/24', '--availability-zone', 'eu-west-1a');
    const rtbB = (await ec2('describe-route-tables', '--filters', `Name=vpc-id,Values=${ids.vpcB}`)).RouteTables[0].RouteTableId;
    const pcx = (await ec2('create-vpc-peering-connection', '--vpc-id', ids.vpcB, '--peer-vpc-id', ids.vpc)).VpcPeeringConnection.VpcPeeringConnectionId;
    await ec2('accept-vpc-peering-connection', '--vpc-peering-connection-id', pcx);
    await ec2('create-route', '--route-table-id', rtbB, '--destination-cidr-block', '10.0.0.0/16', '--vpc-peering-connection-id', pcx);
    const noRouteBack = await localvpcExec(server.endpoint, ids.vpcB!, ['curl', '-sS', '--max-time', '2', `http://${DOMAIN}/`]);
    assert.equal(noRouteBack.code, CURL_TIMEOUT, 'without the route back the reply is lost');
    await ec2('create-route', '--route-table-id', ids.rtbA, '--destination-cidr-block', '10.1.0.0/16', '--vpc-peering-connection-id', pcx);
    const peered = await curl(ids.vpcB!, `http://${DOMAIN}/`);
    assert.equal(peered.status, 200, peered.body);
    assert.deepEqual(JSON.parse(peered.body), { from: 'the private api' });

    // A VPN customer network 192.168.50.0/24 behind a VGW attached to the VPC.
    const cgw = (await ec2('create-customer-gateway', '--type', 'ipsec.1', '--public-ip', '203.0.113.10', '--bgp-asn', '65000')).CustomerGateway.CustomerGatewayId;
    const vgw = (await ec2('create-vpn-gateway', '--type', 'ipsec.1')).VpnGateway.VpnGatewayId;
    await ec2('attach-vpn-gateway', '--vpn-gateway-id', vgw, '--vpc-id', ids.vpc);
    ids.vpn = (await ec2('create-vpn-connection', '--type', 'ipsec.1', '--customer-gateway-id', cgw, '--vpn-gateway-id', vgw, '--options', 'StaticRoutesOnly=true')).VpnConnection.VpnConnectionId;
    await ec2('create-vpn-connection-route', '--vpn-connection-id', ids.vpn, '--destination-cidr-block', '192.168.50.0/24');
    await ec2('create-route', '--route-table-id', ids.rtbA, '--destination-cidr-block', '192.168.50.0/24', '--gateway-id', vgw);
    const overVpn = await eventually(async () => {
      const r = await curl(ids.vpn!, `http://${DOMAIN}/`);
      assert.equal(r.status, 200, r.body);
      return r;
    }, { timeoutMs: 15_000, intervalMs: 500 });
    assert.deepEqual(JSON.parse(overVpn.body), { from: 'the private api' });
  });

  test('from the internet the internal ALB is not reachable', async () => {
    const r = await localvpcExec(server.endpoint, 'internet', ['curl', '-sS', '--max-time', '2', `http://${ids.albDns}/`]);
    assert.notEqual(r.code, 0, r.stdout);
  });

  test('an HTTPS listener with the ACM certificate serves https://vpcdemo.com/', async () => {
    await elbv2('create-listener', '--load-balancer-arn', ids.alb!, '--protocol', 'HTTPS', '--port', '443', '--certificates', `CertificateArn=${ids.cert}`, '--default-actions', `Type=forward,TargetGroupArn=${ids.tg}`);
    const r = await eventually(async () => {
      const reply = await curl(ids.vpcB!, `https://${DOMAIN}/`);
      assert.equal(reply.status, 200, reply.body);
      return reply;
    }, { timeoutMs: 10_000, intervalMs: 250 });
    assert.deepEqual(JSON.parse(r.body), { from: 'the private api' });
  });

  test('a resource policy that names another endpoint denies with AWS\'s message', async () => {
    const other = 'vpce-0123456789abcdef0';
    await apigw('update-rest-api', '--rest-api-id', ids.api!, '--patch-operations', JSON.stringify([{ op: 'replace', path: '/policy', value: policy(other) }]));
    // The policy applies from the next deployment (apigateway-rest.md §2.8).
    assert.equal((await curl(ids.vpc!, `http://${DOMAIN}/`)).status, 200);
    await apigw('create-deployment', '--rest-api-id', ids.api!, '--stage-name', 'test');
    const r = await curl(ids.vpc!, `http://${DOMAIN}/`);
    assert.equal(r.status, 403, r.body);
    assert.equal(r.headers['x-amzn-errortype'], 'AccessDeniedException');
    assert.deepEqual(JSON.parse(r.body), { Message: `User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:${REGION}:********0000:${ids.api}/test/GET/ with an explicit deny` });
    await apigw('update-rest-api', '--rest-api-id', ids.api!, '--patch-operations', JSON.stringify([{ op: 'replace', path: '/policy', value: policy(ids.vpce!) }]));
    await apigw('create-deployment', '--rest-api-id', ids.api!, '--stage-name', 'test');
    assert.equal((await curl(ids.vpc!, `http://${DOMAIN}/`)).status, 200);
  });

  test("dig against localvpc's DNS server returns the endpoint's ENI IPs for its DNS name, and the ALB's for the custom domain", async () => {
    const status = (await (await fetch(`${server.endpoint}/_localvpc/status`)).json()) as { dns?: string };
    const port = /:(\d+)$/.exec(status.dns ?? '')?.[1];
    assert.ok(port, JSON.stringify(status));
    const dig = async (name: string) => (await promisify(execFile)('dig', ['@127.0.0.1', '-p', port!, '+short', name, 'A'])).stdout.trim().split('\n').filter(Boolean).sort();
    assert.deepEqual(await dig(ids.vpceDns!), eniIps);
    // An ALB's node addresses show as its requester-managed ENIs (`ELB app/NAME/ID`).
    const albEnis = (await ec2('describe-network-interfaces', '--filters', 'Name=description,Values=ELB app/api-gateway-alb/*')).NetworkInterfaces;
    const albIps = albEnis.map((e: any) => e.PrivateIpAddress).sort();
    assert.equal(albIps.length, 2);
    assert.deepEqual(await dig(DOMAIN), albIps);
  });
});

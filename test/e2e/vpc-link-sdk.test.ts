/**
 * Issue acceptance for reference architecture 2 through the AWS SDK v3 and the library entry
 * point (`startLocalVpc`): REST API → VPC link → internal NLB → two instance backends, invoked
 * through an `internet` vantage proxy (undici ProxyAgent trusting localvpc's CA) and the
 * path-style URL; plus the execute-api checklist behaviours of apigateway-rest.md §7 on this path:
 * 17–24 (gateway headers, Missing Authentication Token, routing precedence), 25–27 (HTTP_PROXY
 * header handling both ways), 29–30 (time-out, refused connection), 40 (stage variables live,
 * resources only after CreateDeployment) and the 10 MB payload limit.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProxyAgent, request as undiciRequest } from 'undici';
import {
  EC2Client,
  CreateVpcCommand,
  CreateSubnetCommand,
  CreateSecurityGroupCommand,
  AuthorizeSecurityGroupIngressCommand,
  RunInstancesCommand,
  DescribeInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  ElasticLoadBalancingV2Client,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ModifyTargetGroupAttributesCommand,
  RegisterTargetsCommand,
  CreateListenerCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  APIGatewayClient,
  CreateVpcLinkCommand,
  GetVpcLinkCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  CreateResourceCommand,
  PutMethodCommand,
  PutIntegrationCommand,
  PutMethodResponseCommand,
  PutIntegrationResponseCommand,
  CreateDeploymentCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { startLocalVpc, type LocalVpcHandle } from '../../src/index.js';
import { eventually } from '../helpers/eventually.js';

const REGION = 'eu-west-1';
/** Root may bind port 80 as on AWS; elsewhere the backends use 8080. */
const PORT = process.getuid?.() === 0 ? 80 : 8080;
/**
 * Fixed addresses, distinct from the aws CLI file's (10.0.1.10–12) and from the first free ones
 * (10.0.1.4, …): a concurrent localvpc allocates the same wire, so equal addresses are equal
 * host addresses.
 */
const BACKEND_IPS = ['10.0.1.21', '10.0.1.22'];
const NLB_IP = '10.0.1.20';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const CLIENT_DATE = 'Mon, 01 Jan 2001 00:00:00 GMT';

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What the instance backends answer: themselves and the request as it arrived. */
interface Echo {
  ip: string;
  method: string;
  url: string;
  /** Raw header pairs, names as received. */
  headers: [string, string][];
  bodyLength: number;
}

function flatHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [n, v] of Object.entries(h)) if (v !== undefined) out[n.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function echoHeader(e: Echo, name: string): string[] {
  return e.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
}

function assertApiGatewayHeaders(r: Reply): void {
  assert.match(r.headers['x-amzn-requestid'] ?? '', UUID, `x-amzn-RequestId: ${JSON.stringify(r.headers)}`);
  assert.ok(r.headers['x-amz-apigw-id'], `x-amz-apigw-id missing: ${JSON.stringify(r.headers)}`);
  assert.match(r.headers['date'] ?? '', HTTP_DATE);
}

function assertMissingToken(r: Reply, what: string): void {
  assert.equal(r.status, 403, `${what}: ${r.status} ${r.body}`);
  assert.equal(r.headers['x-amzn-errortype'], 'MissingAuthenticationTokenException', what);
  assert.deepEqual(JSON.parse(r.body), { message: 'Missing Authentication Token' }, what);
  assert.equal(r.body, '{"message":"Missing Authentication Token"}', what);
  assertApiGatewayHeaders(r);
}

/** A plain HTTP/1.1 request with exactly these headers (node:http sends hop-by-hop ones as given). */
function rawRequest(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: flatHeaders(res.headers), body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('architecture 2 through the AWS SDK v3 and startLocalVpc()', () => {
  let lv: LocalVpcHandle;
  let ec2: EC2Client;
  let elbv2: ElasticLoadBalancingV2Client;
  let apigw: APIGatewayClient;
  let proxy: { url: string; caBundle: string; close(): Promise<void> };
  let agent: ProxyAgent;
  let inproc: http.Server;
  let inprocPort = 0;
  let closedPort = 0;
  const ids: Record<string, string> = {};
  const instances: string[] = [];
  /** 5xx bodies kept for the byte-for-byte check at the end. */
  const rawBodies: Record<string, string> = {};

  /** Through the `internet` vantage proxy to `https://{api}.execute-api.eu-west-1.amazonaws.com{path}`. */
  async function invoke(api: string, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
    const r = await undiciRequest(`https://${api}.execute-api.${REGION}.amazonaws.com${path}`, {
      dispatcher: agent,
      method: (opts.method ?? 'GET') as 'GET',
      headers: opts.headers,
      body: opts.body,
    });
    return { status: r.statusCode, headers: flatHeaders(r.headers), body: await r.body.text() };
  }

  /** The path-style URL on the AWS endpoint port (no proxy). */
  const pathStyle = (api: string, path: string) => `${lv.endpoint}/_aws/execute-api/${api}${path}`;

  async function fetchPathStyle(api: string, path: string, init: { method?: string; body?: Buffer; headers?: Record<string, string> } = {}): Promise<Reply> {
    const r = await undiciRequest(pathStyle(api, path), { method: (init.method ?? 'GET') as 'GET', body: init.body, headers: init.headers });
    return { status: r.statusCode, headers: flatHeaders(r.headers), body: await r.body.text() };
  }

  async function rootOf(api: string): Promise<string> {
    return (await apigw.send(new GetResourcesCommand({ restApiId: api }))).items!.find((r) => r.path === '/')!.id!;
  }

  async function newApi(name: string): Promise<{ id: string; root: string }> {
    const id = (await apigw.send(new CreateRestApiCommand({ name, endpointConfiguration: { types: ['REGIONAL'] } }))).id!;
    return { id, root: await rootOf(id) };
  }

  /** A MOCK method answering 200 with `template` (a mapping template) as its body. */
  async function mockMethod(api: string, resourceId: string, httpMethod: string, template: string): Promise<void> {
    await apigw.send(new PutMethodCommand({ restApiId: api, resourceId, httpMethod, authorizationType: 'NONE' }));
    await apigw.send(new PutIntegrationCommand({ restApiId: api, resourceId, httpMethod, type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
    await apigw.send(new PutMethodResponseCommand({ restApiId: api, resourceId, httpMethod, statusCode: '200' }));
    await apigw.send(new PutIntegrationResponseCommand({ restApiId: api, resourceId, httpMethod, statusCode: '200', responseTemplates: { 'application/json': template } }));
  }

  async function resource(api: string, parentId: string, pathPart: string): Promise<string> {
    return (await apigw.send(new CreateResourceCommand({ restApiId: api, parentId, pathPart }))).id!;
  }

  async function targetStates(): Promise<Record<string, string>> {
    const d = await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: ids.tg }));
    return Object.fromEntries(d.TargetHealthDescriptions!.map((t) => [t.Target!.Id!, `${t.TargetHealth!.State}${t.TargetHealth!.Reason ? ` ${t.TargetHealth!.Reason}` : ''}`]));
  }

  before(async () => {
    lv = await startLocalVpc({ port: 0, dnsPort: 0, stateDir: ':memory:', timeScale: 50, execUserData: true, logLevel: 'warn' });
    const client = { region: REGION, endpoint: lv.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
    ec2 = new EC2Client(client);
    elbv2 = new ElasticLoadBalancingV2Client(client);
    apigw = new APIGatewayClient(client);
    proxy = await lv.proxy('internet');
    agent = new ProxyAgent({ uri: proxy.url, requestTls: { ca: readFileSync(proxy.caBundle, 'utf8') } });

    // A host service on this machine (the internet's host in localvpc's model) for the
    // INTERNET integrations: /fast answers at once, /slow after 3 s.
    inproc = http.createServer((req, res) => {
      res.setHeader('Server', 'inproc/1.0');
      if (req.url === '/slow') {
        const t = setTimeout(() => res.end('slow'), 3000);
        res.on('close', () => clearTimeout(t));
      } else res.end(`fast ${req.method} ${req.url}`);
    });
    await new Promise<void>((resolve) => inproc.listen(0, '127.0.0.1', resolve));
    inprocPort = (inproc.address() as AddressInfo).port;
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
  });
  after(async () => {
    await agent?.close();
    await proxy?.close();
    inproc?.closeAllConnections();
    await new Promise<void>((resolve) => (inproc ? inproc.close(() => resolve()) : resolve()));
    ec2?.destroy();
    elbv2?.destroy();
    apigw?.destroy();
    await lv?.stop();
  });

  test('builds the architecture with the SDK clients', async () => {
    ids.vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    ids.subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: ids.vpc, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'eu-west-1a' }))).Subnet!.SubnetId!;
    ids.sg = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web servers', VpcId: ids.vpc }))).GroupId!;
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: ids.sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: PORT, ToPort: PORT, IpRanges: [{ CidrIp: '10.0.1.0/24' }] }] }));

    // The backend echoes the request it received as JSON and answers like gunicorn would.
    const js =
      `require('http').createServer((q,s)=>{let n=0;q.on('data',c=>n+=c.length);q.on('end',()=>{` +
      `s.setHeader('Server','gunicorn/19.9.0');s.setHeader('X-Backend','echo');s.setHeader('Content-Type','application/json');` +
      `const h=[];for(let i=0;i<q.rawHeaders.length;i+=2)h.push([q.rawHeaders[i],q.rawHeaders[i+1]]);` +
      `s.end(JSON.stringify({ip:process.env.LOCALVPC_PRIVATE_IP,method:q.method,url:q.url,headers:h,bodyLength:n}))})}).listen(${PORT}, process.env.LOCALVPC_HOST_ADDRESS)`;
    const userData = Buffer.from(`#!/bin/sh\nexec "${process.execPath}" -e "${js}"\n`).toString('base64');
    for (const ip of BACKEND_IPS) {
      const run = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-0123456789abcdef0', InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: ids.subnet, PrivateIpAddress: ip, SecurityGroupIds: [ids.sg], UserData: userData }));
      assert.equal(run.Instances![0]!.PrivateIpAddress, ip);
      instances.push(run.Instances![0]!.InstanceId!);
    }
    await eventually(
      async () => {
        const d = await ec2.send(new DescribeInstancesCommand({ InstanceIds: instances }));
        for (const r of d.Reservations!) for (const i of r.Instances!) assert.equal(i.State!.Name, 'running');
      },
      { timeoutMs: 15_000, intervalMs: 100 },
    );

    const lb = (await elbv2.send(new CreateLoadBalancerCommand({ Name: 'app-nlb', Type: 'network', Scheme: 'internal', SubnetMappings: [{ SubnetId: ids.subnet, PrivateIPv4Address: NLB_IP }] }))).LoadBalancers![0]!;
    assert.equal(lb.AvailabilityZones![0]!.LoadBalancerAddresses![0]!.PrivateIPv4Address, NLB_IP);
    ids.nlb = lb.LoadBalancerArn!;
    ids.nlbDns = lb.DNSName!;
    const tg = (
      await elbv2.send(
        new CreateTargetGroupCommand({
          Name: 'app-targets', Protocol: 'TCP', Port: PORT, VpcId: ids.vpc, TargetType: 'instance',
          HealthCheckProtocol: 'HTTP', HealthCheckPath: '/', HealthCheckIntervalSeconds: 10, HealthCheckTimeoutSeconds: 5, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2,
        }),
      )
    ).TargetGroups![0]!;
    ids.tg = tg.TargetGroupArn!;
    await elbv2.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: ids.tg, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '5' }] }));
    await elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: ids.tg, Targets: instances.map((Id) => ({ Id })) }));
    await elbv2.send(new CreateListenerCommand({ LoadBalancerArn: ids.nlb, Protocol: 'TCP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: ids.tg }] }));
    await eventually(async () => assert.equal((await elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [ids.nlb] }))).LoadBalancers![0]!.State!.Code, 'active'), {
      timeoutMs: 20_000,
      intervalMs: 200,
    });

    const link = await apigw.send(new CreateVpcLinkCommand({ name: 'app-link', targetArns: [ids.nlb] }));
    ids.link = link.id!;
    assert.equal(link.status, 'PENDING');
    await eventually(async () => assert.equal((await apigw.send(new GetVpcLinkCommand({ vpcLinkId: ids.link }))).status, 'AVAILABLE'), { timeoutMs: 30_000, intervalMs: 250 });

    const api = await newApi('app-api');
    ids.api = api.id;
    const proxyResource = await resource(api.id, api.root, '{proxy+}');
    await apigw.send(new PutMethodCommand({ restApiId: api.id, resourceId: proxyResource, httpMethod: 'ANY', authorizationType: 'NONE', requestParameters: { 'method.request.path.proxy': true } }));
    await apigw.send(
      new PutIntegrationCommand({
        restApiId: api.id,
        resourceId: proxyResource,
        httpMethod: 'ANY',
        type: 'HTTP_PROXY',
        integrationHttpMethod: 'ANY',
        connectionType: 'VPC_LINK',
        connectionId: '${stageVariables.VPCLINK}',
        uri: 'http://${stageVariables.VPCNLB}/{proxy}',
        requestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
      }),
    );
    await apigw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'test', variables: { VPCLINK: ids.link, VPCNLB: ids.nlbDns } }));

    await eventually(
      async () => {
        const states = await targetStates();
        assert.deepEqual(states, Object.fromEntries(instances.map((i) => [i, 'healthy'])));
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  });

  test('through the vantage proxy: the backend gets GET /x/y?q=1&q=2 with API Gateway request headers (25)', async () => {
    const r = await eventually(async () => {
      const reply = await invoke(ids.api!, '/test/x/y?q=1&q=2', { headers: { 'X-Custom': 'abc', Date: CLIENT_DATE, Authorization: 'Bearer x' } });
      assert.equal(reply.status, 200, reply.body);
      return reply;
    }, { timeoutMs: 10_000, intervalMs: 200 });
    const echo = JSON.parse(r.body) as Echo;
    assert.ok(BACKEND_IPS.includes(echo.ip), echo.ip);
    assert.equal(echo.method, 'GET');
    assert.equal(echo.url, '/x/y?q=1&q=2');
    assert.deepEqual(echoHeader(echo, 'host'), [ids.nlbDns]);
    assert.deepEqual(echoHeader(echo, 'x-amzn-apigateway-api-id'), [ids.api]);
    assert.match(echoHeader(echo, 'x-amzn-trace-id')[0] ?? '', /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}/);
    assert.deepEqual(echoHeader(echo, 'x-custom'), ['abc']);
    assert.deepEqual(echoHeader(echo, 'authorization'), ['Bearer x']);
    const dates = echoHeader(echo, 'date');
    assert.equal(dates.length, 1, `one Date, API Gateway's: ${JSON.stringify(dates)}`);
    assert.notEqual(dates[0], CLIENT_DATE);
    assert.match(dates[0]!, HTTP_DATE);

    // The path-style URL reaches the same integration.
    const p = await fetchPathStyle(ids.api!, '/test/x/y?q=1&q=2');
    assert.equal(p.status, 200, p.body);
    const pe = JSON.parse(p.body) as Echo;
    assert.equal(pe.url, '/x/y?q=1&q=2');
    assert.deepEqual(echoHeader(pe, 'x-amzn-apigateway-api-id'), [ids.api]);
  });

  test('successive calls spread over both backends', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const r = await invoke(ids.api!, '/test/who');
      assert.equal(r.status, 200, r.body);
      seen.add((JSON.parse(r.body) as Echo).ip);
    }
    assert.deepEqual([...seen].sort(), [...BACKEND_IPS].sort());
  });

  test('backend response headers: Server, Date and Connection are remapped, the rest pass (27)', async () => {
    const r = await invoke(ids.api!, '/test/headers');
    assert.equal(r.status, 200, r.body);
    assert.equal(r.headers['x-amzn-remapped-server'], 'gunicorn/19.9.0');
    assert.match(r.headers['x-amzn-remapped-date'] ?? '', HTTP_DATE);
    assert.equal(r.headers['x-amzn-remapped-connection'], 'keep-alive');
    assert.notEqual(r.headers['server'], 'gunicorn/19.9.0');
    assert.equal(r.headers['connection'], 'keep-alive');
    assert.equal(r.headers['x-backend'], 'echo');
    assert.equal(r.headers['content-type'], 'application/json');
    assert.equal(r.headers['x-amzn-trace-id'], undefined, 'HTTP_PROXY responses carry no X-Amzn-Trace-Id');
    assertApiGatewayHeaders(r);
    assert.equal(Number(r.headers['content-length']), Buffer.byteLength(r.body));
  });

  test('hop-by-hop and reserved request headers never reach the backend; Authorization does (26)', async () => {
    const r = await rawRequest(pathStyle(ids.api!, '/test/hop?a=1'), 'POST', {
      Connection: 'keep-alive, X-Hop-Token',
      'X-Hop-Token': 'per-connection',
      'Content-MD5': 'Q2hlY2sgSW50ZWdyaXR5IQ==',
      Expect: '100-continue',
      'Max-Forwards': '5',
      'Proxy-Authenticate': 'Basic realm="x"',
      Server: 'client-server/1.0',
      TE: 'trailers',
      Trailer: 'X-Checksum',
      'Transfer-Encoding': 'chunked',
      Upgrade: 'h2c',
      Via: '1.1 client-proxy',
      'WWW-Authenticate': 'Basic realm="y"',
      'Content-Encoding': 'identity',
      Authorization: 'Bearer x',
      'Content-Type': 'text/plain',
    }, 'hello');
    assert.equal(r.status, 200, r.body);
    const echo = JSON.parse(r.body) as Echo;
    assert.equal(echo.method, 'POST');
    assert.equal(echo.url, '/hop?a=1');
    assert.equal(echo.bodyLength, 5);
    for (const name of ['Content-MD5', 'Expect', 'Max-Forwards', 'Proxy-Authenticate', 'Server', 'TE', 'Trailer', 'Transfer-Encoding', 'Upgrade', 'Via', 'WWW-Authenticate', 'Content-Encoding']) {
      assert.deepEqual(echoHeader(echo, name), [], `${name} reached the backend: ${JSON.stringify(echo.headers)}`);
    }
    for (const value of echoHeader(echo, 'connection')) assert.doesNotMatch(value, /x-hop-token/i, "the client's Connection header reached the backend");
    assert.deepEqual(echoHeader(echo, 'authorization'), ['Bearer x']);
    assert.deepEqual(echoHeader(echo, 'content-length'), ['5']);
    assert.deepEqual(echoHeader(echo, 'content-type'), ['text/plain']);
  });

  test('a proxy-only API: the root is 403, {proxy} carries the rest of the path (24)', async () => {
    assertMissingToken(await invoke(ids.api!, '/test/'), 'GET /test/ on a {proxy+}-only API');
    const r = await invoke(ids.api!, '/test/a/b');
    assert.equal(r.status, 200, r.body);
    assert.equal((JSON.parse(r.body) as Echo).url, '/a/b');
  });

  test('a body over 10 MB answers 413 Request Too Long; 1 MB passes through', async () => {
    const ok = await fetchPathStyle(ids.api!, '/test/upload', { method: 'POST', body: Buffer.alloc(1024 * 1024, 97), headers: { 'Content-Type': 'application/octet-stream' } });
    assert.equal(ok.status, 200, ok.body);
    assert.equal((JSON.parse(ok.body) as Echo).bodyLength, 1024 * 1024);

    const big = await fetchPathStyle(ids.api!, '/test/upload', { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1, 97), headers: { 'Content-Type': 'application/octet-stream' } });
    assert.equal(big.status, 413, big.body);
    assert.deepEqual(JSON.parse(big.body), { message: 'Request Too Long' });
    assert.equal(big.body, '{"message":"Request Too Long"}');
    assertApiGatewayHeaders(big);
  });

  test('MOCK responses and Missing Authentication Token without a greedy resource (17–20); time-out and refused integrations (29, 30)', async () => {
    const api = await newApi('plain-api');
    const existing = await resource(api.id, api.root, 'existing');
    await mockMethod(api.id, existing, 'GET', '{"resource": "/existing"}');
    const integrate = async (part: string, uri: string, timeoutInMillis?: number) => {
      const id = await resource(api.id, api.root, part);
      await apigw.send(new PutMethodCommand({ restApiId: api.id, resourceId: id, httpMethod: 'GET', authorizationType: 'NONE' }));
      await apigw.send(new PutIntegrationCommand({ restApiId: api.id, resourceId: id, httpMethod: 'GET', type: 'HTTP_PROXY', integrationHttpMethod: 'GET', connectionType: 'INTERNET', uri, ...(timeoutInMillis ? { timeoutInMillis } : {}) }));
    };
    await integrate('fast', `http://127.0.0.1:${inprocPort}/fast`);
    await integrate('slow', `http://127.0.0.1:${inprocPort}/slow`, 1000);
    await integrate('refused', `http://127.0.0.1:${closedPort}/`);
    await apigw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'test' }));

    // 17: MOCK 200 with API Gateway's headers and no X-Amzn-Trace-Id.
    const mock = await eventually(async () => {
      const r = await invoke(api.id, '/test/existing');
      assert.equal(r.status, 200, r.body);
      return r;
    }, { timeoutMs: 10_000, intervalMs: 200 });
    assert.deepEqual(JSON.parse(mock.body), { resource: '/existing' });
    assert.equal(mock.headers['content-type'], 'application/json');
    assertApiGatewayHeaders(mock);
    assert.equal(mock.headers['x-amzn-trace-id'], undefined);
    assert.equal(mock.headers['x-amzn-errortype'], undefined);

    assertMissingToken(await invoke(api.id, '/test/does-not-exist'), '18: unknown path');
    assertMissingToken(await invoke(api.id, '/test/existing', { method: 'POST', body: '{}' }), '19: POST where only GET exists');
    assertMissingToken(await invoke(api.id, '/unknownstage/existing'), '20: unknown stage');
    assertMissingToken(await fetchPathStyle(api.id, '/unknownstage/existing'), '20: unknown stage, path style');

    const fast = await invoke(api.id, '/test/fast');
    assert.equal(fast.status, 200, fast.body);
    assert.equal(fast.body, 'fast GET /fast');
    assert.equal(fast.headers['x-amzn-remapped-server'], 'inproc/1.0');

    // 29: the backend answers after 3 s; timeoutInMillis is 1000.
    const started = Date.now();
    const slow = await invoke(api.id, '/test/slow');
    const elapsed = Date.now() - started;
    assert.equal(slow.status, 504, slow.body);
    assert.deepEqual(JSON.parse(slow.body), { message: 'Endpoint request timed out' });
    rawBodies.timeout = slow.body;
    assertApiGatewayHeaders(slow);
    assert.ok(elapsed >= 900 && elapsed < 2900, `504 after ${elapsed} ms, expected about timeoutInMillis (1000 ms)`);

    // 30: nothing listens on the port.
    const refused = await invoke(api.id, '/test/refused');
    assert.equal(refused.status, 500, refused.body);
    assert.equal(refused.headers['x-amzn-errortype'], 'InternalServerErrorException');
    assert.deepEqual(JSON.parse(refused.body), { message: 'Internal server error' });
    rawBodies.refused = refused.body;
    assertApiGatewayHeaders(refused);
  });

  test('routing precedence: static beats {param}, greedy fallback crosses static siblings, method-aware (21–23)', async () => {
    const a = await newApi('routing-api');
    const part1 = await resource(a.id, a.root, 'part1');
    await mockMethod(a.id, part1, 'GET', '{"resource": "/part1"}');
    const hard = await resource(a.id, part1, 'hardcoded-value');
    await mockMethod(a.id, hard, 'GET', '{"resource": "/part1/hardcoded-value"}');
    const greedy = await resource(a.id, a.root, '{param+}');
    await mockMethod(a.id, greedy, 'GET', `{"resource": "/{param+}", "param": "$input.params('param')"}`);
    await apigw.send(new CreateDeploymentCommand({ restApiId: a.id, stageName: 'test' }));

    const b = await newApi('precedence-api');
    const t = await resource(b.id, b.root, 'test');
    await mockMethod(b.id, t, 'POST', '{"resource": "/test", "method": "POST"}');
    const any = await resource(b.id, t, 'any');
    await mockMethod(b.id, any, 'ANY', '{"resource": "/test/any", "method": "ANY", "verb": "$context.httpMethod"}');
    const proxyRes = await resource(b.id, b.root, '{proxy+}');
    await mockMethod(b.id, proxyRes, 'OPTIONS', '{"resource": "/{proxy+}", "method": "OPTIONS"}');
    await apigw.send(new CreateDeploymentCommand({ restApiId: b.id, stageName: 'v1' }));

    const json = async (api: string, path: string, method = 'GET') => {
      const r = await invoke(api, path, { method });
      assert.equal(r.status, 200, `${method} ${path}: ${r.status} ${r.body}`);
      return JSON.parse(r.body);
    };
    await eventually(() => json(a.id, '/test/part1'), { timeoutMs: 10_000, intervalMs: 200 });
    assert.deepEqual(await json(a.id, '/test/part1'), { resource: '/part1' });
    assert.deepEqual(await json(a.id, '/test/part1/hardcoded-value'), { resource: '/part1/hardcoded-value' });
    assert.deepEqual(await json(a.id, '/test/part1/random-value'), { resource: '/{param+}', param: 'part1/random-value' });
    assert.deepEqual(await json(a.id, '/test/other/deep/path'), { resource: '/{param+}', param: 'other/deep/path' });

    await eventually(() => json(b.id, '/v1/test', 'POST'), { timeoutMs: 10_000, intervalMs: 200 });
    assert.deepEqual(await json(b.id, '/v1/test', 'POST'), { resource: '/test', method: 'POST' });
    assert.deepEqual(await json(b.id, '/v1/test', 'OPTIONS'), { resource: '/{proxy+}', method: 'OPTIONS' });
    assert.deepEqual(await json(b.id, '/v1/test/any', 'OPTIONS'), { resource: '/test/any', method: 'ANY', verb: 'OPTIONS' });
    assert.deepEqual(await json(b.id, '/v1/test/any', 'GET'), { resource: '/test/any', method: 'ANY', verb: 'GET' });
    assertMissingToken(await invoke(b.id, '/v1/test'), 'GET /test: only POST there and only OPTIONS on {proxy+}');

    // 40: a new resource serves only after CreateDeployment.
    const fresh = await resource(b.id, b.root, 'fresh');
    await mockMethod(b.id, fresh, 'GET', '{"resource": "/fresh"}');
    assertMissingToken(await invoke(b.id, '/v1/fresh'), 'a resource added after the deployment');
    await apigw.send(new CreateDeploymentCommand({ restApiId: b.id, stageName: 'v1' }));
    await eventually(async () => assert.deepEqual(await json(b.id, '/v1/fresh'), { resource: '/fresh' }), { timeoutMs: 10_000, intervalMs: 200 });
  });

  test('stage variables apply on the next call without a redeploy (40)', async () => {
    const api = await newApi('variables-api');
    const hello = await resource(api.id, api.root, 'hello');
    await mockMethod(api.id, hello, 'GET', '{"greeting": "$stageVariables.greeting"}');
    await apigw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'test', variables: { greeting: 'hi' } }));
    await eventually(async () => {
      const r = await invoke(api.id, '/test/hello');
      assert.equal(r.status, 200, r.body);
      assert.deepEqual(JSON.parse(r.body), { greeting: 'hi' });
    }, { timeoutMs: 10_000, intervalMs: 200 });
    await apigw.send(new UpdateStageCommand({ restApiId: api.id, stageName: 'test', patchOperations: [{ op: 'replace', path: '/variables/greeting', value: 'bonjour' }] }));
    await eventually(async () => assert.deepEqual(JSON.parse((await invoke(api.id, '/test/hello')).body), { greeting: 'bonjour' }), { timeoutMs: 10_000, intervalMs: 100 });

    // Through the VPC link: a link id that does not exist answers 500 until restored.
    const setLink = (value: string) => apigw.send(new UpdateStageCommand({ restApiId: ids.api, stageName: 'test', patchOperations: [{ op: 'replace', path: '/variables/VPCLINK', value }] }));
    await setLink('nosuch');
    const broken = await eventually(async () => {
      const r = await invoke(ids.api!, '/test/a');
      assert.equal(r.status, 500, r.body);
      return r;
    }, { timeoutMs: 10_000, intervalMs: 100 });
    assert.equal(broken.headers['x-amzn-errortype'], 'InternalServerErrorException');
    assert.deepEqual(JSON.parse(broken.body), { message: 'Internal server error' });
    rawBodies.wrongVpcLink = broken.body;
    await setLink(ids.link!);
    await eventually(async () => {
      const r = await invoke(ids.api!, '/test/a');
      assert.equal(r.status, 200, r.body);
      assert.equal((JSON.parse(r.body) as Echo).url, '/a');
    }, { timeoutMs: 10_000, intervalMs: 100 });
  });

  test('5xx error bodies byte for byte as AWS sends them (a space after the colon, unlike the 403s and the 413)', () => {
    assert.equal(rawBodies.timeout, '{"message": "Endpoint request timed out"}', 'the 504 of an integration time-out');
    assert.equal(rawBodies.refused, '{"message": "Internal server error"}', 'the 500 of a refused connection');
    assert.equal(rawBodies.wrongVpcLink, '{"message": "Internal server error"}', 'the 500 of a VPCLINK variable naming no link');
  });
});

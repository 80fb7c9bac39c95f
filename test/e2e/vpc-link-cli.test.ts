/**
 * Issue acceptance for reference architecture 2 (DESIGN.md), driven by Debian's aws CLI v2 and
 * `localvpc exec -- curl`: a REGIONAL REST API whose `{proxy+}` ANY method is an HTTP_PROXY
 * integration over a VPC link (`${stageVariables.VPCLINK}`, uri
 * `http://${stageVariables.VPCNLB}/{proxy}`) to an internal NLB (TCP:80) in front of two
 * instances serving HTTP from user data, with HTTP health checks on `/`.
 *
 * Covers: a call reaching a backend, both backends taking turns, a stopped instance leaving and
 * rejoining, the security-group trap (the backends' group must admit the NLB's addresses), stage
 * variables applied without a redeploy (a wrong VPCNLB only changes the Host header; a wrong
 * VPCLINK answers 500), and API Gateway's own errors and headers.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aws, localvpcExec, removeDir, startServer, type ServerProcess } from '../helpers/localvpc-process.js';
import { eventually } from '../helpers/eventually.js';
import { parseCurlInclude, type Reply } from '../helpers/curl.js';

const REGION = 'eu-west-1';
/** Root may bind port 80 as on AWS; elsewhere the backends use 8080. */
const PORT = process.getuid?.() === 0 ? 80 : 8080;
const BACKEND_SERVER = 'hello-backend/1.0';
/** The NLB's node address in 10.0.1.0/24 (the SDK file uses 10.0.1.20–22). */
const NLB_IP = '10.0.1.10';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const MISSING_TOKEN = '{"message":"Missing Authentication Token"}';
const INTERNAL_ERROR = '{"message": "Internal server error"}';


async function parseFetch(r: Response): Promise<Reply> {
  const headers: Record<string, string> = {};
  r.headers.forEach((value, name) => (headers[name] = value));
  return { status: r.status, headers, body: await r.text() };
}

/** Every header API Gateway puts on a response it answers itself or proxies. */
function assertApiGatewayHeaders(r: Reply): void {
  assert.match(r.headers['x-amzn-requestid'] ?? '', UUID, `x-amzn-RequestId: ${JSON.stringify(r.headers)}`);
  assert.ok(r.headers['x-amz-apigw-id'], `x-amz-apigw-id missing: ${JSON.stringify(r.headers)}`);
  assert.match(r.headers['date'] ?? '', HTTP_DATE);
}

function assertMissingToken(r: Reply, what: string): void {
  assert.equal(r.status, 403, `${what}: ${r.status} ${r.body}`);
  assert.equal(r.headers['x-amzn-errortype'], 'MissingAuthenticationTokenException', what);
  assert.match(r.headers['content-type'] ?? '', /^application\/json/, what);
  assert.deepEqual(JSON.parse(r.body), { message: 'Missing Authentication Token' }, what);
  assert.equal(r.body, MISSING_TOKEN, what);
  assertApiGatewayHeaders(r);
}

describe('architecture 2: REST API → VPC link → internal NLB → instances, with the aws CLI', () => {
  let server: ServerProcess;
  const ids: Record<string, string> = {};
  const ips: string[] = [];
  /** 5xx bodies kept for the byte-for-byte check at the end. */
  const rawBodies: Record<string, string> = {};
  let apiHost = '';
  const ec2 = (...args: string[]) => aws(server.endpoint, REGION, ['ec2', ...args]);
  const elbv2 = (...args: string[]) => aws(server.endpoint, REGION, ['elbv2', ...args]);
  const apigw = (...args: string[]) => aws(server.endpoint, REGION, ['apigateway', ...args]);

  /** `localvpc exec -- curl -i https://{api}.execute-api.eu-west-1.amazonaws.com{path}` from the internet. */
  async function invoke(path: string, curlArgs: string[] = [], host = apiHost): Promise<Reply> {
    const r = await localvpcExec(server.endpoint, 'internet', ['curl', '-sS', '-i', '--max-time', '10', ...curlArgs, `https://${host}${path}`]);
    assert.equal(r.code, 0, `curl exited ${r.code}: ${r.stderr}`);
    return parseCurlInclude(r.stdout);
  }

  /** One curl, `n` requests: the bodies, one per line. */
  async function invokeMany(path: string, n: number): Promise<string[]> {
    const url = `https://${apiHost}${path}`;
    const r = await localvpcExec(server.endpoint, 'internet', ['curl', '-sS', '--max-time', '20', '-w', '\\n', ...Array<string>(n).fill(url)]);
    assert.equal(r.code, 0, `curl exited ${r.code}: ${r.stderr}`);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, n, r.stdout);
    return lines;
  }

  /** The private IP that answered each body `hello from <ip> GET /a/b?x=1`. */
  function answeredBy(bodies: string[]): string[] {
    return bodies.map((b) => {
      const m = /^hello from (10\.0\.1\.\d+) GET \/a\/b\?x=1$/.exec(b);
      assert.ok(m, `unexpected body: ${b}`);
      return m[1]!;
    });
  }

  async function targetHealth(): Promise<Map<string, { State: string; Reason?: string; Description?: string }>> {
    const d = await elbv2('describe-target-health', '--target-group-arn', ids.tg!);
    return new Map(d.TargetHealthDescriptions.map((t: any) => [t.Target.Id, t.TargetHealth]));
  }

  async function waitBothHealthy(timeoutMs = 20_000): Promise<void> {
    await eventually(
      async () => {
        const h = await targetHealth();
        assert.equal(h.get(ids.i1!)?.State, 'healthy', JSON.stringify([...h]));
        assert.equal(h.get(ids.i2!)?.State, 'healthy', JSON.stringify([...h]));
        assert.equal(h.get(ids.i1!)?.Reason, undefined);
      },
      { timeoutMs, intervalMs: 200 },
    );
  }

  before(async () => {
    server = await startServer({ args: ['--exec-user-data', '--time-scale', '50'] });
  });
  after(async () => {
    await server?.stop();
    if (server) removeDir(server.stateDir);
  });

  test('builds the VPC, the instances, the internal NLB, the VPC link and the API step by step', async () => {
    ids.vpc = (await ec2('create-vpc', '--cidr-block', '10.0.0.0/16')).Vpc.VpcId;
    ids.subnet = (await ec2('create-subnet', '--vpc-id', ids.vpc, '--cidr-block', '10.0.1.0/24', '--availability-zone', 'eu-west-1a')).Subnet.SubnetId;
    ids.sg = (await ec2('create-security-group', '--group-name', 'web', '--description', 'web servers', '--vpc-id', ids.vpc)).GroupId;
    await ec2('authorize-security-group-ingress', '--group-id', ids.sg, '--protocol', 'tcp', '--port', String(PORT), '--cidr', '10.0.1.0/24');

    // The backend: `hello from <private ip> <method> <url>`, with its own Server header and the
    // Host it was asked for (X-Seen-Host), so the test sees what API Gateway forwarded.
    const js =
      `require('http').createServer((q,s)=>{s.setHeader('Server','${BACKEND_SERVER}');s.setHeader('X-Seen-Host',q.headers.host||'');` +
      `s.end('hello from '+process.env.LOCALVPC_PRIVATE_IP+' '+q.method+' '+q.url)}).listen(${PORT}, process.env.LOCALVPC_HOST_ADDRESS)`;
    const userData = join(server.stateDir, 'user-data.sh');
    writeFileSync(userData, `#!/bin/sh\nexec "${process.execPath}" -e "${js}"\n`);
    // Fixed addresses: another localvpc on this machine (a concurrent test file) allocates the
    // same wire, and its first free addresses (10.0.1.4, …) are the same host addresses.
    for (const [key, ip] of [['i1', '10.0.1.11'], ['i2', '10.0.1.12']] as const) {
      const run = await ec2('run-instances', '--image-id', 'ami-0123456789abcdef0', '--instance-type', 't3.micro', '--subnet-id', ids.subnet, '--private-ip-address', ip, '--security-group-ids', ids.sg, '--user-data', `file://${userData}`);
      assert.equal(run.Instances[0].PrivateIpAddress, ip);
      ids[key] = run.Instances[0].InstanceId;
      ips.push(ip);
    }
    await eventually(
      async () => {
        const d = await ec2('describe-instances', '--instance-ids', ids.i1!, ids.i2!);
        for (const r of d.Reservations) for (const i of r.Instances) assert.equal(i.State.Name, 'running');
      },
      { timeoutMs: 15_000, intervalMs: 100 },
    );

    // The NLB's node address is pinned for the same reason; it lies in 10.0.1.0/24, the range the
    // web group admits.
    const lb = (await elbv2('create-load-balancer', '--name', 'app-nlb', '--type', 'network', '--scheme', 'internal', '--subnet-mappings', `SubnetId=${ids.subnet},PrivateIPv4Address=${NLB_IP}`)).LoadBalancers[0];
    assert.deepEqual(lb.AvailabilityZones.map((z: any) => [z.ZoneName, z.LoadBalancerAddresses[0].PrivateIPv4Address]), [['eu-west-1a', NLB_IP]]);
    ids.nlb = lb.LoadBalancerArn;
    ids.nlbDns = lb.DNSName;
    assert.equal(lb.Scheme, 'internal');
    assert.equal(lb.Type, 'network');
    // NLB DNS name: NAME-ID16.elb.REGION.amazonaws.com, ID16 as in the ARN (elbv2 reference §1.2).
    assert.equal(ids.nlbDns, `app-nlb-${ids.nlb!.split('/').at(-1)}.elb.eu-west-1.amazonaws.com`);
    const tg = (
      await elbv2(
        'create-target-group', '--name', 'app-targets', '--protocol', 'TCP', '--port', String(PORT), '--vpc-id', ids.vpc, '--target-type', 'instance',
        '--health-check-protocol', 'HTTP', '--health-check-path', '/', '--health-check-interval-seconds', '10', '--health-check-timeout-seconds', '5',
        '--healthy-threshold-count', '2', '--unhealthy-threshold-count', '2',
      )
    ).TargetGroups[0];
    ids.tg = tg.TargetGroupArn;
    assert.equal(tg.HealthCheckProtocol, 'HTTP');
    await elbv2('modify-target-group-attributes', '--target-group-arn', ids.tg, '--attributes', 'Key=deregistration_delay.timeout_seconds,Value=5');
    await elbv2('register-targets', '--target-group-arn', ids.tg, '--targets', `Id=${ids.i1}`, `Id=${ids.i2}`);
    await elbv2('create-listener', '--load-balancer-arn', ids.nlb, '--protocol', 'TCP', '--port', '80', '--default-actions', `Type=forward,TargetGroupArn=${ids.tg}`);
    await eventually(
      async () => {
        const d = await elbv2('describe-load-balancers', '--load-balancer-arns', ids.nlb!);
        assert.equal(d.LoadBalancers[0].State.Code, 'active');
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );

    const link = await apigw('create-vpc-link', '--name', 'app-link', '--target-arns', ids.nlb);
    ids.link = link.id;
    assert.equal(link.status, 'PENDING');
    assert.deepEqual(link.targetArns, [ids.nlb]);
    await eventually(
      async () => {
        const l = await apigw('get-vpc-link', '--vpc-link-id', ids.link!);
        assert.equal(l.status, 'AVAILABLE', JSON.stringify(l));
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );

    const api = await apigw('create-rest-api', '--name', 'app-api', '--endpoint-configuration', 'types=REGIONAL');
    ids.api = api.id;
    apiHost = `${ids.api}.execute-api.${REGION}.amazonaws.com`;
    const resources = await apigw('get-resources', '--rest-api-id', ids.api);
    const root = resources.items.find((r: any) => r.path === '/');
    const proxy = await apigw('create-resource', '--rest-api-id', ids.api, '--parent-id', root.id, '--path-part', '{proxy+}');
    assert.equal(proxy.path, '/{proxy+}');
    await apigw('put-method', '--rest-api-id', ids.api, '--resource-id', proxy.id, '--http-method', 'ANY', '--authorization-type', 'NONE', '--request-parameters', '{"method.request.path.proxy":true}');
    const integration = await apigw(
      'put-integration', '--rest-api-id', ids.api, '--resource-id', proxy.id, '--http-method', 'ANY',
      '--type', 'HTTP_PROXY', '--integration-http-method', 'ANY',
      '--connection-type', 'VPC_LINK', '--connection-id', '${stageVariables.VPCLINK}',
      '--uri', 'http://${stageVariables.VPCNLB}/{proxy}',
      '--request-parameters', '{"integration.request.path.proxy":"method.request.path.proxy"}',
    );
    assert.equal(integration.connectionType, 'VPC_LINK');
    assert.equal(integration.connectionId, '${stageVariables.VPCLINK}');
    const deployment = await apigw('create-deployment', '--rest-api-id', ids.api, '--stage-name', 'test', '--variables', `VPCLINK=${ids.link},VPCNLB=${ids.nlbDns}`);
    assert.ok(deployment.id);
    const stage = await apigw('get-stage', '--rest-api-id', ids.api, '--stage-name', 'test');
    assert.deepEqual(stage.variables, { VPCLINK: ids.link, VPCNLB: ids.nlbDns });

    await waitBothHealthy(30_000);
  });

  test('(1) exec curl reaches a backend as GET /a/b?x=1, with API Gateway headers', async () => {
    const r = await eventually(async () => {
      const reply = await invoke('/test/a/b?x=1');
      assert.equal(reply.status, 200, reply.body);
      return reply;
    }, { timeoutMs: 10_000, intervalMs: 200 });
    assert.match(r.body, /^hello from 10\.0\.1\.\d+ GET \/a\/b\?x=1$/);
    assert.ok(ips.includes(answeredBy([r.body])[0]!), r.body);
    assertApiGatewayHeaders(r);
    // The uri names the Host header: the NLB's DNS name from VPCNLB.
    assert.equal(r.headers['x-seen-host'], ids.nlbDns);
    // HTTP_PROXY remaps the backend's Server and Date (§2.4).
    assert.equal(r.headers['x-amzn-remapped-server'], BACKEND_SERVER);
    assert.match(r.headers['x-amzn-remapped-date'] ?? '', HTTP_DATE);
    assert.notEqual(r.headers['server'], BACKEND_SERVER);
    assert.equal(r.headers['x-amzn-errortype'], undefined);
    assert.equal(r.headers['x-amzn-trace-id'], undefined, 'HTTP_PROXY responses carry no X-Amzn-Trace-Id');

    // Path style on the endpoint port, for clients without the proxy.
    const p = await parseFetch(await fetch(`${server.endpoint}/_aws/execute-api/${ids.api}/test/a/b?x=1`));
    assert.equal(p.status, 200, p.body);
    assert.match(p.body, /^hello from 10\.0\.1\.\d+ GET \/a\/b\?x=1$/);
    assertApiGatewayHeaders(p);
    assert.equal(p.headers['x-amzn-remapped-server'], BACKEND_SERVER);

    // Other verbs pass through ANY with the client's verb.
    const post = await invoke('/test/a/b?x=1', ['-X', 'POST', '--data', 'payload']);
    assert.equal(post.status, 200, post.body);
    assert.match(post.body, /^hello from 10\.0\.1\.\d+ POST \/a\/b\?x=1$/);
  });

  test('(2) successive requests reach both backends', async () => {
    const seen = new Set(answeredBy(await invokeMany('/test/a/b?x=1', 10)));
    assert.deepEqual([...seen].sort(), [...ips].sort());
  });

  test('(3) a stopped instance leaves the target group and comes back when started', async () => {
    await ec2('stop-instances', '--instance-ids', ids.i2!);
    await eventually(
      async () => {
        const h = await targetHealth();
        assert.equal(h.get(ids.i2!)?.State, 'unused', JSON.stringify([...h]));
        assert.equal(h.get(ids.i2!)?.Reason, 'Target.InvalidState');
        assert.equal(h.get(ids.i2!)?.Description, 'Target is in the stopped state');
        assert.equal(h.get(ids.i1!)?.State, 'healthy');
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    const d = await ec2('describe-instances', '--instance-ids', ids.i2!);
    assert.equal(d.Reservations[0].Instances[0].State.Name, 'stopped');
    assert.deepEqual(new Set(answeredBy(await invokeMany('/test/a/b?x=1', 10))), new Set([ips[0]]));

    await ec2('start-instances', '--instance-ids', ids.i2!);
    await waitBothHealthy();
    await eventually(async () => assert.deepEqual([...new Set(answeredBy(await invokeMany('/test/a/b?x=1', 10)))].sort(), [...ips].sort()), { timeoutMs: 10_000, intervalMs: 200 });
  });

  test("(4) the trap: a group that does not admit the NLB's addresses fails every health check", async () => {
    await ec2('revoke-security-group-ingress', '--group-id', ids.sg!, '--protocol', 'tcp', '--port', String(PORT), '--cidr', '10.0.1.0/24');
    await ec2('authorize-security-group-ingress', '--group-id', ids.sg!, '--protocol', 'tcp', '--port', String(PORT), '--cidr', '192.168.0.0/16');
    await eventually(
      async () => {
        const h = await targetHealth();
        for (const id of [ids.i1!, ids.i2!]) {
          assert.equal(h.get(id)?.State, 'unhealthy', JSON.stringify([...h]));
          assert.equal(h.get(id)?.Reason, 'Target.FailedHealthChecks');
          assert.equal(h.get(id)?.Description, 'Health checks failed');
        }
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );

    await ec2('authorize-security-group-ingress', '--group-id', ids.sg!, '--protocol', 'tcp', '--port', String(PORT), '--cidr', '10.0.1.0/24');
    await ec2('revoke-security-group-ingress', '--group-id', ids.sg!, '--protocol', 'tcp', '--port', String(PORT), '--cidr', '192.168.0.0/16');
    await waitBothHealthy();
    const r = await invoke('/test/a/b?x=1');
    assert.equal(r.status, 200, r.body);
    assert.match(r.body, /^hello from 10\.0\.1\.\d+ GET \/a\/b\?x=1$/);
  });

  test('(5) stage variables apply without a redeploy: VPCNLB only sets the Host, a wrong VPCLINK answers 500', async () => {
    const setVariable = (name: string, value: string) =>
      apigw('update-stage', '--rest-api-id', ids.api!, '--stage-name', 'test', '--patch-operations', `op=replace,path=/variables/${name},value=${value}`);

    // VPC_LINK: the link picks the NLB; the uri's host is only the Host header (§1.6).
    const updated = await setVariable('VPCNLB', 'wrong.example.com');
    assert.equal(updated.variables.VPCNLB, 'wrong.example.com');
    const wrongHost = await eventually(async () => {
      const r = await invoke('/test/a/b?x=1');
      assert.equal(r.status, 200, r.body);
      assert.equal(r.headers['x-seen-host'], 'wrong.example.com');
      return r;
    }, { timeoutMs: 10_000, intervalMs: 200 });
    assert.match(wrongHost.body, /^hello from 10\.0\.1\.\d+ GET \/a\/b\?x=1$/);
    await setVariable('VPCNLB', ids.nlbDns!);
    await eventually(async () => assert.equal((await invoke('/test/a/b?x=1')).headers['x-seen-host'], ids.nlbDns), { timeoutMs: 10_000, intervalMs: 200 });

    await setVariable('VPCLINK', 'nosuch');
    const broken = await eventually(async () => {
      const r = await invoke('/test/a/b?x=1');
      assert.equal(r.status, 500, r.body);
      return r;
    }, { timeoutMs: 10_000, intervalMs: 200 });
    assert.equal(broken.headers['x-amzn-errortype'], 'InternalServerErrorException');
    assert.match(broken.headers['content-type'] ?? '', /^application\/json/);
    assert.deepEqual(JSON.parse(broken.body), { message: 'Internal server error' });
    assertApiGatewayHeaders(broken);
    rawBodies.wrongVpcLink = broken.body;

    await setVariable('VPCLINK', ids.link!);
    await eventually(async () => {
      const r = await invoke('/test/a/b?x=1');
      assert.equal(r.status, 200, r.body);
      assert.match(r.body, /^hello from 10\.0\.1\.\d+ GET \/a\/b\?x=1$/);
    }, { timeoutMs: 10_000, intervalMs: 200 });
    const deployments = await apigw('get-deployments', '--rest-api-id', ids.api!);
    assert.equal(deployments.items.length, 1, 'no redeploy happened');
  });

  test('(6) API Gateway errors in AWS shape: unknown stage, unknown path, the root of a proxy-only API', async () => {
    // An unknown stage: 403 Missing Authentication Token, not 404 (§2.2).
    assertMissingToken(await invoke('/prod/a/b?x=1'), 'unknown stage');
    // `{proxy+}` does not match its own parent: the root has no method (checklist 24).
    assertMissingToken(await invoke('/test/'), 'root of a proxy-only API');
    assertMissingToken(await invoke('/test'), 'stage without a slash');

    // A second API with only GET /pets (MOCK): anything else has no resource.
    const pets = (await apigw('create-rest-api', '--name', 'pets-api', '--endpoint-configuration', 'types=REGIONAL')).id;
    const root = (await apigw('get-resources', '--rest-api-id', pets)).items.find((r: any) => r.path === '/');
    const res = await apigw('create-resource', '--rest-api-id', pets, '--parent-id', root.id, '--path-part', 'pets');
    await apigw('put-method', '--rest-api-id', pets, '--resource-id', res.id, '--http-method', 'GET', '--authorization-type', 'NONE');
    await apigw('put-integration', '--rest-api-id', pets, '--resource-id', res.id, '--http-method', 'GET', '--type', 'MOCK', '--request-templates', '{"application/json":"{\\"statusCode\\": 200}"}');
    await apigw('put-method-response', '--rest-api-id', pets, '--resource-id', res.id, '--http-method', 'GET', '--status-code', '200');
    await apigw('put-integration-response', '--rest-api-id', pets, '--resource-id', res.id, '--http-method', 'GET', '--status-code', '200', '--response-templates', '{"application/json":"{\\"pets\\": []}"}');
    await apigw('create-deployment', '--rest-api-id', pets, '--stage-name', 'test');
    const petsHost = `${pets}.execute-api.${REGION}.amazonaws.com`;

    const ok = await eventually(async () => {
      const r = await invoke('/test/pets', [], petsHost);
      assert.equal(r.status, 200, r.body);
      return r;
    }, { timeoutMs: 10_000, intervalMs: 200 });
    assert.deepEqual(JSON.parse(ok.body), { pets: [] });
    assert.match(ok.headers['content-type'] ?? '', /^application\/json/);
    assertApiGatewayHeaders(ok);
    assert.equal(ok.headers['x-amzn-trace-id'], undefined, 'MOCK responses carry no X-Amzn-Trace-Id');

    assertMissingToken(await invoke('/test/cats', [], petsHost), 'unknown path');
    assertMissingToken(await invoke('/test/pets', ['-X', 'POST', '--data', '{}'], petsHost), 'method not on the resource');
    assertMissingToken(await invoke('/dev/pets', [], petsHost), 'unknown stage of the second API');
    // The same through the path-style URL.
    assertMissingToken(await parseFetch(await fetch(`${server.endpoint}/_aws/execute-api/${pets}/test/cats`)), 'unknown path, path style');
  });

  test('5xx error bodies byte for byte as AWS sends them (a space after the colon, unlike the 403s)', () => {
    assert.equal(rawBodies.wrongVpcLink, INTERNAL_ERROR, 'the 500 of a VPCLINK variable naming no link');
  });
});

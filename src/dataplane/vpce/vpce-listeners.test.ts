/**
 * execute-api interface VPC endpoints over real sockets (apigateway-rest.md §2.1, §2.8, §2.9, §3,
 * checklist 34–39; elbv2-vpc-endpoints.md §4.2–§4.4; DESIGN.md architecture 1).
 *
 * Wire 187 is this file's own: the VPC is 10.0.0.0/16 on 127.187.0.0/16. Records are written
 * straight into the store (apigw/fixtures.test.ts); NetworkPlane, ApiGwPlane, the pipeline and
 * VpceListeners run as dataplane.ts wires them. Clients connect from 10.0.3.10 (a bare host of
 * subnet C) to an endpoint ENI's host address and port 443, through the port map.
 *
 * Endpoints (all with a group admitting TCP 443 from the VPC, except D):
 *   A 10.0.1.10 + 10.0.2.10 — named by the private APIs' policies and vpcEndpointIds;
 *   B 10.0.1.20 — another endpoint; C 10.0.2.20 — no custom domain association;
 *   D 10.0.1.30 — its group admits nothing.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../../../test/helpers/eventually.js';
import { silentLogger } from '../../kernel/log.js';
import { Store } from '../../state/store.js';
import { KIND as EC2_KIND } from '../../state/records/ec2.js';
import { Ec2Fixture } from '../../state/views/testing-fixtures.js';
import { ApiGwFixture, planes, privateApiPolicy, type Planes, type Routed } from '../apigw/fixtures.test.js';
import { PortMap } from '../listeners/port-map.js';
import { LocalCa } from '../tls/ca.js';
import { VpceListeners } from './vpce-listeners.js';

const REGION = 'eu-west-1';
const WIRE = 187;
const CLIENT = '10.0.3.10';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FORBIDDEN = '{"message":"Forbidden"}';
/** AWS seconds a dropped connection is held (0.3 s real at time scale 100). */
const DROP_AFTER_SECONDS = 30;

const host = (ip: string) => {
  const m = /^10\.0\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) throw new Error(`${ip} is not in 10.0.0.0/16`);
  return `127.${WIRE}.${m[1]}.${m[2]}`;
};

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('execute-api VPC endpoint listeners', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'localvpc-vpce-'));
  const store = Store.open(':memory:');
  const ec2 = new Ec2Fixture(store, REGION);
  const gw = new ApiGwFixture(store, REGION);
  const portMap = new PortMap();
  let ca: LocalCa;
  let p: Planes;
  let listeners: VpceListeners;
  const ids: Record<string, string> = {};

  /** An HTTPS request to `eni` (AWS-style address) from `from`; no SNI unless `servername`. */
  function request(eni: string, options: { host?: string; servername?: string; path?: string; headers?: Record<string, string>; from?: string } = {}): Promise<Reply> {
    const address = host(eni);
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          host: address,
          port: portMap.resolve(address, 443),
          localAddress: host(options.from ?? CLIENT),
          path: options.path ?? '/',
          method: 'GET',
          headers: { host: options.host ?? eni, ...options.headers },
          ...(options.servername ? { servername: options.servername } : {}),
          rejectUnauthorized: false,
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  const routed = (r: Reply): Routed => {
    assert.equal(r.status, 200, r.body);
    return JSON.parse(r.body) as Routed;
  };
  const forbidden = (r: Reply) => {
    assert.equal(r.status, 403, r.body);
    assert.equal(r.body, FORBIDDEN);
    assert.equal(r.headers['x-amzn-errortype'], 'ForbiddenException');
    assert.match(String(r.headers['x-amzn-requestid']), UUID);
  };
  const denied = (r: Reply, message: string) => {
    assert.equal(r.status, 403, r.body);
    assert.equal(r.headers['x-amzn-errortype'], 'AccessDeniedException');
    assert.deepEqual(JSON.parse(r.body), { Message: message });
  };

  before(async () => {
    ca = await LocalCa.open(stateDir);
    const vpc = ec2.vpc('10.0.0.0/16', { wires: [WIRE] });
    const a = ec2.subnet(vpc, '10.0.1.0/24', `${REGION}a`);
    const b = ec2.subnet(vpc, '10.0.2.0/24', `${REGION}b`);
    ec2.subnet(vpc, '10.0.3.0/24', `${REGION}a`);
    ids.vpc = vpc.id;
    const open = ec2.securityGroup(vpc, 'execute-api', { ingress: [{ protocol: 'tcp', ports: 443, cidr: '10.0.0.0/16' }] });
    const closed = ec2.securityGroup(vpc, 'closed', { ingress: [] });
    ids.A = gw.vpcEndpoint(ec2, vpc.id, [[a, '10.0.1.10'], [b, '10.0.2.10']], [open]).id;
    ids.B = gw.vpcEndpoint(ec2, vpc.id, [[a, '10.0.1.20']], [open]).id;
    ids.C = gw.vpcEndpoint(ec2, vpc.id, [[b, '10.0.2.20']], [open]).id;
    ids.D = gw.vpcEndpoint(ec2, vpc.id, [[a, '10.0.1.30']], [closed]).id;

    ids.priv = gw.api({ type: 'PRIVATE', policy: (id) => privateApiPolicy(REGION, id, ids.A!), vpcEndpointIds: [ids.A] }).id;
    ids.nopol = gw.api({ type: 'PRIVATE' }).id;
    ids.pub = gw.api({ type: 'REGIONAL', stage: 'prod' }).id;
    ids.orders = gw.api({ type: 'PRIVATE', stage: 'v1', paths: ['/', '/items'], policy: (id) => JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: `arn:aws:execute-api:${REGION}:000000000000:${id}/*` }] }) }).id;

    const regional = gw.domainName('api.example.com', 'REGIONAL');
    gw.mapping(regional, '(none)', ids.priv, 'test');
    gw.mapping(regional, 'orders', ids.orders, 'v1');
    gw.mapping(regional, 'v2', ids.orders);
    gw.mapping(gw.domainName('nomatch.example.com', 'REGIONAL'), 'orders', ids.orders, 'v1');

    const issued = await ca.issue(['private.example.com']);
    const cert = gw.certificate('private.example.com', issued);
    const domainArn = `arn:aws:execute-api:${REGION}:000000000000:/domainnames/private.example.com+abcd123456`;
    const privateDomain = gw.domainName('private.example.com', 'PRIVATE', {
      domainNameId: 'abcd123456',
      certificateArn: cert.id,
      policy: JSON.stringify({
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: domainArn },
          { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: domainArn, Condition: { StringNotEquals: { 'aws:SourceVpce': ids.A } } },
        ],
      }),
    });
    gw.mapping(privateDomain, '(none)', ids.priv, 'test');
    gw.associate(privateDomain, ids.A);
    gw.associate(privateDomain, ids.B);

    p = planes(store, portMap);
    listeners = new VpceListeners({
      apigw: p.apigw,
      network: p.network,
      portMap,
      ca: async () => ca,
      clock: p.clock,
      logger: silentLogger,
      dropAfterSeconds: DROP_AFTER_SECONDS,
      serve: (req, res, caller, vpceId) => p.executeApi.serveFromEndpoint(req, res, caller, vpceId),
    });
    await listeners.reconcile();
  });

  after(async () => {
    await listeners?.close();
    await p?.close();
    store.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('binds port 443 (or a recorded substitute) on every ENI of every available endpoint', () => {
    const bound = listeners.listeners().map((l) => `${l.vpcEndpointId} ${l.hostAddress}:${l.port}`).sort();
    assert.deepEqual(bound, [`${ids.A} 127.187.1.10:443`, `${ids.A} 127.187.2.10:443`, `${ids.B} 127.187.1.20:443`, `${ids.C} 127.187.2.20:443`, `${ids.D} 127.187.1.30:443`].sort());
    for (const l of listeners.listeners()) assert.equal(l.boundPort, portMap.resolve(l.hostAddress, 443));
  });

  it('without a Host that names an API: 403 {"message":"Forbidden"} (what an ALB health check sees)', async () => {
    forbidden(await request('10.0.1.10'));
    forbidden(await request('10.0.1.10', { host: `${ids.A}-abcd1234.execute-api.${REGION}.vpce.amazonaws.com` }));
    forbidden(await request('10.0.1.10', { host: 'unknown.example.com' }));
  });

  it('a PRIVATE API by its execute-api Host, with x-amzn-RequestId and x-amz-apigw-id (private DNS, checklist 36)', async () => {
    const name = `${ids.priv}.execute-api.${REGION}.amazonaws.com`;
    const r = await request('10.0.2.10', { host: name, servername: name, path: '/test/pets' });
    assert.deepEqual(routed(r), { api: ids.priv, stage: 'test', resource: '/pets', domain: name, prefix: ids.priv, path: '/test/pets', vpce: ids.A, vpc: ids.vpc, ip: CLIENT });
    assert.match(String(r.headers['x-amzn-requestid']), UUID);
    assert.match(String(r.headers['x-amz-apigw-id']), /^[A-Za-z0-9_-]{15}=$/);
    assert.equal(r.headers['content-type'], 'application/json');
  });

  it('a PRIVATE API by x-apigw-api-id against the endpoint\'s own name (checklist 36)', async () => {
    const vpceName = `${ids.A}-abcd1234.execute-api.${REGION}.vpce.amazonaws.com`;
    const r = routed(await request('10.0.1.10', { host: vpceName, servername: vpceName, path: '/test/', headers: { 'x-apigw-api-id': ids.priv! } }));
    assert.equal(r.api, ids.priv);
    assert.equal(r.resource, '/');
    assert.equal(r.domain, vpceName);
  });

  it('{api}-{vpce} works only through that endpoint and only when it is in vpcEndpointIds (checklist 37)', async () => {
    const alias = (api: string, vpce: string) => `${api}-${vpce}.execute-api.${REGION}.amazonaws.com`;
    assert.equal(routed(await request('10.0.1.10', { host: alias(ids.priv!, ids.A!), path: '/test/pets' })).resource, '/pets');
    forbidden(await request('10.0.1.20', { host: alias(ids.priv!, ids.A!), path: '/test/pets' }));
    forbidden(await request('10.0.1.20', { host: alias(ids.priv!, ids.B!), path: '/test/pets' }));
  });

  it('a REGIONAL API named through the endpoint: 403 Forbidden (checklist 38)', async () => {
    forbidden(await request('10.0.1.10', { host: `${ids.pub}.execute-api.${REGION}.amazonaws.com`, path: '/prod/pets' }));
    forbidden(await request('10.0.1.10', { path: '/prod/pets', headers: { 'x-apigw-api-id': ids.pub! } }));
  });

  it('a PRIVATE API without a resource policy: 403 AccessDeniedException (checklist 34)', async () => {
    denied(
      await request('10.0.1.10', { host: `${ids.nopol}.execute-api.${REGION}.amazonaws.com`, path: '/test/' }),
      `User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:${REGION}:********0000:${ids.nopol}/test/GET/`,
    );
  });

  it('a policy admitting only endpoint A: explicit deny through B (checklist 35)', async () => {
    denied(
      await request('10.0.1.20', { host: `${ids.priv}.execute-api.${REGION}.amazonaws.com`, path: '/test/pets' }),
      `User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:${REGION}:********0000:${ids.priv}/test/GET/pets with an explicit deny`,
    );
  });

  it('a Regional custom domain by Host: (none), named base paths, stage from the path (the ALB trick, checklist 39)', async () => {
    const via = (path: string) => request('10.0.1.10', { host: 'api.example.com', path });
    assert.deepEqual(routed(await via('/pets')), { api: ids.priv, stage: 'test', resource: '/pets', domain: 'api.example.com', prefix: 'api', path: '/pets', vpce: ids.A, vpc: ids.vpc, ip: CLIENT });
    assert.equal(routed(await via('/')).resource, '/');
    const orders = routed(await via('/orders/items'));
    assert.deepEqual([orders.api, orders.stage, orders.resource, orders.path], [ids.orders, 'v1', '/items', '/orders/items']);
    const v2 = routed(await via('/v2/v1/items'));
    assert.deepEqual([v2.api, v2.stage, v2.resource], [ids.orders, 'v1', '/items']);
    // The mapped stage is not in the path: /test/pets is resource /test/pets, which does not exist.
    const missing = await via('/test/pets');
    assert.equal(missing.status, 403);
    assert.equal(missing.body, '{"message":"Missing Authentication Token"}');
    // The API's own policy still applies behind the domain: endpoint B is denied.
    assert.equal((await request('10.0.1.20', { host: 'api.example.com', path: '/pets' })).status, 403);
    // No mapping matches and no (none): 403 Forbidden [inf].
    forbidden(await request('10.0.1.10', { host: 'nomatch.example.com', path: '/customers' }));
    assert.equal(routed(await request('10.0.1.10', { host: 'nomatch.example.com', path: '/orders/items' })).api, ids.orders);
  });

  it('a PRIVATE custom domain needs an access association and its policy (§3)', async () => {
    const r = routed(await request('10.0.1.10', { host: 'private.example.com', servername: 'private.example.com', path: '/pets' }));
    assert.deepEqual([r.api, r.resource, r.domain, r.prefix], [ids.priv, '/pets', 'private.example.com', 'private']);
    forbidden(await request('10.0.2.20', { host: 'private.example.com', path: '/pets' }));
    denied(
      await request('10.0.1.20', { host: 'private.example.com', path: '/pets' }),
      `User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:${REGION}:********0000:/domainnames/private.example.com+abcd123456 with an explicit deny`,
    );
  });

  it('TLS without SNI presents the execute-api certificate; SNI of a private custom domain its ACM certificate', async () => {
    const handshake = (servername: string | undefined) =>
      new Promise<tls.PeerCertificate>((resolve, reject) => {
        const address = host('10.0.1.10');
        const raw = net.connect({ host: address, port: portMap.resolve(address, 443), localAddress: host(CLIENT) });
        const socket = tls.connect({ socket: raw, ca: ca.certPem, ...(servername ? { servername } : {}), checkServerIdentity: () => undefined }, () => {
          if (!socket.authorized) reject(new Error(`not authorized: ${String(socket.authorizationError)}`));
          resolve(socket.getPeerCertificate());
          socket.end();
        });
        socket.on('error', reject);
      });
    const noSni = await handshake(undefined);
    assert.deepEqual(noSni.subjectaltname?.split(', ').sort(), [`DNS:*.execute-api.${REGION}.amazonaws.com`, `DNS:*.execute-api.${REGION}.vpce.amazonaws.com`, `DNS:execute-api.${REGION}.amazonaws.com`]);
    assert.equal(tls.checkServerIdentity(`${ids.priv}.execute-api.${REGION}.amazonaws.com`, noSni), undefined);
    assert.equal(tls.checkServerIdentity(`${ids.A}-abcd1234.execute-api.${REGION}.vpce.amazonaws.com`, noSni), undefined);
    const custom = await handshake('private.example.com');
    assert.equal(custom.subjectaltname, 'DNS:private.example.com');
  });

  it('an endpoint whose security group does not admit 443 from the caller: no answer, held, then dropped', async () => {
    const address = host('10.0.1.30');
    const socket = net.connect({ host: address, port: portMap.resolve(address, 443), localAddress: host(CLIENT) });
    const state = { bytes: 0, closed: false };
    socket.on('data', (d: Buffer) => (state.bytes += d.length));
    socket.on('close', () => (state.closed = true));
    socket.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.write('\x16\x03\x01\x00\x05hello');
    // A full request on an admitting endpoint completes meanwhile; the dropped one stays silent.
    forbidden(await request('10.0.1.10'));
    assert.deepEqual(state, { bytes: 0, closed: false });
    await eventually(() => assert.equal(state.closed, true));
    assert.equal(state.bytes, 0);
  });

  it('a deleted endpoint closes its listener', async () => {
    ec2.delete(EC2_KIND.vpcEndpoint, ids.C!);
    await eventually(() => assert.deepEqual(listeners.listeners().filter((l) => l.vpcEndpointId === ids.C), []));
    const address = host('10.0.2.20');
    const code = await new Promise<string | undefined>((resolve) => {
      const s = net.connect({ host: address, port: portMap.resolve(address, 443), localAddress: host(CLIENT) });
      s.once('connect', () => {
        s.destroy();
        resolve(undefined);
      });
      s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code));
    });
    assert.equal(code, 'ECONNREFUSED');
  });
});

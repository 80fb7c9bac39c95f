/**
 * The public execute-api front door over real sockets: APIs by their default Host, REGIONAL
 * custom domains by Host with their ACM certificate picked by SNI, and nothing PRIVATE
 * (apigateway-rest.md §2.1, §2.9, §3, §5 step 2). Clients connect from 127.0.0.1 (the internet).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../kernel/log.js';
import { Store } from '../../state/store.js';
import { PortMap } from '../listeners/port-map.js';
import { LocalCa } from '../tls/ca.js';
import { CustomDomainCertificates } from './custom-domain-certificates.js';
import { ApiGwFixture, planes, type Planes, type Routed } from './fixtures.test.js';
import { startFrontDoor, type FrontDoor } from './front-door.js';

const REGION = 'eu-west-1';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  subjectAltName: string | undefined;
}

describe('execute-api front door', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'localvpc-front-door-'));
  const store = Store.open(':memory:');
  const gw = new ApiGwFixture(store, REGION);
  const portMap = new PortMap();
  let ca: LocalCa;
  let p: Planes;
  let door: FrontDoor;
  const ids: Record<string, string> = {};

  /** GET `path` with Host and SNI `name`, verified against the local CA unless `verify` is false. */
  function request(name: string, path: string, verify = true): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = https.request(
        { host: door.hostAddress, port: door.boundPort, localAddress: '127.0.0.1', servername: name, path, headers: { host: name }, ca: ca.certPem, rejectUnauthorized: verify, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          const cert = (res.socket as import('node:tls').TLSSocket).getPeerCertificate();
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString(), subjectAltName: cert.subjectaltname }));
        },
      );
      req.on('error', reject);
      req.end();
    });
  }
  const forbidden = (r: Reply) => {
    assert.equal(r.status, 403, r.body);
    assert.equal(r.body, '{"message":"Forbidden"}');
    assert.equal(r.headers['x-amzn-errortype'], 'ForbiddenException');
  };

  before(async () => {
    ca = await LocalCa.open(stateDir);
    ids.pub = gw.api({ type: 'REGIONAL', stage: 'prod' }).id;
    ids.priv = gw.api({ type: 'PRIVATE', policy: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*"}]}' }).id;
    const cert = gw.certificate('regional.example.com', await ca.issue(['regional.example.com']));
    const regional = gw.domainName('regional.example.com', 'REGIONAL', { certificateArn: cert.id });
    gw.mapping(regional, '(none)', ids.pub, 'prod');
    gw.mapping(gw.domainName('toprivate.example.com', 'REGIONAL'), '(none)', ids.priv, 'test');
    const privateDomain = gw.domainName('private.example.com', 'PRIVATE', { policy: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*"}]}' });
    gw.mapping(privateDomain, '(none)', ids.priv, 'test');
    p = planes(store, portMap);
    const certificates = new CustomDomainCertificates();
    door = await startFrontDoor({
      ca: async () => ca,
      portMap,
      logger: silentLogger,
      handler: (req, res) => p.executeApi.serveByHost(req, res, { endpoint: { kind: 'internet' }, sourceIp: undefined }),
      customDomain: (servername) => certificates.contextFor(p.apigw.snapshot(), servername, { kind: 'public' }),
    });
  });

  after(async () => {
    await door?.close();
    await p?.close();
    store.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('a REGIONAL API by its execute-api name', async () => {
    const name = `${ids.pub}.execute-api.${REGION}.amazonaws.com`;
    const r = await request(name, '/prod/pets');
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(JSON.parse(r.body), { api: ids.pub, stage: 'prod', resource: '/pets', domain: name, prefix: ids.pub, path: '/prod/pets', vpce: '', vpc: '', ip: '127.0.0.1' });
  });

  it('a REGIONAL custom domain by Host, presenting its ACM certificate for its SNI', async () => {
    const r = await request('regional.example.com', '/pets');
    assert.equal(r.status, 200, r.body);
    assert.equal(r.subjectAltName, 'DNS:regional.example.com');
    const routed = JSON.parse(r.body) as Routed;
    assert.deepEqual([routed.api, routed.stage, routed.resource, routed.domain, routed.prefix, routed.path], [ids.pub, 'prod', '/pets', 'regional.example.com', 'regional', '/pets']);
  });

  it('refuses PRIVATE APIs by name or through a public custom domain, and PRIVATE custom domains: 403 Forbidden', async () => {
    forbidden(await request(`${ids.priv}.execute-api.${REGION}.amazonaws.com`, '/test/pets'));
    // Neither domain has a certificate here: the door presents its execute-api one.
    forbidden(await request('toprivate.example.com', '/pets', false));
    forbidden(await request('private.example.com', '/pets', false));
  });
});

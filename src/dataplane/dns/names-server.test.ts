/**
 * Real UDP and TCP queries to the DNS server for Route 53, endpoint and API Gateway names, each
 * answered in the view of its source address (view.ts): VPC A on wire 194 (10.0.3.9 is
 * 127.194.3.9), peered VPC B on wire 195, a VPN customer network on wire 196, the internet
 * from 127.0.0.1. The world is fixtures.test.ts's; wires 194–196 are this file's own.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import type { DecodedPacket } from 'dns-packet';
import { silentLogger } from '../../kernel/log.js';
import { EXECUTE_API_PUBLIC_IP } from '../network/public-services.js';
import { ENDPOINT_IPS, namesWorld, type NamesWorld } from './fixtures.test.js';
import { startDnsServer, type DnsServer } from './server.js';
import { query, rcodeOf, TcpClient, udpExchange } from './testing-client.js';

const IN_A = '127.194.3.9';
const IN_B = '127.195.0.9';
const IN_VPN = '127.196.0.10';
const INTERNET = '127.0.0.1';
const DIG = '/usr/bin/dig';

let world: NamesWorld;
let server: DnsServer;

before(async () => {
  world = await namesWorld({ a: 194, b: 195, vpn: 196 });
  server = await startDnsServer({ host: '127.0.0.1', port: 0, network: world.network, resolver: world.resolver, logger: silentLogger });
});

after(async () => {
  await server.close();
  await world.close();
});

const udp = (name: string, type: Parameters<typeof query>[1], source: string) => udpExchange(server.port, query(name, type), { source });
/** `type data` of each answer; TXT strings as text. */
function rrs(r: DecodedPacket): string[] {
  return (r.answers ?? []).map((a) => {
    const data = (a as { data: unknown }).data;
    const text = Array.isArray(data) ? data.map((b: Buffer) => b.toString()).join('|') : typeof data === 'string' ? data : JSON.stringify(data);
    return `${a.name} ${a.type} ${(a as { ttl: number }).ttl} ${text}`;
  });
}
const addressesOf = (r: DecodedPacket) => (r.answers ?? []).filter((a) => a.type === 'A').map((a) => (a as { data: string }).data);

test('public zone over UDP: A through an alias to the ALB, a CNAME chain, TXT; in every view', async () => {
  for (const source of [IN_A, IN_VPN, INTERNET]) {
    const apex = await udp('vpcdemo.com', 'A', source);
    assert.equal(rcodeOf(apex), 0);
    assert.deepEqual(rrs(apex), world.albNodes.map((ip) => `vpcdemo.com A 60 ${ip}`), source);
    const www = await udp('WWW.vpcdemo.com', 'A', source);
    assert.deepEqual(rrs(www), ['WWW.vpcdemo.com CNAME 300 vpcdemo.com', ...world.albNodes.map((ip) => `vpcdemo.com A 60 ${ip}`)]);
    assert.deepEqual(rrs(await udp('txt.vpcdemo.com', 'TXT', source)), ['txt.vpcdemo.com TXT 600 hello world|second']);
  }
});

test('NXDOMAIN and NODATA from a hosted zone carry its SOA in the authority section', async () => {
  const nx = await udp('nope.vpcdemo.com', 'A', INTERNET);
  assert.equal(rcodeOf(nx), 3);
  assert.deepEqual(
    nx.authorities?.map((a) => [a.name, a.type, (a as { ttl: number }).ttl, (a as { data: { rname: string } }).data.rname]),
    [['vpcdemo.com', 'SOA', 900, 'awsdns-hostmaster.amazon.com']],
  );
  const nodata = await udp('txt.vpcdemo.com', 'AAAA', INTERNET);
  assert.deepEqual([rcodeOf(nodata), nodata.answers, nodata.authorities?.[0]?.type], [0, [], 'SOA']);
});

test('wildcard records over UDP: any name below, the exact name wins', async () => {
  assert.deepEqual(rrs(await udp('Some.Host.wild.vpcdemo.com', 'A', INTERNET)), ['Some.Host.wild.vpcdemo.com A 30 192.0.2.7']);
  assert.deepEqual(addressesOf(await udp('exact.wild.vpcdemo.com', 'A', INTERNET)), ['192.0.2.8']);
});

test('a private zone answers its associated VPC only: not a peered VPC, the VPN customer network or the internet', async () => {
  assert.deepEqual(rrs(await udp('api.corp.example', 'A', IN_A)), ['api.corp.example A 120 10.0.3.50']);
  for (const source of [IN_B, IN_VPN, INTERNET]) {
    const r = await udp('api.corp.example', 'A', source);
    assert.deepEqual([rcodeOf(r), r.answers, r.authorities], [3, [], []], source);
  }
});

test('a private zone of the same name shadows the public zone in its VPC: NXDOMAIN with the private SOA', async () => {
  assert.deepEqual(addressesOf(await udp('www.vpcdemo.com', 'A', IN_B)), ['10.1.0.99']);
  const hidden = await udp('txt.vpcdemo.com', 'TXT', IN_B);
  assert.equal(rcodeOf(hidden), 3);
  assert.equal((hidden.authorities?.[0] as { data: { mname: string } } | undefined)?.data.mname, 'ns-0.awsdns-00.com', 'the private zone answered');
  assert.deepEqual(rrs(await udp('txt.vpcdemo.com', 'TXT', IN_A)), ['txt.vpcdemo.com TXT 600 hello world|second']);
});

test('over TCP: endpoint regional and zonal names, {api}-{vpce} names and custom domain targets, from anywhere', async () => {
  const zonal = world.vpceName.replace('.execute-api.', '-eu-west-1a.execute-api.');
  for (const source of [IN_B, IN_VPN, INTERNET]) {
    const client = await TcpClient.connect(server.port, { source });
    try {
      client.send(
        query(world.vpceName, 'A', { id: 1 }),
        query(zonal, 'A', { id: 2 }),
        query(`privapi001-${world.vpceId}.execute-api.eu-west-1.amazonaws.com`, 'A', { id: 3 }),
        query(`privapi002-${world.vpceId}.execute-api.eu-west-1.amazonaws.com`, 'A', { id: 4 }),
        query('d-abcdef1234.execute-api.eu-west-1.amazonaws.com', 'A', { id: 5 }),
        query('d111111abcdef8.cloudfront.net', 'A', { id: 6 }),
      );
      const [regional, oneZone, listed, unlisted, regionalTarget, edgeTarget] = [await client.next(), await client.next(), await client.next(), await client.next(), await client.next(), await client.next()];
      assert.deepEqual(addressesOf(regional), [...ENDPOINT_IPS], source);
      assert.deepEqual(addressesOf(oneZone), [ENDPOINT_IPS[0]]);
      assert.deepEqual(addressesOf(listed), [...ENDPOINT_IPS]);
      assert.equal(rcodeOf(unlisted), 3, 'an API that does not list the endpoint has no such name');
      assert.deepEqual(rrs(regionalTarget), [`d-abcdef1234.execute-api.eu-west-1.amazonaws.com A 60 ${EXECUTE_API_PUBLIC_IP}`]);
      assert.deepEqual(addressesOf(edgeTarget), [EXECUTE_API_PUBLIC_IP]);
    } finally {
      client.close();
    }
  }
});

test("endpoint private DNS: inside its VPC the API names are the endpoint's, elsewhere the public ones", async () => {
  const regional = 'regapi0001.execute-api.eu-west-1.amazonaws.com';
  const privateApi = 'privapi001.execute-api.eu-west-1.amazonaws.com';
  assert.deepEqual(addressesOf(await udp(regional, 'A', IN_A)), [...ENDPOINT_IPS]);
  assert.deepEqual(addressesOf(await udp(privateApi, 'A', IN_A)), [...ENDPOINT_IPS]);
  for (const source of [IN_B, IN_VPN, INTERNET]) {
    assert.deepEqual(addressesOf(await udp(regional, 'A', source)), [EXECUTE_API_PUBLIC_IP], source);
    assert.equal(rcodeOf(await udp(privateApi, 'A', source)), 3, source);
  }
  // An alias to a custom domain target is resolved on Route 53's side: the public address, even inside VPC A.
  assert.deepEqual(addressesOf(await udp('api.vpcdemo.com', 'A', IN_A)), [EXECUTE_API_PUBLIC_IP]);
});

test('no PTR for addresses, and unknown names are NXDOMAIN: nothing is forwarded', async () => {
  for (const [name, type] of [
    ['30.1.0.10.in-addr.arpa', 'PTR'],
    ['9.3.0.10.in-addr.arpa', 'PTR'],
    ['www.example.org', 'A'],
    ['amazon.com', 'A'],
  ] as const) {
    for (const source of [IN_A, INTERNET]) {
      const r = await udp(name, type, source);
      assert.deepEqual([rcodeOf(r), r.answers, r.authorities], [3, [], []], `${name} from ${source}`);
    }
  }
});

test('dig: a CNAME chain to the ALB, and a private zone answer only from its VPC', async (t) => {
  if (!existsSync(DIG)) {
    t.skip('dig is not installed (Debian: dnsutils)');
    return;
  }
  const dig = async (...args: string[]) => (await promisify(execFile)(DIG, ['@127.0.0.1', '-p', String(server.port), '+time=2', '+tries=1', ...args])).stdout.trim();
  assert.equal(await dig('+short', 'www.vpcdemo.com'), ['vpcdemo.com.', ...world.albNodes].join('\n'));
  assert.equal(await dig('-b', IN_A, '+short', '+tcp', 'api.corp.example'), '10.0.3.50');
  assert.equal(await dig('-b', IN_B, '+short', 'api.corp.example'), '');
  assert.match(await dig('txt.vpcdemo.com', 'TXT'), /ANSWER SECTION:\s+txt\.vpcdemo\.com\.\s+600\s+IN\s+TXT\s+"hello world" "second"/);
  assert.match(await dig('nope.vpcdemo.com'), /status: NXDOMAIN[\s\S]*AUTHORITY SECTION:\s+vpcdemo\.com\.\s+900\s+IN\s+SOA\s+ns-1\.awsdns-01\.com\. awsdns-hostmaster\.amazon\.com\. 1 7200 900 1209600 86400/);
});

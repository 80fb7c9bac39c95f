/**
 * ListHostedZones, ListHostedZonesByName, ListHostedZonesByVPC (ec2-route53-acm.md §2.3).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { makeVpc } from '../../../test/helpers/ec2-records.js';
import type { OperationContext } from '../context.js';
import { route53Service as svc } from './index.js';

let refs = 0;
async function zone(ctx: OperationContext, name: string, vpc?: { VPCId: string; VPCRegion: string }): Promise<string> {
  const out = await call(svc, ctx, 'CreateHostedZone', { Name: name, CallerReference: `ref-${++refs}`, VPC: vpc });
  return out.HostedZone.Id.replace('/hostedzone/', '');
}

test('ListHostedZones pages by zone id with Marker/NextMarker and MaxItems as a string', async () => {
  const ctx = testContext();
  const ids = [];
  for (const n of ['a.example.org', 'b.example.org', 'c.example.org']) ids.push(await zone(ctx, n));
  ids.sort();
  const first = await call(svc, ctx, 'ListHostedZones', { MaxItems: '2' });
  assert.deepEqual(first.HostedZones.map((z: { Id: string }) => z.Id), ids.slice(0, 2).map((i) => `/hostedzone/${i}`));
  assert.deepEqual([first.IsTruncated, first.NextMarker, first.MaxItems, first.Marker], [true, ids[2], '2', '']);
  const second = await call(svc, ctx, 'ListHostedZones', { MaxItems: '2', Marker: first.NextMarker });
  assert.deepEqual(second.HostedZones.map((z: { Id: string }) => z.Id), [`/hostedzone/${ids[2]}`]);
  assert.deepEqual([second.IsTruncated, second.NextMarker, second.Marker], [false, undefined, ids[2]]);
  const all = await call(svc, ctx, 'ListHostedZones', {});
  assert.deepEqual([all.HostedZones.length, all.MaxItems], [3, '100']);
  assert.equal(all.HostedZones[0].ResourceRecordSetCount, 2);
  assert.equal((await callError(svc, ctx, 'ListHostedZones', { MaxItems: 'lots' })).code, 'InvalidInput');
});

test('ListHostedZones HostedZoneType=PrivateHostedZone lists private zones only', async () => {
  const ctx = testContext();
  const vpcId = await makeVpc(ctx, '10.1.0.0/16');
  await zone(ctx, 'pub.example.org');
  const priv = await zone(ctx, 'priv.example.org', { VPCId: vpcId, VPCRegion: 'eu-west-1' });
  const out = await call(svc, ctx, 'ListHostedZones', { HostedZoneType: 'PrivateHostedZone' });
  assert.deepEqual(out.HostedZones.map((z: { Id: string }) => z.Id), [`/hostedzone/${priv}`]);
});

test('ListHostedZonesByName sorts by reversed labels, then id, and pages with NextDNSName/NextHostedZoneId', async () => {
  const ctx = testContext();
  await zone(ctx, 'www.a.example.org');
  await zone(ctx, 'b.example.org');
  await zone(ctx, 'a.example.org');
  await zone(ctx, 'example.net');
  const twins = [await zone(ctx, 'twin.example.org'), await zone(ctx, 'twin.example.org')].sort();
  const all = await call(svc, ctx, 'ListHostedZonesByName', {});
  assert.deepEqual(
    all.HostedZones.map((z: { Name: string }) => z.Name),
    ['example.net.', 'a.example.org.', 'www.a.example.org.', 'b.example.org.', 'twin.example.org.', 'twin.example.org.'],
  );
  assert.deepEqual(all.HostedZones.slice(4).map((z: { Id: string }) => z.Id), twins.map((t) => `/hostedzone/${t}`));

  const page = await call(svc, ctx, 'ListHostedZonesByName', { DNSName: 'A.example.org', MaxItems: '2' });
  assert.deepEqual(page.HostedZones.map((z: { Name: string }) => z.Name), ['a.example.org.', 'www.a.example.org.']);
  assert.deepEqual([page.IsTruncated, page.NextDNSName, page.NextHostedZoneId, page.DNSName, page.MaxItems], [true, 'b.example.org.', page.NextHostedZoneId, 'A.example.org', '2']);
  const tail = await call(svc, ctx, 'ListHostedZonesByName', { DNSName: 'twin.example.org.', HostedZoneId: twins[1] });
  assert.deepEqual(tail.HostedZones.map((z: { Id: string }) => z.Id), [`/hostedzone/${twins[1]}`]);
  assert.deepEqual([tail.IsTruncated, tail.HostedZoneId], [false, twins[1]]);

  assert.equal((await callError(svc, ctx, 'ListHostedZonesByName', { HostedZoneId: twins[0] })).code, 'InvalidInput');
  assert.equal((await callError(svc, ctx, 'ListHostedZonesByName', { DNSName: 'a..b' })).code, 'InvalidDomainName');
});

test('ListHostedZonesByVPC lists the private zones a VPC sees, with bare ids and the owner', async () => {
  const ctx = testContext();
  const vpcId = await makeVpc(ctx, '10.2.0.0/16');
  const other = await makeVpc(ctx, '10.3.0.0/16');
  const z = await zone(ctx, 'internal.example.org', { VPCId: vpcId, VPCRegion: 'eu-west-1' });
  await zone(ctx, 'other.example.org', { VPCId: other, VPCRegion: 'eu-west-1' });
  await zone(ctx, 'public.example.org');
  const out = await call(svc, ctx, 'ListHostedZonesByVPC', { VPCId: vpcId, VPCRegion: 'eu-west-1' });
  assert.deepEqual(out, { HostedZoneSummaries: [{ HostedZoneId: z, Name: 'internal.example.org.', Owner: { OwningAccount: '000000000000' } }], MaxItems: '100', NextToken: undefined });
  assert.deepEqual((await call(svc, ctx, 'ListHostedZonesByVPC', { VPCId: vpcId, VPCRegion: 'us-east-1' })).HostedZoneSummaries, []);
});

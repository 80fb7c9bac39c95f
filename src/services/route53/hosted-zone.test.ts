/**
 * Hosted zones (ec2-route53-acm.md §2.2, §2.3; checklist 32–35).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { makeVpc } from '../../../test/helpers/ec2-records.js';
import { ROUTE53_KIND, recordSetKey, type HostedZone, type ResourceRecordSet } from '../../state/records/route53.js';
import { route53Service as svc } from './index.js';

test('CreateHostedZone public: 201 shape, four name servers, apex SOA and NS stored as documented', async () => {
  const ctx = testContext();
  const out = await call(svc, ctx, 'CreateHostedZone', { Name: 'Corp.Example.ORG', CallerReference: 'ref-1', HostedZoneConfig: { Comment: 'hi' } });
  const id = out.HostedZone.Id.replace('/hostedzone/', '');
  assert.match(id, /^Z0[A-Z0-9]{19}$/);
  assert.equal(out.Location, `https://route53.amazonaws.com/2013-04-01/hostedzone/${id}`);
  assert.deepEqual(out.HostedZone, { Id: `/hostedzone/${id}`, Name: 'corp.example.org.', CallerReference: 'ref-1', Config: { Comment: 'hi', PrivateZone: false }, ResourceRecordSetCount: 2 });
  assert.equal(out.ChangeInfo.Status, 'PENDING');
  assert.match(out.ChangeInfo.Id, /^\/change\/C0[A-Z0-9]{19}$/);
  assert.equal(out.VPC, undefined);
  const servers: string[] = out.DelegationSet.NameServers;
  assert.equal(servers.length, 4);
  const tlds = ['com', 'net', 'org', 'co.uk'];
  servers.forEach((s, i) => {
    const m = /^ns-(\d+)\.awsdns-(\d{2})\.(.+)$/.exec(s)!;
    assert.ok(m, s);
    assert.equal(m[3], tlds[i]);
    assert.equal(Math.floor(Number(m[1]) / 512), i);
    assert.equal(Number(m[2]), Math.floor((Number(m[1]) % 512) / 8));
  });

  const zone = ctx.store.get<HostedZone>(ROUTE53_KIND.hostedZone, id)!;
  assert.deepEqual(zone.nameServers, servers);
  const ns = ctx.store.get<ResourceRecordSet>(ROUTE53_KIND.recordSet, recordSetKey(id, 'corp.example.org.', 'NS'))!;
  assert.deepEqual([ns.ttl, ns.records], [172800, servers.map((s) => `${s}.`)]);
  const soa = ctx.store.get<ResourceRecordSet>(ROUTE53_KIND.recordSet, recordSetKey(id, 'corp.example.org.', 'SOA'))!;
  assert.deepEqual([soa.ttl, soa.records], [900, [`${servers[0]}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`]]);

  const got = await call(svc, ctx, 'GetHostedZone', { Id: id });
  assert.deepEqual(got, { HostedZone: out.HostedZone, DelegationSet: { NameServers: servers } });
  assert.equal((await call(svc, ctx, 'GetHostedZoneCount')).HostedZoneCount, 1);
});

test('a CallerReference is single-use, even after its zone is deleted (409)', async () => {
  const ctx = testContext();
  const first = await call(svc, ctx, 'CreateHostedZone', { Name: 'a.example.org', CallerReference: 'once' });
  const again = await callError(svc, ctx, 'CreateHostedZone', { Name: 'b.example.org', CallerReference: 'once' });
  assert.deepEqual([again.code, again.status, again.message], ['HostedZoneAlreadyExists', 409, 'A hosted zone has already been created with the specified caller reference.']);
  await call(svc, ctx, 'DeleteHostedZone', { Id: first.HostedZone.Id });
  assert.equal((await callError(svc, ctx, 'CreateHostedZone', { Name: 'a.example.org', CallerReference: 'once' })).code, 'HostedZoneAlreadyExists');
  // The same name twice with two references is two zones.
  await call(svc, ctx, 'CreateHostedZone', { Name: 'a.example.org', CallerReference: 'two' });
  await call(svc, ctx, 'CreateHostedZone', { Name: 'a.example.org', CallerReference: 'three' });
  assert.equal((await call(svc, ctx, 'GetHostedZoneCount')).HostedZoneCount, 2);
});

test('bad zone names: InvalidDomainName for TLDs, empty labels and reserved public names', async () => {
  const ctx = testContext();
  const tld = await callError(svc, ctx, 'CreateHostedZone', { Name: 'com', CallerReference: 'r1' });
  assert.equal(tld.code, 'InvalidDomainName');
  const empty = await callError(svc, ctx, 'CreateHostedZone', { Name: 'a..example.org', CallerReference: 'r2' });
  assert.deepEqual([empty.code, empty.message], ['InvalidDomainName', "FATAL problem: DomainLabelEmpty (Domain label is empty) encountered with 'a..example.org'"]);
  const reserved = await callError(svc, ctx, 'CreateHostedZone', { Name: 'payments-dev.example.com', CallerReference: 'r3' });
  assert.deepEqual([reserved.code, reserved.message], ['InvalidDomainName', 'payments-dev.example.com is reserved by AWS!']);
  assert.equal(ctx.store.list(ROUTE53_KIND.hostedZone).length, 0);
});

test('CreateHostedZone private: the VPC must exist in its Region; VPC echoed, no DelegationSet, fixed name servers', async () => {
  const ctx = testContext();
  const vpcId = await makeVpc(ctx, '10.0.0.0/16');
  const missing = await callError(svc, ctx, 'CreateHostedZone', { Name: 'example.com', CallerReference: 'p0', VPC: { VPCId: 'non-existent', VPCRegion: 'eu-west-1' } });
  assert.deepEqual([missing.code, missing.status, missing.message], ['InvalidVPCId', 400, 'The VPC ID is invalid.']);
  const wrongRegion = await callError(svc, ctx, 'CreateHostedZone', { Name: 'example.com', CallerReference: 'p1', VPC: { VPCId: vpcId, VPCRegion: 'us-east-1' } });
  assert.equal(wrongRegion.code, 'InvalidVPCId');

  const out = await call(svc, ctx, 'CreateHostedZone', {
    Name: 'example.com',
    CallerReference: 'p2',
    HostedZoneConfig: { Comment: 'test', PrivateZone: true },
    VPC: { VPCId: vpcId, VPCRegion: 'eu-west-1' },
  });
  assert.deepEqual(out.HostedZone.Config, { Comment: 'test', PrivateZone: true });
  assert.equal(out.HostedZone.ResourceRecordSetCount, 2);
  assert.deepEqual(out.VPC, { VPCId: vpcId, VPCRegion: 'eu-west-1' });
  assert.equal(out.DelegationSet, undefined);
  const id = out.HostedZone.Id.replace('/hostedzone/', '');
  const got = await call(svc, ctx, 'GetHostedZone', { Id: out.HostedZone.Id });
  assert.deepEqual(got.VPCs, [{ VPCId: vpcId, VPCRegion: 'eu-west-1' }]);
  assert.equal(got.DelegationSet, undefined);
  const ns = ctx.store.get<ResourceRecordSet>(ROUTE53_KIND.recordSet, recordSetKey(id, 'example.com.', 'NS'))!;
  assert.deepEqual(ns.records, ['ns-0.awsdns-00.com.', 'ns-512.awsdns-00.net.', 'ns-1024.awsdns-00.org.', 'ns-1536.awsdns-00.co.uk.']);
  const zone = ctx.store.get<HostedZone>(ROUTE53_KIND.hostedZone, id)!;
  assert.deepEqual(zone.vpcs, [{ vpcId, vpcRegion: 'eu-west-1' }]);

  const clash = await callError(svc, ctx, 'CreateHostedZone', { Name: 'example.com', CallerReference: 'p3', VPC: { VPCId: vpcId, VPCRegion: 'eu-west-1' } });
  assert.deepEqual(
    [clash.code, clash.message],
    ['ConflictingDomainExists', `The VPC ${vpcId} in region eu-west-1 has already been associated with the hosted zone ${id} with the same domain name.`],
  );
  const contradiction = await callError(svc, ctx, 'CreateHostedZone', { Name: 'x.example.org', CallerReference: 'p4', HostedZoneConfig: { PrivateZone: true } });
  assert.equal(contradiction.code, 'InvalidInput');
});

test('DeleteHostedZone: only with just the apex SOA/NS left; unknown ids are NoSuchHostedZone (404)', async () => {
  const ctx = testContext();
  const out = await call(svc, ctx, 'CreateHostedZone', { Name: 'del.example.org', CallerReference: 'd1' });
  const id = out.HostedZone.Id.replace('/hostedzone/', '');
  await call(svc, ctx, 'ChangeResourceRecordSets', {
    HostedZoneId: id,
    ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: { Name: 'a.del.example.org', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '10.0.0.1' }] } }] },
  });
  const notEmpty = await callError(svc, ctx, 'DeleteHostedZone', { Id: id });
  assert.deepEqual([notEmpty.code, notEmpty.message], ['HostedZoneNotEmpty', 'The hosted zone contains resource records that are not SOA or NS records.']);
  await call(svc, ctx, 'ChangeResourceRecordSets', {
    HostedZoneId: id,
    ChangeBatch: { Changes: [{ Action: 'DELETE', ResourceRecordSet: { Name: 'a.del.example.org', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '10.0.0.1' }] } }] },
  });
  const deleted = await call(svc, ctx, 'DeleteHostedZone', { Id: id });
  assert.equal(deleted.ChangeInfo.Status, 'PENDING');
  assert.equal(ctx.store.list(ROUTE53_KIND.recordSet).length, 0);
  const gone = await callError(svc, ctx, 'GetHostedZone', { Id: id });
  assert.deepEqual([gone.code, gone.status, gone.message], ['NoSuchHostedZone', 404, `No hosted zone found with ID: ${id}`]);
  assert.equal((await callError(svc, ctx, 'DeleteHostedZone', { Id: id })).code, 'NoSuchHostedZone');
});

test('UpdateHostedZoneComment sets and clears the comment', async () => {
  const ctx = testContext();
  const out = await call(svc, ctx, 'CreateHostedZone', { Name: 'c.example.org', CallerReference: 'c1' });
  const set = await call(svc, ctx, 'UpdateHostedZoneComment', { Id: out.HostedZone.Id, Comment: 'new' });
  assert.deepEqual(set.HostedZone.Config, { Comment: 'new', PrivateZone: false });
  const cleared = await call(svc, ctx, 'UpdateHostedZoneComment', { Id: out.HostedZone.Id });
  assert.deepEqual(cleared.HostedZone.Config, { Comment: undefined, PrivateZone: false });
});

test('reusable delegation sets are refused as not implemented, not ignored', async () => {
  const ctx = testContext();
  const e = await callError(svc, ctx, 'CreateHostedZone', { Name: 'n.example.org', CallerReference: 'n1', DelegationSetId: 'N123' });
  assert.equal(e.code, 'NotImplemented');
  assert.match(e.message, /not implemented by localvpc/);
});

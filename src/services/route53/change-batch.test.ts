/**
 * ChangeResourceRecordSets (ec2-route53-acm.md §2.5; checklist 36, 37) and GetChange (§2.7).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { ROUTE53_KIND, recordSetKey, type ResourceRecordSet, type Route53Change } from '../../state/records/route53.js';
import type { OperationContext } from '../context.js';
import { route53Service as svc } from './index.js';

async function newZone(ctx: OperationContext, name = 'example.org'): Promise<string> {
  const out = await call(svc, ctx, 'CreateHostedZone', { Name: name, CallerReference: `ref-${name}-${Math.random()}` });
  return out.HostedZone.Id.replace('/hostedzone/', '');
}

type Rrs = Record<string, unknown>;
const a = (name: string, ...ips: string[]): Rrs => ({ Name: name, Type: 'A', TTL: 300, ResourceRecords: ips.map((Value) => ({ Value })) });
const change = (Action: string, ResourceRecordSet: Rrs) => ({ Action, ResourceRecordSet });

function batch(ctx: OperationContext, zoneId: string, ...changes: unknown[]) {
  return call(svc, ctx, 'ChangeResourceRecordSets', { HostedZoneId: zoneId, ChangeBatch: { Comment: 'c', Changes: changes } });
}
function batchError(ctx: OperationContext, zoneId: string, ...changes: unknown[]) {
  return callError(svc, ctx, 'ChangeResourceRecordSets', { HostedZoneId: zoneId, ChangeBatch: { Changes: changes } });
}
const stored = (ctx: OperationContext, zoneId: string) => ctx.store.list<ResourceRecordSet>(ROUTE53_KIND.recordSet, (r) => r.zoneId === zoneId);

test('CREATE, UPSERT and DELETE store record sets in the documented form; the change is PENDING then INSYNC', async () => {
  const ctx = testContext();
  const z = await newZone(ctx);
  const out = await batch(ctx, z, change('CREATE', a('WWW.Example.org', '10.0.0.1', '10.0.0.2')), change('CREATE', { Name: 'txt.example.org', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"v=spf1 -all"' }] }));
  assert.equal(out.ChangeInfo.Status, 'PENDING');
  assert.equal(out.ChangeInfo.Comment, 'c');
  const set = ctx.store.get<ResourceRecordSet>(ROUTE53_KIND.recordSet, recordSetKey(z, 'www.example.org.', 'A'))!;
  assert.deepEqual(set, { id: recordSetKey(z, 'www.example.org.', 'A'), zoneId: z, name: 'www.example.org.', type: 'A', ttl: 300, records: ['10.0.0.1', '10.0.0.2'], aliasTarget: undefined, setIdentifier: undefined, weight: undefined });

  const changeId = out.ChangeInfo.Id.replace('/change/', '');
  const got = await call(svc, ctx, 'GetChange', { Id: out.ChangeInfo.Id });
  assert.deepEqual(got.ChangeInfo, { Id: out.ChangeInfo.Id, Status: 'INSYNC', SubmittedAt: out.ChangeInfo.SubmittedAt, Comment: 'c' });
  assert.equal(ctx.store.get<Route53Change>(ROUTE53_KIND.change, changeId)!.status, 'INSYNC');
  const none = await callError(svc, ctx, 'GetChange', { Id: 'C0NOPE' });
  assert.deepEqual([none.code, none.status], ['NoSuchChange', 404]);

  await batch(ctx, z, change('UPSERT', a('www.example.org', '10.0.0.9')));
  assert.deepEqual(ctx.store.get<ResourceRecordSet>(ROUTE53_KIND.recordSet, recordSetKey(z, 'www.example.org.', 'A'))!.records, ['10.0.0.9']);
  await batch(ctx, z, change('DELETE', a('www.example.org.', '10.0.0.9')));
  assert.equal(ctx.store.get(ROUTE53_KIND.recordSet, recordSetKey(z, 'www.example.org.', 'A')), undefined);
  assert.equal((await call(svc, ctx, 'GetHostedZone', { Id: z })).HostedZone.ResourceRecordSetCount, 3);
});

test('a batch is all or nothing, and every problem comes back in one InvalidChangeBatch', async () => {
  const ctx = testContext();
  const z = await newZone(ctx);
  await batch(ctx, z, change('CREATE', a('x.example.org', '10.0.0.1')));
  const before = stored(ctx, z);
  const e = await batchError(ctx, z, change('CREATE', a('new.example.org', '10.0.0.5')), change('CREATE', a('x.example.org', '10.0.0.1')), change('DELETE', a('k.example.org', '10.0.0.3')));
  const messages = [
    "Tried to create resource record set [name='x.example.org.', type='A'] but it already exists",
    "Tried to delete resource record set [name='k.example.org.', type='A'] but it was not found",
  ];
  assert.deepEqual([e.code, e.status, e.extra], ['InvalidChangeBatch', 400, { messages }]);
  assert.equal(e.message, `[${messages.join(', ')}]`);
  assert.deepEqual(stored(ctx, z), before);

  const mismatch = await batchError(ctx, z, change('DELETE', { ...a('x.example.org', '10.0.0.1'), TTL: 60 }));
  assert.deepEqual(mismatch.extra, { messages: ["Tried to delete resource record set [name='x.example.org.', type='A'] but the values provided do not match the current values"] });
  const twice = await batchError(ctx, z, change('DELETE', a('x.example.org', '10.0.0.1')), change('DELETE', a('x.example.org', '10.0.0.1')));
  assert.equal((twice.extra!.messages as string[]).length, 1);
  // DELETE then CREATE of the same set in one batch is a replacement.
  await batch(ctx, z, change('DELETE', a('x.example.org', '10.0.0.1')), change('CREATE', a('x.example.org', '10.0.0.2')));
  assert.deepEqual(ctx.store.get<ResourceRecordSet>(ROUTE53_KIND.recordSet, recordSetKey(z, 'x.example.org.', 'A'))!.records, ['10.0.0.2']);
  assert.equal((await callError(svc, ctx, 'ChangeResourceRecordSets', { HostedZoneId: 'ZNOPE', ChangeBatch: { Changes: [change('CREATE', a('a.b.c', '1.1.1.1'))] } })).code, 'NoSuchHostedZone');
});

test('CNAME rules: not at the apex, alone at its name, one value', async () => {
  const ctx = testContext();
  const z = await newZone(ctx, 'z.example.org');
  const cname = (name: string, ...values: string[]) => ({ Name: name, Type: 'CNAME', TTL: 60, ResourceRecords: values.map((Value) => ({ Value })) });
  const apex = await batchError(ctx, z, change('CREATE', cname('z.example.org', 'other.example.net')));
  assert.deepEqual(apex.extra, { messages: ['RRSet of type CNAME with DNS name z.example.org. is not permitted at apex in zone z.example.org.'] });
  await batch(ctx, z, change('CREATE', a('www.z.example.org', '10.0.0.1')));
  const clash = await batchError(ctx, z, change('CREATE', cname('www.z.example.org', 'other.example.net')));
  assert.deepEqual(clash.extra, {
    messages: ['RRSet of type CNAME with DNS name www.z.example.org. is not permitted as it conflicts with other records with the same DNS name in zone z.example.org.'],
  });
  await batch(ctx, z, change('CREATE', cname('api.z.example.org', 'other.example.net')));
  const joins = await batchError(ctx, z, change('CREATE', a('api.z.example.org', '10.0.0.1')));
  assert.match((joins.extra!.messages as string[])[0]!, /^RRSet of type A with DNS name api\.z\.example\.org\. is not permitted as it conflicts/);
  assert.equal((await batchError(ctx, z, change('CREATE', cname('two.z.example.org', 'a.example.net', 'b.example.net')))).code, 'InvalidChangeBatch');
});

test('names: outside the zone refused; wildcards stored and listed as \\052', async () => {
  const ctx = testContext();
  const z = await newZone(ctx, 'z.example.org');
  const outside = await batchError(ctx, z, change('CREATE', a('foo.other.com', '10.0.0.1')));
  assert.deepEqual(outside.extra, { messages: ['RRSet with DNS name foo.other.com. is not permitted in zone z.example.org.'] });
  const empty = await batchError(ctx, z, change('CREATE', a('a..z.example.org', '10.0.0.1')));
  assert.deepEqual(empty.extra, { messages: ["FATAL problem: DomainLabelEmpty (Domain label is empty) encountered with 'a..z.example.org'"] });
  await batch(ctx, z, change('CREATE', a('*.z.example.org', '10.0.0.1')));
  const listed = await call(svc, ctx, 'ListResourceRecordSets', { HostedZoneId: z });
  assert.ok(listed.ResourceRecordSets.some((s: { Name: string }) => s.Name === '\\052.z.example.org.'));
  // Both spellings name the same set.
  await batch(ctx, z, change('DELETE', a('\\052.z.example.org', '10.0.0.1')));
});

test('values are checked per type with AWS wording; duplicates refused', async () => {
  const ctx = testContext();
  const z = await newZone(ctx);
  const bad = await batchError(
    ctx,
    z,
    change('CREATE', a('a.example.org', 'www.example.org')),
    change('CREATE', { Name: 't.example.org', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: 'unquoted' }] }),
    change('CREATE', a('d.example.org', '10.0.0.1', '10.0.0.1')),
    change('CREATE', { Name: 'six.example.org', Type: 'AAAA', TTL: 60, ResourceRecords: [{ Value: '10.0.0.1' }] }),
  );
  assert.deepEqual((bad.extra!.messages as string[]).slice(0, 3), [
    "Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with 'www.example.org''",
    "Invalid Resource Record: 'FATAL problem: InvalidCharacterString (Value should be enclosed in quotation marks) encountered with 'unquoted''",
    "Duplicate Resource Record: '10.0.0.1'",
  ]);
  assert.match((bad.extra!.messages as string[])[3]!, /AAAARRDATAIllegalIPv6Address/);
  await batch(
    ctx,
    z,
    change('CREATE', { Name: 'example.org', Type: 'MX', TTL: 300, ResourceRecords: [{ Value: '10 mail.example.org' }] }),
    change('CREATE', { Name: '_sip._tcp.example.org', Type: 'SRV', TTL: 300, ResourceRecords: [{ Value: '1 10 5060 sip.example.org' }] }),
    change('CREATE', { Name: 'example.org', Type: 'CAA', TTL: 300, ResourceRecords: [{ Value: '0 issue "amazon.com"' }] }),
    change('CREATE', { Name: 'six.example.org', Type: 'AAAA', TTL: 60, ResourceRecords: [{ Value: '2001:db8::1' }] }),
  );
});

test('shape errors are InvalidInput with AWS text; unimplemented routing and types are refused, not ignored', async () => {
  const ctx = testContext();
  const z = await newZone(ctx);
  const none = await batchError(ctx, z, change('CREATE', { Name: 'gsandoval.example.org', Type: 'A' }));
  assert.deepEqual(
    [none.code, none.message],
    ['InvalidInput', 'Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with [Action=CREATE, Name=gsandoval.example.org, Type=A, SetIdentifier=null]'],
  );
  const both = await batchError(ctx, z, change('CREATE', { ...a('b.example.org', '10.0.0.1'), AliasTarget: { HostedZoneId: z, DNSName: 'x.example.org', EvaluateTargetHealth: false } }));
  assert.match(both.message, /but found more than one in Change with/);
  for (const extra of [
    { Failover: 'PRIMARY', SetIdentifier: 'p' },
    { Region: 'eu-west-1', SetIdentifier: 'r' },
    { MultiValueAnswer: true, SetIdentifier: 'm' },
    { GeoLocation: { CountryCode: 'DE' }, SetIdentifier: 'g' },
    { CidrRoutingConfig: { CollectionId: 'c', LocationName: 'l' }, SetIdentifier: 'c' },
    { GeoProximityLocation: { AWSRegion: 'eu-west-1' }, SetIdentifier: 'x' },
    { HealthCheckId: 'hc' },
  ]) {
    const e = await batchError(ctx, z, change('CREATE', { ...a('r.example.org', '10.0.0.1'), ...extra }));
    assert.equal(e.code, 'NotImplemented', JSON.stringify(extra));
  }
  assert.equal((await batchError(ctx, z, change('CREATE', { Name: 't.example.org', Type: 'TLSA', TTL: 60, ResourceRecords: [{ Value: '3 1 1 ab' }] }))).code, 'NotImplemented');
  assert.equal((await batchError(ctx, z, change('CREATE', { ...a('w.example.org', '10.0.0.1'), SetIdentifier: 'w' }))).code, 'InvalidInput');
  assert.equal((await batchError(ctx, z, change('CREATE', { ...a('w.example.org', '10.0.0.1'), Weight: 10 }))).code, 'InvalidInput');
  assert.equal((await batchError(ctx, z, change('CREATE', { ...a('w.example.org', '10.0.0.1'), SetIdentifier: 'w', Weight: 256 }))).code, 'InvalidInput');
  assert.equal((await batchError(ctx, z, change('CREATE', { ...a('t.example.org', '10.0.0.1'), TTL: -1 }))).code, 'InvalidInput');
  assert.equal(stored(ctx, z).length, 2);
});

test('weighted sets share a name and type but not with a simple set; they are keyed by SetIdentifier', async () => {
  const ctx = testContext();
  const z = await newZone(ctx);
  await batch(ctx, z, change('CREATE', { ...a('w.example.org', '10.0.0.1'), SetIdentifier: 'blue', Weight: 200 }), change('CREATE', { ...a('w.example.org', '10.0.0.2'), SetIdentifier: 'green', Weight: 0 }));
  const blue = ctx.store.get<ResourceRecordSet>(ROUTE53_KIND.recordSet, recordSetKey(z, 'w.example.org.', 'A', 'blue'))!;
  assert.deepEqual([blue.setIdentifier, blue.weight], ['blue', 200]);
  const dup = await batchError(ctx, z, change('CREATE', { ...a('w.example.org', '10.0.0.3'), SetIdentifier: 'blue', Weight: 1 }));
  assert.deepEqual(dup.extra, { messages: ["Tried to create resource record set [name='w.example.org.', type='A', set-identifier='blue'] but it already exists"] });
  const simple = await batchError(ctx, z, change('CREATE', a('w.example.org', '10.0.0.4')));
  assert.equal(simple.code, 'InvalidChangeBatch');
  await batch(ctx, z, change('CREATE', a('s.example.org', '10.0.0.4')));
  assert.equal((await batchError(ctx, z, change('CREATE', { ...a('s.example.org', '10.0.0.5'), SetIdentifier: 'x', Weight: 1 }))).code, 'InvalidChangeBatch');
});

test('the apex SOA and NS cannot be deleted; the SOA can be replaced', async () => {
  const ctx = testContext();
  const z = await newZone(ctx);
  const sets = await call(svc, ctx, 'ListResourceRecordSets', { HostedZoneId: z });
  const [ns, soa] = sets.ResourceRecordSets as Rrs[];
  assert.equal(ns!.Type, 'NS');
  const delNs = await batchError(ctx, z, change('DELETE', ns!));
  assert.deepEqual(delNs.extra, { messages: ['A HostedZone must contain at least one NS record for the zone itself.'] });
  const delSoa = await batchError(ctx, z, change('DELETE', soa!));
  assert.deepEqual(delSoa.extra, { messages: ['A HostedZone must contain exactly one SOA record.'] });
  const value = (soa!.ResourceRecords as { Value: string }[])[0]!.Value.replace(' 86400', ' 60');
  await batch(ctx, z, change('UPSERT', { ...soa!, ResourceRecords: [{ Value: value }] }));
  assert.deepEqual(ctx.store.get<ResourceRecordSet>(ROUTE53_KIND.recordSet, recordSetKey(z, 'example.org.', 'SOA'))!.records, [value]);
  assert.equal((await batchError(ctx, z, change('CREATE', { Name: 'x.example.org', Type: 'SOA', TTL: 60, ResourceRecords: [{ Value: value }] }))).code, 'InvalidChangeBatch');
});

/**
 * ListResourceRecordSets ordering and paging (ec2-route53-acm.md §2.8; checklist 35).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { route53Service as svc } from './index.js';

type Listed = { Name: string; Type: string; SetIdentifier?: string; TTL?: number; ResourceRecords?: { Value: string }[] };
const label = (s: Listed) => `${s.Name} ${s.Type}${s.SetIdentifier ? ` ${s.SetIdentifier}` : ''}`;

test('a new zone lists NS (172800) then SOA (900), names ending with a dot, MaxItems "100"', async () => {
  const ctx = testContext();
  const out = await call(svc, ctx, 'CreateHostedZone', { Name: 'fresh.example.org', CallerReference: 'f1' });
  const listed = await call(svc, ctx, 'ListResourceRecordSets', { HostedZoneId: out.HostedZone.Id });
  assert.deepEqual([listed.IsTruncated, listed.MaxItems], [false, '100']);
  const [ns, soa] = listed.ResourceRecordSets as Listed[];
  assert.deepEqual([ns!.Name, ns!.Type, ns!.TTL], ['fresh.example.org.', 'NS', 172800]);
  assert.deepEqual(ns!.ResourceRecords!.map((r) => r.Value), out.DelegationSet.NameServers.map((s: string) => `${s}.`));
  assert.deepEqual([soa!.Type, soa!.TTL], ['SOA', 900]);
  assert.match(soa!.ResourceRecords![0]!.Value, /^ns-\d+\.awsdns-\d\d\.com\. awsdns-hostmaster\.amazon\.com\. 1 7200 900 1209600 86400$/);
});

test('record sets sort by reversed name, type and SetIdentifier, and page with Next* markers', async () => {
  const ctx = testContext();
  const out = await call(svc, ctx, 'CreateHostedZone', { Name: 'example.org', CallerReference: 'o1' });
  const z = out.HostedZone.Id;
  const rr = (Name: string, Type: string, Value: string, extra: Record<string, unknown> = {}) => ({ Action: 'CREATE', ResourceRecordSet: { Name, Type, TTL: 60, ResourceRecords: [{ Value }], ...extra } });
  await call(svc, ctx, 'ChangeResourceRecordSets', {
    HostedZoneId: z,
    ChangeBatch: {
      Changes: [
        rr('www.example.org', 'AAAA', '2001:db8::1'),
        rr('www.example.org', 'A', '10.0.0.1'),
        rr('w.example.org', 'A', '10.0.0.3', { SetIdentifier: 'green', Weight: 1 }),
        rr('w.example.org', 'A', '10.0.0.2', { SetIdentifier: 'blue', Weight: 1 }),
        rr('b-x.example.org', 'A', '10.0.0.4'),
        rr('sub.a.example.org', 'A', '10.0.0.5'),
        rr('a.example.org', 'TXT', '"t"'),
        rr('*.example.org', 'A', '10.0.0.6'),
        rr('example.org', 'A', '10.0.0.7'),
      ],
    },
  });
  const all = (await call(svc, ctx, 'ListResourceRecordSets', { HostedZoneId: z })).ResourceRecordSets as Listed[];
  const expected = [
    'example.org. A',
    'example.org. NS',
    'example.org. SOA',
    '\\052.example.org. A',
    'a.example.org. TXT',
    'sub.a.example.org. A',
    'b-x.example.org. A',
    'w.example.org. A blue',
    'w.example.org. A green',
    'www.example.org. A',
    'www.example.org. AAAA',
  ];
  assert.deepEqual(all.map(label), expected);

  const seen: string[] = [];
  let req: Record<string, unknown> = { HostedZoneId: z, MaxItems: '4' };
  const markers: unknown[] = [];
  for (;;) {
    const page = await call(svc, ctx, 'ListResourceRecordSets', req);
    seen.push(...(page.ResourceRecordSets as Listed[]).map(label));
    assert.equal(page.MaxItems, '4');
    if (!page.IsTruncated) break;
    markers.push([page.NextRecordName, page.NextRecordType, page.NextRecordIdentifier]);
    req = { HostedZoneId: z, MaxItems: '4', StartRecordName: page.NextRecordName, StartRecordType: page.NextRecordType, StartRecordIdentifier: page.NextRecordIdentifier };
  }
  assert.deepEqual(seen, expected);
  assert.deepEqual(markers, [
    ['a.example.org.', 'TXT', undefined],
    ['w.example.org.', 'A', 'green'],
  ]);

  const fromWildcard = await call(svc, ctx, 'ListResourceRecordSets', { HostedZoneId: z, StartRecordName: '*.example.org', MaxItems: '1' });
  assert.deepEqual((fromWildcard.ResourceRecordSets as Listed[]).map(label), ['\\052.example.org. A']);
  const fromType = await call(svc, ctx, 'ListResourceRecordSets', { HostedZoneId: z, StartRecordName: 'www.example.org', StartRecordType: 'AAAA' });
  assert.deepEqual((fromType.ResourceRecordSets as Listed[]).map(label), ['www.example.org. AAAA']);
});

test('paging inputs: type needs a name, maxitems must be a positive number, at most 300 per page', async () => {
  const ctx = testContext();
  const out = await call(svc, ctx, 'CreateHostedZone', { Name: 'p.example.org', CallerReference: 'p1' });
  const z = out.HostedZone.Id;
  assert.equal((await callError(svc, ctx, 'ListResourceRecordSets', { HostedZoneId: z, StartRecordType: 'A' })).code, 'InvalidInput');
  assert.equal((await callError(svc, ctx, 'ListResourceRecordSets', { HostedZoneId: z, MaxItems: '0' })).code, 'InvalidInput');
  assert.equal((await callError(svc, ctx, 'ListResourceRecordSets', { HostedZoneId: z, StartRecordName: 'x..p.example.org' })).code, 'InvalidInput');
  assert.equal((await call(svc, ctx, 'ListResourceRecordSets', { HostedZoneId: z, MaxItems: '1000' })).MaxItems, '1000');
  assert.equal((await callError(svc, ctx, 'ListResourceRecordSets', { HostedZoneId: 'ZNOPE' })).code, 'NoSuchHostedZone');
});

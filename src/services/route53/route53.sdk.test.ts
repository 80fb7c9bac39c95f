/**
 * Route 53 through @aws-sdk/client-route-53: the SDK serializes, the restXml codec parses, the
 * real handlers answer, the codec serializes and the SDK reads the answer back (checklist 32–37).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AssociateVPCWithHostedZoneCommand,
  ChangeResourceRecordSetsCommand,
  ChangeTagsForResourceCommand,
  CreateHostedZoneCommand,
  DeleteHostedZoneCommand,
  DisassociateVPCFromHostedZoneCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  HostedZoneAlreadyExists,
  HostedZoneNotEmpty,
  InvalidChangeBatch,
  InvalidInput,
  InvalidVPCId,
  LastVPCAssociation,
  ListHostedZonesByNameCommand,
  ListHostedZonesByVPCCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  ListTagsForResourceCommand,
  NoSuchHostedZone,
  Route53Client,
  waitUntilResourceRecordSetsChanged,
} from '@aws-sdk/client-route-53';
import { serviceResponder, testContext } from '../../../test/helpers/context.js';
import { makeVpc } from '../../../test/helpers/ec2-records.js';
import { CLIENT_CONFIG, rejection, sdkHandler, type Exchange } from '../../protocol/sdk-harness.test.js';
import { ELBV2_KIND, type LoadBalancer } from '../../state/records/elbv2.js';
import type { OperationContext } from '../context.js';
import { route53Service } from './index.js';

function clientFor(ctx: OperationContext, log: Exchange[] = []) {
  return new Route53Client({ ...CLIENT_CONFIG, requestHandler: sdkHandler(serviceResponder(route53Service, ctx), log) });
}

const ALB_DNS = 'internal-api-gateway-alb-42029014.eu-west-1.elb.amazonaws.com';

function putAlb(ctx: OperationContext): void {
  const lb: LoadBalancer = {
    id: 'arn:aws:elasticloadbalancing:eu-west-1:000000000000:loadbalancer/app/api-gateway-alb/0123456789abcdef',
    region: 'eu-west-1', tags: [], createdAt: '2026-01-01T00:00:00.000Z', name: 'api-gateway-alb', type: 'application', scheme: 'internal', vpcId: 'vpc-1',
    zones: [], securityGroups: [], ipAddressType: 'ipv4', dnsName: ALB_DNS, canonicalHostedZoneId: 'Z32O12XQLNTSW2', state: 'active', attributes: {},
  };
  ctx.store.transact((tx) => tx.put(ELBV2_KIND.loadBalancer, lb));
}

test('public zone: 201 with Location, records with an ALB alias, paging, changes and deletion through the SDK', async () => {
  const ctx = testContext();
  putAlb(ctx);
  const log: Exchange[] = [];
  const r53 = clientFor(ctx, log);

  const created = await r53.send(new CreateHostedZoneCommand({ Name: 'vpcdemo.com', CallerReference: 'sdk-1' }));
  assert.equal(log[0]!.response.status, 201);
  const id = created.HostedZone!.Id!.replace('/hostedzone/', '');
  assert.equal(log[0]!.response.headers['Location'], `https://route53.amazonaws.com/2013-04-01/hostedzone/${id}`);
  assert.equal(created.Location, `https://route53.amazonaws.com/2013-04-01/hostedzone/${id}`);
  assert.deepEqual(created.HostedZone, { Id: `/hostedzone/${id}`, Name: 'vpcdemo.com.', CallerReference: 'sdk-1', Config: { PrivateZone: false }, ResourceRecordSetCount: 2 });
  assert.equal(created.ChangeInfo!.Status, 'PENDING');
  assert.ok(created.ChangeInfo!.SubmittedAt instanceof Date);
  assert.equal(created.DelegationSet!.NameServers!.length, 4);
  assert.match(String(log[0]!.response.body), /^<\?xml version="1.0" encoding="UTF-8"\?><CreateHostedZoneResponse xmlns="https:\/\/route53\.amazonaws\.com\/doc\/2013-04-01\/">/);

  const again = await rejection(r53.send(new CreateHostedZoneCommand({ Name: 'vpcdemo.com', CallerReference: 'sdk-1' })));
  assert.ok(again instanceof HostedZoneAlreadyExists);
  assert.equal(again.$metadata?.httpStatusCode, 409);

  const changed = await r53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: created.HostedZone!.Id,
      ChangeBatch: {
        Comment: 'alb',
        Changes: [
          { Action: 'CREATE', ResourceRecordSet: { Name: 'vpcdemo.com', Type: 'A', AliasTarget: { HostedZoneId: '/hostedzone/Z32O12XQLNTSW2', DNSName: ALB_DNS, EvaluateTargetHealth: false } } },
          { Action: 'CREATE', ResourceRecordSet: { Name: '*.vpcdemo.com', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '10.0.0.1' }] } },
          { Action: 'UPSERT', ResourceRecordSet: { Name: 'txt.vpcdemo.com', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"hello world"' }] } },
        ],
      },
    }),
  );
  assert.deepEqual([changed.ChangeInfo!.Status, changed.ChangeInfo!.Comment], ['PENDING', 'alb']);
  await waitUntilResourceRecordSetsChanged({ client: r53, maxWaitTime: 60 }, { Id: changed.ChangeInfo!.Id });
  assert.equal((await r53.send(new GetChangeCommand({ Id: changed.ChangeInfo!.Id }))).ChangeInfo!.Status, 'INSYNC');

  const page1 = await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: id, MaxItems: 2 }));
  assert.deepEqual(page1.ResourceRecordSets!.map((s) => `${s.Name} ${s.Type}`), ['vpcdemo.com. A', 'vpcdemo.com. NS']);
  assert.deepEqual(page1.ResourceRecordSets![0]!.AliasTarget, { HostedZoneId: 'Z32O12XQLNTSW2', DNSName: `${ALB_DNS}.`, EvaluateTargetHealth: false });
  assert.equal(page1.ResourceRecordSets![0]!.TTL, undefined);
  assert.deepEqual([page1.IsTruncated, page1.NextRecordName, page1.NextRecordType, page1.MaxItems], [true, 'vpcdemo.com.', 'SOA', 2]);
  const page2 = await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: id, StartRecordName: page1.NextRecordName, StartRecordType: page1.NextRecordType, MaxItems: 5 }));
  assert.deepEqual(page2.ResourceRecordSets!.map((s) => `${s.Name} ${s.Type}`), ['vpcdemo.com. SOA', '\\052.vpcdemo.com. A', 'txt.vpcdemo.com. TXT']);
  assert.deepEqual(page2.ResourceRecordSets![2]!.ResourceRecords, [{ Value: '"hello world"' }]);
  assert.equal(page2.IsTruncated, false);

  const batchErr = await rejection(
    r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: id, ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: { Name: '*.vpcdemo.com', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '10.0.0.1' }] } }] } })),
  );
  assert.ok(batchErr instanceof InvalidChangeBatch);
  assert.equal(batchErr.message, "[Tried to create resource record set [name='\\052.vpcdemo.com.', type='A'] but it already exists]");
  assert.equal(batchErr.$metadata?.httpStatusCode, 400);

  const shapeErr = await rejection(r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: id, ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: { Name: 'x.vpcdemo.com', Type: 'A' } }] } })));
  assert.ok(shapeErr instanceof InvalidInput);
  assert.match(shapeErr.message, /^Invalid request: Expected exactly one of \[AliasTarget, all of \[TTL, and ResourceRecords\], or TrafficPolicyInstanceId\], but found none/);

  const notEmpty = await rejection(r53.send(new DeleteHostedZoneCommand({ Id: id })));
  assert.ok(notEmpty instanceof HostedZoneNotEmpty);
  await r53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: id,
      ChangeBatch: {
        Changes: [
          { Action: 'DELETE', ResourceRecordSet: { Name: 'vpcdemo.com', Type: 'A', AliasTarget: { HostedZoneId: 'Z32O12XQLNTSW2', DNSName: ALB_DNS, EvaluateTargetHealth: false } } },
          { Action: 'DELETE', ResourceRecordSet: { Name: '\\052.vpcdemo.com', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '10.0.0.1' }] } },
          { Action: 'DELETE', ResourceRecordSet: { Name: 'txt.vpcdemo.com', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"hello world"' }] } },
        ],
      },
    }),
  );
  const deleted = await r53.send(new DeleteHostedZoneCommand({ Id: id }));
  assert.equal(deleted.ChangeInfo!.Status, 'PENDING');
  const gone = await rejection(r53.send(new GetHostedZoneCommand({ Id: `/hostedzone/${id}` })));
  assert.ok(gone instanceof NoSuchHostedZone);
  assert.deepEqual([gone.message, gone.$metadata?.httpStatusCode], [`No hosted zone found with ID: ${id}`, 404]);
});

test('private zone with VPC associations, zone lists and tags through the SDK', async () => {
  const ctx = testContext();
  const r53 = clientFor(ctx);
  const vpc1 = await makeVpc(ctx, '10.0.0.0/16');
  const vpc2 = await makeVpc(ctx, '10.1.0.0/16');

  const bad = await rejection(r53.send(new CreateHostedZoneCommand({ Name: 'corp.internal', CallerReference: 'p0', VPC: { VPCId: 'non-existent', VPCRegion: 'eu-west-1' } })));
  assert.ok(bad instanceof InvalidVPCId);
  assert.equal(bad.message, 'The VPC ID is invalid.');

  const created = await r53.send(
    new CreateHostedZoneCommand({ Name: 'corp.internal', CallerReference: 'p1', HostedZoneConfig: { Comment: 'test', PrivateZone: true }, VPC: { VPCId: vpc1, VPCRegion: 'eu-west-1' } }),
  );
  assert.deepEqual(created.HostedZone!.Config, { Comment: 'test', PrivateZone: true });
  assert.deepEqual(created.VPC, { VPCId: vpc1, VPCRegion: 'eu-west-1' });
  assert.equal(created.DelegationSet, undefined);
  const id = created.HostedZone!.Id!;

  await r53.send(new AssociateVPCWithHostedZoneCommand({ HostedZoneId: id, VPC: { VPCId: vpc2, VPCRegion: 'eu-west-1' }, Comment: 'second' }));
  const got = await r53.send(new GetHostedZoneCommand({ Id: id }));
  assert.deepEqual(got.VPCs, [
    { VPCId: vpc1, VPCRegion: 'eu-west-1' },
    { VPCId: vpc2, VPCRegion: 'eu-west-1' },
  ]);
  const byVpc = await r53.send(new ListHostedZonesByVPCCommand({ VPCId: vpc2, VPCRegion: 'eu-west-1' }));
  assert.deepEqual(byVpc.HostedZoneSummaries, [{ HostedZoneId: id.replace('/hostedzone/', ''), Name: 'corp.internal.', Owner: { OwningAccount: '000000000000' } }]);
  assert.equal(byVpc.MaxItems, 100);
  await r53.send(new DisassociateVPCFromHostedZoneCommand({ HostedZoneId: id, VPC: { VPCId: vpc2, VPCRegion: 'eu-west-1' } }));
  const last = await rejection(r53.send(new DisassociateVPCFromHostedZoneCommand({ HostedZoneId: id, VPC: { VPCId: vpc1, VPCRegion: 'eu-west-1' } })));
  assert.ok(last instanceof LastVPCAssociation);

  await r53.send(new CreateHostedZoneCommand({ Name: 'b.example.org', CallerReference: 'p2' }));
  const listed = await r53.send(new ListHostedZonesCommand({}));
  assert.deepEqual([listed.HostedZones!.length, listed.IsTruncated, listed.MaxItems], [2, false, 100]);
  const byName = await r53.send(new ListHostedZonesByNameCommand({ MaxItems: 1 }));
  assert.deepEqual(byName.HostedZones!.map((z) => z.Name), ['corp.internal.']);
  assert.deepEqual([byName.IsTruncated, byName.NextDNSName], [true, 'b.example.org.']);
  const privateOnly = await r53.send(new ListHostedZonesCommand({ HostedZoneType: 'PrivateHostedZone' }));
  assert.deepEqual(privateOnly.HostedZones!.map((z) => z.Id), [id]);

  await r53.send(new ChangeTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: id.replace('/hostedzone/', ''), AddTags: [{ Key: 'env', Value: 'dev' }] }));
  const tags = await r53.send(new ListTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: id.replace('/hostedzone/', '') }));
  assert.deepEqual(tags.ResourceTagSet, { ResourceType: 'hostedzone', ResourceId: id.replace('/hostedzone/', ''), Tags: [{ Key: 'env', Value: 'dev' }] });
});

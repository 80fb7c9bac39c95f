/**
 * Route 53 (restXml) round trips through @aws-sdk/client-route-53.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  GetHostedZoneCommand,
  InvalidChangeBatch,
  InvalidInput,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  NoSuchHostedZone,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { AwsError, NotImplementedError } from '../kernel/errors.js';
import { CLIENT_CONFIG, RID, rejection, sdkHandler, type Exchange, type Responder } from './sdk-harness.test.js';

function client(respond: Responder, log: Exchange[] = []) {
  return new Route53Client({ ...CLIENT_CONFIG, requestHandler: sdkHandler(respond, log) });
}

const SUBMITTED = new Date('2026-01-01T00:00:00Z');

describe('Route 53 through the AWS SDK v3', () => {
  it('CreateHostedZone: XML body in; 201, Location header and wrapped lists out', async () => {
    const log: Exchange[] = [];
    const r53 = client(
      () => ({
        HostedZone: { Id: '/hostedzone/Z0123456789ABCDEFGHIJ', Name: 'example.com.', CallerReference: 'ref-1', Config: { PrivateZone: true, Comment: 'c' }, ResourceRecordSetCount: 2 },
        ChangeInfo: { Id: '/change/C0123456789ABCDEFGHIJ', Status: 'PENDING', SubmittedAt: SUBMITTED },
        DelegationSet: { NameServers: ['ns-1.awsdns-01.org', 'ns-2.awsdns-02.net'] },
        VPC: { VPCRegion: 'eu-west-1', VPCId: 'vpc-1' },
        Location: 'https://route53.amazonaws.com/2013-04-01/hostedzone/Z0123456789ABCDEFGHIJ',
      }),
      log,
    );
    const out = await r53.send(
      new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'ref-1', VPC: { VPCRegion: 'eu-west-1', VPCId: 'vpc-1' }, HostedZoneConfig: { Comment: 'c', PrivateZone: true } }),
    );
    assert.deepEqual(log[0]!.detected, { service: 'route53', region: 'eu-west-1', accessKeyId: 'test' });
    assert.deepEqual(log[0]!.parsed, {
      operation: 'CreateHostedZone',
      input: { Name: 'example.com', VPC: { VPCRegion: 'eu-west-1', VPCId: 'vpc-1' }, CallerReference: 'ref-1', HostedZoneConfig: { Comment: 'c', PrivateZone: true } },
    });
    assert.equal(log[0]!.response.status, 201);
    assert.equal(out.Location, 'https://route53.amazonaws.com/2013-04-01/hostedzone/Z0123456789ABCDEFGHIJ');
    assert.equal(out.HostedZone?.Id, '/hostedzone/Z0123456789ABCDEFGHIJ');
    assert.equal(out.HostedZone?.ResourceRecordSetCount, 2);
    assert.deepEqual(out.HostedZone?.Config, { PrivateZone: true, Comment: 'c' });
    assert.deepEqual(out.ChangeInfo?.SubmittedAt, SUBMITTED);
    assert.deepEqual(out.DelegationSet?.NameServers, ['ns-1.awsdns-01.org', 'ns-2.awsdns-02.net']);
    assert.equal(out.$metadata.requestId, RID);
  });

  it('ChangeResourceRecordSets: trailing-slash route, nested lists, prefixed ids stripped', async () => {
    const log: Exchange[] = [];
    const r53 = client(() => ({ ChangeInfo: { Id: '/change/C1', Status: 'PENDING', SubmittedAt: SUBMITTED, Comment: 'x' } }), log);
    const out = await r53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: '/hostedzone/Z1',
        ChangeBatch: {
          Comment: 'x',
          Changes: [
            { Action: 'UPSERT', ResourceRecordSet: { Name: 'a.example.com', Type: 'A', TTL: 300, ResourceRecords: [{ Value: '10.0.0.1' }, { Value: '10.0.0.2' }] } },
            {
              Action: 'CREATE',
              ResourceRecordSet: { Name: 'api.example.com', Type: 'A', AliasTarget: { HostedZoneId: '/hostedzone/Z35SXDOTRQ7X7K', DNSName: 'internal-alb.elb.amazonaws.com', EvaluateTargetHealth: false } },
            },
          ],
        },
      }),
    );
    assert.equal(log[0]!.request.path, '/2013-04-01/hostedzone/Z1/rrset');
    assert.deepEqual(log[0]!.parsed, {
      operation: 'ChangeResourceRecordSets',
      input: {
        HostedZoneId: 'Z1',
        ChangeBatch: {
          Comment: 'x',
          Changes: [
            { Action: 'UPSERT', ResourceRecordSet: { Name: 'a.example.com', Type: 'A', TTL: 300, ResourceRecords: [{ Value: '10.0.0.1' }, { Value: '10.0.0.2' }] } },
            {
              Action: 'CREATE',
              ResourceRecordSet: { Name: 'api.example.com', Type: 'A', AliasTarget: { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: 'internal-alb.elb.amazonaws.com', EvaluateTargetHealth: false } },
            },
          ],
        },
      },
    });
    assert.equal(out.ChangeInfo?.Status, 'PENDING');
  });

  it('ListResourceRecordSets: lower-case query members in, wrapped records out', async () => {
    const log: Exchange[] = [];
    const r53 = client(
      () => ({
        ResourceRecordSets: [
          { Name: 'example.com.', Type: 'SOA', TTL: 900, ResourceRecords: [{ Value: 'ns-1. hostmaster. 1 7200 900 1209600 86400' }] },
          { Name: 'api.example.com.', Type: 'A', AliasTarget: { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: 'x.', EvaluateTargetHealth: true } },
        ],
        IsTruncated: true,
        NextRecordName: 'b.example.com.',
        NextRecordType: 'A',
        MaxItems: '2',
      }),
      log,
    );
    const out = await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: 'Z1', StartRecordName: 'a.example.com', StartRecordType: 'A', MaxItems: 2 }));
    assert.equal(log[0]!.request.method, 'GET');
    assert.deepEqual(log[0]!.parsed, { operation: 'ListResourceRecordSets', input: { HostedZoneId: 'Z1', StartRecordName: 'a.example.com', StartRecordType: 'A', MaxItems: '2' } }); // PageMaxItems is a string in the model
    assert.equal(out.ResourceRecordSets?.length, 2);
    assert.deepEqual(out.ResourceRecordSets?.[1]?.AliasTarget, { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: 'x.', EvaluateTargetHealth: true });
    assert.equal(out.IsTruncated, true);
    assert.equal(out.MaxItems, 2);
  });

  it('ListHostedZones with no zones', async () => {
    const r53 = client(() => ({ HostedZones: [], IsTruncated: false, MaxItems: 100, Marker: '' }));
    const out = await r53.send(new ListHostedZonesCommand({}));
    assert.deepEqual(out.HostedZones, []);
    assert.equal(out.IsTruncated, false);
  });

  it('NoSuchHostedZone: 404 ErrorResponse raises NoSuchHostedZone', async () => {
    const log: Exchange[] = [];
    const r53 = client(() => new AwsError('NoSuchHostedZone', 'No hosted zone found with ID: ZNOPE'), log);
    const err = await rejection(r53.send(new GetHostedZoneCommand({ Id: '/hostedzone/ZNOPE' })));
    assert.equal(log[0]!.request.path, '/2013-04-01/hostedzone/ZNOPE');
    assert.ok(err instanceof NoSuchHostedZone);
    assert.equal(err.message, 'No hosted zone found with ID: ZNOPE');
    assert.equal(err.$metadata?.httpStatusCode, 404);
    assert.equal(err.$metadata?.requestId, RID);
  });

  it('InvalidChangeBatch: standard envelope with <Messages> raises InvalidChangeBatch', async () => {
    const log: Exchange[] = [];
    const messages = ["Tried to create resource record set [name='a.example.com.', type='A'] but it already exists"];
    const r53 = client(() => new AwsError('InvalidChangeBatch', `[${messages.join(', ')}]`, 400, { messages }), log);
    const err = await rejection(
      r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: 'Z1', ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: { Name: 'a.example.com', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '10.0.0.1' }] } }] } })),
    );
    assert.ok(err instanceof InvalidChangeBatch);
    assert.equal(err.message, `[${messages[0]}]`);
    assert.equal(err.$metadata?.httpStatusCode, 400);
    assert.match(String(log[0]!.response.body), /<Code>InvalidChangeBatch<\/Code><Message>\[Tried.*\]<\/Message><Messages><Message>Tried to create.*<\/Message><\/Messages><\/Error>/);
  });

  it('constraint violations answer InvalidInput; not implemented InvalidAction 400', async () => {
    const r53 = client(() => ({}));
    const err = await rejection(r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: 'Z1', StartRecordType: 'NOPE' as never })));
    assert.ok(err instanceof InvalidInput);
    assert.match(err.message, /^1 validation error detected: Value 'NOPE' at 'startRecordType' failed to satisfy constraint: Member must satisfy enum value set: \[SOA, A, /);
    const ni = client((p) => new NotImplementedError(`${p.operation} is not implemented by localvpc (route53 2013-04-01).`));
    const e2 = await rejection(ni.send(new ListHostedZonesCommand({})));
    assert.equal(e2.name, 'InvalidAction');
    assert.equal(e2.$metadata?.httpStatusCode, 400);
    assert.equal(e2.message, 'ListHostedZones is not implemented by localvpc (route53 2013-04-01).');
  });
});

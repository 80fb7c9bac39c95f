/**
 * restXml codec (Route 53): routing, XML bodies, id leniency and error shapes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsError, NotImplementedError } from '../kernel/errors.js';
import { getCodec } from './index.js';
import { RID, awsErrorOf, httpRequest, textOf } from './sdk-harness.test.js';

const r53 = getCodec('route53');
const NS = 'https://route53.amazonaws.com/doc/2013-04-01/';

function change(action: string, ttl = '300'): string {
  return `<?xml version="1.0" encoding="UTF-8"?><ChangeResourceRecordSetsRequest xmlns="${NS}"><ChangeBatch><Changes><Change><Action>${action}</Action><ResourceRecordSet><Name>a.example.com</Name><Type>A</Type><TTL>${ttl}</TTL><ResourceRecords><ResourceRecord><Value>10.0.0.1</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>`;
}

describe('restXml parse', () => {
  it('routes with or without the trailing slash', () => {
    for (const path of ['/2013-04-01/hostedzone/Z1/rrset/', '/2013-04-01/hostedzone/Z1/rrset']) {
      assert.deepEqual(r53.parse(httpRequest('POST', path, {}, change('UPSERT'))), {
        operation: 'ChangeResourceRecordSets',
        input: { HostedZoneId: 'Z1', ChangeBatch: { Changes: [{ Action: 'UPSERT', ResourceRecordSet: { Name: 'a.example.com', Type: 'A', TTL: 300, ResourceRecords: [{ Value: '10.0.0.1' }] } }] } },
      });
    }
    assert.equal(r53.parse(httpRequest('GET', '/2013-04-01/hostedzone/Z1/rrset/')).operation, 'ListResourceRecordSets');
  });

  it('strips /hostedzone/, /change/, /delegationset/ from ids wherever they appear', () => {
    assert.deepEqual(r53.parse(httpRequest('GET', '/2013-04-01/hostedzone/%2Fhostedzone%2FZ1')).input, { Id: 'Z1' });
    assert.deepEqual(r53.parse(httpRequest('GET', '/2013-04-01/change/%2Fchange%2FC1')).input, { Id: 'C1' });
    assert.deepEqual(r53.parse(httpRequest('GET', '/2013-04-01/hostedzone?delegationsetid=%2Fdelegationset%2FN1&maxitems=10')).input, { MaxItems: '10', DelegationSetId: 'N1' });
    const alias = `<ChangeResourceRecordSetsRequest xmlns="${NS}"><ChangeBatch><Changes><Change><Action>CREATE</Action><ResourceRecordSet><Name>x</Name><Type>A</Type><AliasTarget><HostedZoneId>/hostedzone/Z35SXDOTRQ7X7K</HostedZoneId><DNSName>lb.</DNSName><EvaluateTargetHealth>false</EvaluateTargetHealth></AliasTarget></ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>`;
    const input = r53.parse(httpRequest('POST', '/2013-04-01/hostedzone/Z1/rrset/', {}, alias)).input as { ChangeBatch: { Changes: Array<{ ResourceRecordSet: { AliasTarget: unknown } }> } };
    assert.deepEqual(input.ChangeBatch.Changes[0]!.ResourceRecordSet.AliasTarget, { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: 'lb.', EvaluateTargetHealth: false });
  });

  it('malformed XML, a DOCTYPE or the wrong root: 400 MalformedInput', () => {
    for (const body of ['<CreateHostedZoneRequest>', '<!DOCTYPE x><CreateHostedZoneRequest/>', `<ChangeBatch xmlns="${NS}"/>`, 'not xml']) {
      const err = awsErrorOf(() => r53.parse(httpRequest('POST', '/2013-04-01/hostedzone', {}, body)));
      assert.equal(err.code, 'MalformedInput', body);
      assert.equal(err.status, 400);
    }
  });

  it('wrong types and constraint violations: 400 InvalidInput', () => {
    const ttl = awsErrorOf(() => r53.parse(httpRequest('POST', '/2013-04-01/hostedzone/Z1/rrset/', {}, change('UPSERT', 'soon'))));
    assert.equal(ttl.code, 'InvalidInput');
    const action = awsErrorOf(() => r53.parse(httpRequest('POST', '/2013-04-01/hostedzone/Z1/rrset/', {}, change('MERGE'))));
    assert.equal(action.code, 'InvalidInput');
    assert.equal(action.message, "1 validation error detected: Value 'MERGE' at 'changeBatch.changes.1.member.action' failed to satisfy constraint: Member must satisfy enum value set: [CREATE, DELETE, UPSERT]");
    const empty = awsErrorOf(() => r53.parse(httpRequest('POST', '/2013-04-01/hostedzone')));
    assert.equal(
      empty.message,
      "2 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; Value null at 'callerReference' failed to satisfy constraint: Member must not be null",
    );
    const long = awsErrorOf(() => r53.parse(httpRequest('GET', `/2013-04-01/hostedzone/${'Z'.repeat(33)}`)));
    assert.match(long.message, /at 'id' failed to satisfy constraint: Member must have length less than or equal to 32/);
  });

  it('no route: 404 InvalidAction', () => {
    const err = awsErrorOf(() => r53.parse(httpRequest('GET', '/2013-04-01/nothing/here')));
    assert.equal(err.code, 'InvalidAction');
    assert.equal(err.status, 404);
  });
});

describe('restXml serialize and errors', () => {
  it('operations without output have an empty body; lists are wrapped by member locationName', () => {
    const res = r53.serialize('ListHostedZones', { HostedZones: [{ Id: '/hostedzone/Z1', Name: 'a.', CallerReference: 'r' }], IsTruncated: false, MaxItems: '100', Marker: '' }, RID);
    assert.equal(
      textOf(res),
      `<?xml version="1.0" encoding="UTF-8"?><ListHostedZonesResponse xmlns="${NS}"><HostedZones><HostedZone><Id>/hostedzone/Z1</Id><Name>a.</Name><CallerReference>r</CallerReference></HostedZone></HostedZones><Marker></Marker><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListHostedZonesResponse>`,
    );
  });

  it('InvalidChangeBatch: standard envelope, messages as <Messages><Message>', () => {
    const res = r53.serializeError(new AwsError('InvalidChangeBatch', '[m1, m2]', 400, { messages: ['m1', 'm2'] }), RID);
    assert.equal(res.status, 400);
    assert.equal(
      textOf(res),
      `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>InvalidChangeBatch</Code><Message>[m1, m2]</Message><Messages><Message>m1</Message><Message>m2</Message></Messages></Error><RequestId>${RID}</RequestId></ErrorResponse>`,
    );
  });

  it('statuses from the model: 409 for *AlreadyExists, 401 NotAuthorizedException', () => {
    assert.equal(r53.serializeError(new AwsError('HostedZoneAlreadyExists', 'x'), RID).status, 409);
    assert.equal(r53.serializeError(new AwsError('NotAuthorizedException', 'x'), RID).status, 401);
  });

  it('not implemented: 400 InvalidAction', () => {
    const res = r53.serializeError(new NotImplementedError('CreateTrafficPolicy is not implemented by localvpc (route53 2013-04-01).'), RID);
    assert.equal(res.status, 400);
    assert.match(textOf(res), /<Code>InvalidAction<\/Code><Message>CreateTrafficPolicy is not implemented by localvpc/);
    assert.equal(res.headers['x-amzn-RequestId'], RID);
  });
});

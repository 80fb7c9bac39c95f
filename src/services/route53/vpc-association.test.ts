/**
 * Private zone VPC associations (ec2-route53-acm.md §2.4).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, callError, testContext } from '../../../test/helpers/context.js';
import { makeVpc } from '../../../test/helpers/ec2-records.js';
import { ROUTE53_KIND, type HostedZone } from '../../state/records/route53.js';
import { route53Service as svc } from './index.js';

test('associate and disassociate VPCs of a private zone, with every refusal of §2.4', async () => {
  const ctx = testContext();
  const vpc1 = await makeVpc(ctx, '10.10.0.0/16');
  const vpc2 = await makeVpc(ctx, '10.11.0.0/16');
  const vpc3 = await makeVpc(ctx, '10.12.0.0/16');
  const r = 'eu-west-1';
  const created = await call(svc, ctx, 'CreateHostedZone', { Name: 'corp.internal', CallerReference: 'a1', VPC: { VPCId: vpc1, VPCRegion: r } });
  const id = created.HostedZone.Id.replace('/hostedzone/', '');

  const assoc = await call(svc, ctx, 'AssociateVPCWithHostedZone', { HostedZoneId: id, VPC: { VPCId: vpc2, VPCRegion: r }, Comment: 'test 123' });
  assert.deepEqual([assoc.ChangeInfo.Status, assoc.ChangeInfo.Comment], ['PENDING', 'test 123']);
  assert.deepEqual((await call(svc, ctx, 'GetHostedZone', { Id: id })).VPCs, [
    { VPCId: vpc1, VPCRegion: r },
    { VPCId: vpc2, VPCRegion: r },
  ]);

  const twice = await callError(svc, ctx, 'AssociateVPCWithHostedZone', { HostedZoneId: id, VPC: { VPCId: vpc2, VPCRegion: r } });
  assert.deepEqual([twice.code, twice.message], ['ConflictingDomainExists', `The VPC ${vpc2} in region ${r} has already been associated with the hosted zone ${id} with the same domain name.`]);
  const unknown = await callError(svc, ctx, 'AssociateVPCWithHostedZone', { HostedZoneId: id, VPC: { VPCId: 'vpc-0000000000000000f', VPCRegion: r } });
  assert.equal(unknown.code, 'InvalidVPCId');
  assert.equal((await callError(svc, ctx, 'AssociateVPCWithHostedZone', { HostedZoneId: 'ZNOPE', VPC: { VPCId: vpc3, VPCRegion: r } })).status, 404);

  // Another private zone of the same name cannot be seen by a VPC that sees the first.
  const twin = await call(svc, ctx, 'CreateHostedZone', { Name: 'corp.internal.', CallerReference: 'a2', VPC: { VPCId: vpc3, VPCRegion: r } });
  const twinId = twin.HostedZone.Id.replace('/hostedzone/', '');
  const clash = await callError(svc, ctx, 'AssociateVPCWithHostedZone', { HostedZoneId: twinId, VPC: { VPCId: vpc1, VPCRegion: r } });
  assert.deepEqual([clash.code, clash.message.includes(id)], ['ConflictingDomainExists', true]);

  const pub = await call(svc, ctx, 'CreateHostedZone', { Name: 'pub.example.org', CallerReference: 'a3' });
  const pubId = pub.HostedZone.Id.replace('/hostedzone/', '');
  const publicZone = await callError(svc, ctx, 'AssociateVPCWithHostedZone', { HostedZoneId: pubId, VPC: { VPCId: vpc1, VPCRegion: r } });
  assert.deepEqual([publicZone.code, publicZone.message], ['PublicZoneVPCAssociation', `Attempting to associate public zone: ${pubId} with vpc: ${vpc1}`]);

  const dis = await call(svc, ctx, 'DisassociateVPCFromHostedZone', { HostedZoneId: id, VPC: { VPCId: vpc2, VPCRegion: r }, Comment: 'test2' });
  assert.deepEqual([dis.ChangeInfo.Status, dis.ChangeInfo.Comment], ['PENDING', 'test2']);
  const again = await callError(svc, ctx, 'DisassociateVPCFromHostedZone', { HostedZoneId: id, VPC: { VPCId: vpc2, VPCRegion: r } });
  assert.deepEqual([again.code, again.status], ['VPCAssociationNotFound', 404]);
  const last = await callError(svc, ctx, 'DisassociateVPCFromHostedZone', { HostedZoneId: id, VPC: { VPCId: vpc1, VPCRegion: r } });
  assert.deepEqual([last.code, last.status], ['LastVPCAssociation', 400]);
  assert.deepEqual(ctx.store.get<HostedZone>(ROUTE53_KIND.hostedZone, id)!.vpcs, [{ vpcId: vpc1, vpcRegion: r }]);
});

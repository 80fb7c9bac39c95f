/**
 * AssociateVPCWithHostedZone and DisassociateVPCFromHostedZone (ec2-route53-acm.md §2.4). Both
 * answer a PENDING ChangeInfo carrying the request's Comment.
 *
 * - Public zone → PublicZoneVPCAssociation, `Attempting to associate public zone: Z… with vpc: vpc-…`
 *   ([obs] kops log); VPC unknown in its Region → InvalidVPCId; VPC already associated with this
 *   zone, or with another private zone of the same name → ConflictingDomainExists.
 * - Disassociating a VPC the zone does not have → VPCAssociationNotFound (404); the last VPC →
 *   LastVPCAssociation (400). Their texts follow the model's descriptions [infer]. A VPC that has
 *   been deleted since it was associated can still be disassociated.
 * - Cross-account association authorizations are not implemented (one account).
 */
import { AwsError } from '../../kernel/errors.js';
import type { OperationContext, OperationHandler } from '../context.js';
import { ROUTE53_KIND, type HostedZone } from '../../state/records/route53.js';
import { changeInfoWire, recordChange } from './common/changes.js';
import { rejectUnsupported } from './common/errors.js';
import { assertNoConflictingDomain, mustFindVpc, sameVpc, type VpcInput } from './common/vpcs.js';
import { mustGetZone } from './common/zones.js';

interface VpcAssociationInput {
  HostedZoneId: string;
  VPC: VpcInput;
  Comment?: string;
}

function checkInput(operation: string, input: VpcAssociationInput): void {
  rejectUnsupported(operation, input as unknown as Record<string, unknown>, ['HostedZoneId', 'VPC', 'Comment']);
  rejectUnsupported(operation, (input.VPC ?? {}) as Record<string, unknown>, ['VPCId', 'VPCRegion'], 'VPC.');
}

const associate: OperationHandler = (ctx: OperationContext, input: VpcAssociationInput) => {
  checkInput('AssociateVPCWithHostedZone', input);
  return ctx.store.transact((tx) => {
    const zone = mustGetZone(tx, input.HostedZoneId);
    if (!zone.privateZone) {
      throw new AwsError('PublicZoneVPCAssociation', `Attempting to associate public zone: ${zone.id} with vpc: ${input.VPC?.VPCId ?? ''}`, 400);
    }
    const vpc = mustFindVpc(tx, input.VPC ?? {});
    assertNoConflictingDomain(tx, vpc, zone.name);
    tx.put<HostedZone>(ROUTE53_KIND.hostedZone, { ...zone, vpcs: [...zone.vpcs, vpc] });
    return { ChangeInfo: changeInfoWire(recordChange(ctx, tx, input.Comment), 'PENDING') };
  });
};

const disassociate: OperationHandler = (ctx: OperationContext, input: VpcAssociationInput) => {
  checkInput('DisassociateVPCFromHostedZone', input);
  return ctx.store.transact((tx) => {
    const zone = mustGetZone(tx, input.HostedZoneId);
    const vpc = { vpcId: input.VPC?.VPCId ?? '', vpcRegion: input.VPC?.VPCRegion ?? '' };
    if (!zone.vpcs.some((v) => sameVpc(v, vpc))) {
      throw new AwsError('VPCAssociationNotFound', `The specified VPC ${vpc.vpcId} and hosted zone ${zone.id} are not currently associated.`, 404);
    }
    if (zone.vpcs.length === 1) {
      throw new AwsError(
        'LastVPCAssociation',
        "The VPC that you're trying to disassociate from the private hosted zone is the last VPC that is associated with the hosted zone. Amazon Route 53 doesn't support disassociating the last VPC from a hosted zone.",
        400,
      );
    }
    tx.put<HostedZone>(ROUTE53_KIND.hostedZone, { ...zone, vpcs: zone.vpcs.filter((v) => !sameVpc(v, vpc)) });
    return { ChangeInfo: changeInfoWire(recordChange(ctx, tx, input.Comment), 'PENDING') };
  });
};

export const vpcAssociationHandlers: Record<string, OperationHandler> = {
  AssociateVPCWithHostedZone: associate,
  DisassociateVPCFromHostedZone: disassociate,
};

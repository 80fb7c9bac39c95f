/**
 * VPCs of private hosted zones (ec2-route53-acm.md §2.2, §2.4). A VPC is named by id and Region and
 * must exist in the EC2 records of that Region. A VPC can be associated with only one private zone
 * of a given name: a second one answers ConflictingDomainExists with AWS's observed text
 * (`The VPC vpc-… in region us-east-1 has already been associated with the hosted zone Z… with the
 * same domain name.`, openshift/installer capture).
 */
import { AwsError } from '../../../kernel/errors.js';
import type { RecordReader } from '../../../state/store.js';
import { KIND, type Vpc } from '../../../state/records/ec2.js';
import { ROUTE53_KIND, type HostedZone, type HostedZoneVpc } from '../../../state/records/route53.js';
import { invalidInput, invalidVpcId } from './errors.js';

export interface VpcInput {
  VPCId?: string;
  VPCRegion?: string;
}

/** The VPC named by the input, which must exist (InvalidVPCId otherwise). */
export function mustFindVpc(reader: RecordReader, input: VpcInput): HostedZoneVpc {
  if (!input.VPCId) throw invalidVpcId();
  // Wording [infer]: the model leaves VPCRegion optional but a VPC is only known with its Region.
  if (!input.VPCRegion) throw invalidInput('Invalid request: VPCRegion is required when a VPC is specified.');
  const vpc = reader.get<Vpc>(KIND.vpc, input.VPCId);
  if (!vpc || vpc.region !== input.VPCRegion) throw invalidVpcId();
  return { vpcId: vpc.id, vpcRegion: vpc.region };
}

export const sameVpc = (a: HostedZoneVpc, b: HostedZoneVpc): boolean => a.vpcId === b.vpcId && a.vpcRegion === b.vpcRegion;

/** Throws ConflictingDomainExists when `vpc` already sees a private zone named `name` (other than `except`). */
export function assertNoConflictingDomain(reader: RecordReader, vpc: HostedZoneVpc, name: string, except?: string): void {
  const clash = reader.list<HostedZone>(ROUTE53_KIND.hostedZone, (z) => z.privateZone && z.name === name && z.id !== except && z.vpcs.some((v) => sameVpc(v, vpc)))[0];
  if (clash) throw conflictingDomain(vpc, clash.id);
}

export function conflictingDomain(vpc: HostedZoneVpc, zoneId: string): AwsError {
  return new AwsError('ConflictingDomainExists', `The VPC ${vpc.vpcId} in region ${vpc.vpcRegion} has already been associated with the hosted zone ${zoneId} with the same domain name.`, 400);
}

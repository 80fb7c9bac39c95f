/**
 * What an interface endpoint is made of and checked against (elbv2-vpc-endpoints.md §4.2, §8.5):
 * its subnets (one per Availability Zone, in the endpoint's VPC), its security groups (default:
 * the VPC's `default` group), its private DNS (needs the VPC's DNS attributes and the name free in
 * the VPC), its policy, and the requester-managed ENI it has in each subnet.
 */
import type { OperationContext } from '../context.js';
import type { RecordReader, Tx } from '../../state/store.js';
import { KIND, type NetworkInterface, type Subnet, type Vpc, type VpcEndpoint, type VpcEndpointSubnet } from '../../state/records/ec2.js';
import { allocatePrivateIp } from '../../state/views/addresses.js';
import { servicePrivateDnsName } from '../../state/views/vpc-endpoint-names.js';
import { parsePolicy } from '../../policy/parse.js';
import { PolicyParseError } from '../../policy/errors.js';
import { NotImplementedError } from '../../kernel/errors.js';
import { listInRegion, mustGet } from './common/lookup.js';
import { ec2Base } from './common/base.js';
import { newMacAddress } from './network-interface-records.js';
import { groupsInVpc } from './group-refs.js';
import { duplicateSubnetsInSameZone, invalidParameter, invalidPolicyDocument, privateDnsConflict, privateDnsNeedsVpcDns } from './vpc-endpoint-errors.js';

/** The policy an endpoint gets when none is given: full access (§4.2, exactly as AWS returns it). */
export const DEFAULT_POLICY = '{"Statement":[{"Action":"*","Effect":"Allow","Principal":"*","Resource":"*"}]}';

/**
 * `RequesterId` of endpoint ENIs: the AWS account that manages them, as DescribeNetworkInterfaces
 * shows it (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/requester-managed-eni.html).
 */
export const ENDPOINT_REQUESTER_ID = '727180483921';

/** `VPC Endpoint Interface vpce-…` (§4.2, requester-managed-eni.html). */
export function endpointInterfaceDescription(vpceId: string): string {
  return `VPC Endpoint Interface ${vpceId}`;
}

/**
 * The subnets a call adds to an endpoint of `vpcId` that already has `kept` subnets: each must
 * exist and lie in the VPC, and no two may share an Availability Zone (DuplicateSubnetsInSameZone,
 * naming the later subnet). Repeated ids count once.
 */
export function subnetsToAdd(reader: RecordReader, region: string, vpcId: string, ids: readonly string[], kept: readonly VpcEndpointSubnet[]): Subnet[] {
  const zones = new Set(kept.map((s) => s.availabilityZone));
  const out: Subnet[] = [];
  for (const id of new Set(ids)) {
    const subnet = mustGet<Subnet>(reader, KIND.subnet, region, id, 'subnet', 'subnet');
    // [infer] wording; the code is EC2's for arguments that do not fit together.
    if (subnet.vpcId !== vpcId) throw invalidParameter(`The subnet ID '${id}' does not belong to the VPC '${vpcId}'`);
    if (zones.has(subnet.availabilityZone)) throw duplicateSubnetsInSameZone(id);
    zones.add(subnet.availabilityZone);
    out.push(subnet);
  }
  return out;
}

/**
 * Security group ids for an endpoint of `vpcId`: unknown ids → `InvalidGroup.NotFound` naming them
 * all; a group of another VPC → `InvalidParameter` [infer wording, after RunInstances's
 * `Security group sg-… and subnet subnet-… belong to different networks.`].
 */
export function endpointGroups(reader: RecordReader, region: string, vpcId: string, ids: readonly string[]): string[] {
  return groupsInVpc(reader, region, vpcId, ids, (id) => `Security group ${id} and VPC ${vpcId} belong to different networks.`);
}

/**
 * Private DNS needs both VPC DNS attributes (§4.2) and a VPC where no other endpoint of the same
 * service already holds the names (AWS's conflicting-domain refusal).
 */
export function checkPrivateDns(reader: RecordReader, vpc: Vpc, serviceName: string, exceptEndpointId?: string): void {
  if (!vpc.enableDnsSupport || !vpc.enableDnsHostnames) throw privateDnsNeedsVpcDns(vpc.id);
  const holder = listInRegion<VpcEndpoint>(reader, KIND.vpcEndpoint, vpc.region, (e) => e.vpcId === vpc.id && e.serviceName === serviceName && e.privateDnsEnabled && e.id !== exceptEndpointId)[0];
  if (holder) throw privateDnsConflict(servicePrivateDnsName(serviceName, vpc.region) ?? serviceName, vpc.id);
}

/**
 * Checks an endpoint policy (the IAM grammar localvpc evaluates, src/policy) and returns it as
 * given. Invalid JSON or grammar → `InvalidPolicyDocument`; valid IAM that localvpc cannot
 * evaluate → not implemented.
 */
export function endpointPolicy(text: string): string {
  try {
    parsePolicy(text);
  } catch (e) {
    if (!(e instanceof PolicyParseError)) throw e;
    if (e.notImplemented) throw new NotImplementedError(`The VPC endpoint policy uses something localvpc does not evaluate: ${e.message}.`);
    throw invalidPolicyDocument(e.message);
  }
  return text;
}

/**
 * Writes the endpoint's requester-managed ENI in `subnet` (§4.2): InterfaceType `vpc_endpoint`,
 * status `in-use`, the endpoint's groups, a private address from the subnet (`privateIp` pins it,
 * SubnetConfigurations `Ipv4`). It has no attachment record: AWS shows none for these [infer].
 */
export function putEndpointInterface(tx: Tx, ctx: OperationContext, vpceId: string, subnet: Subnet, groups: readonly string[], privateIp?: string): VpcEndpointSubnet {
  const eni: NetworkInterface = {
    ...ec2Base(ctx, 'eni', []),
    subnetId: subnet.id,
    vpcId: subnet.vpcId,
    availabilityZone: subnet.availabilityZone,
    privateIpAddress: allocatePrivateIp(tx, subnet, privateIp),
    macAddress: newMacAddress(),
    description: endpointInterfaceDescription(vpceId),
    interfaceType: 'vpc_endpoint',
    requesterManaged: true,
    requesterId: ENDPOINT_REQUESTER_ID,
    groups: [...groups],
    status: 'in-use',
    sourceDestCheck: true,
  };
  tx.put(KIND.networkInterface, eni);
  return { subnetId: subnet.id, availabilityZone: subnet.availabilityZone, networkInterfaceId: eni.id };
}

/** Gives every ENI of the endpoint the endpoint's groups (groups apply to all its interfaces, §4.2). */
export function setInterfaceGroups(tx: Tx, subnets: readonly VpcEndpointSubnet[], groups: readonly string[]): void {
  for (const s of subnets) {
    const eni = tx.get<NetworkInterface>(KIND.networkInterface, s.networkInterfaceId);
    if (eni) tx.put(KIND.networkInterface, { ...eni, groups: [...groups] });
  }
}

export function deleteEndpointInterfaces(tx: Tx, subnets: readonly VpcEndpointSubnet[]): void {
  for (const s of subnets) tx.delete(KIND.networkInterface, s.networkInterfaceId);
}

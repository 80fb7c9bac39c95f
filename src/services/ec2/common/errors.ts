/**
 * EC2's error codes and messages, as AWS words them (ec2-route53-acm.md §1.16 and the sections
 * it points to). All are HTTP 400 client faults unless noted.
 */
import { AwsError, NotImplementedError } from '../../../kernel/errors.js';

/** Resource nouns as they appear in EC2's NotFound codes and messages. */
const NOT_FOUND: Record<string, { code: string; noun: string }> = {
  vpc: { code: 'InvalidVpcID.NotFound', noun: 'vpc ID' },
  subnet: { code: 'InvalidSubnetID.NotFound', noun: 'subnet ID' },
  'route-table': { code: 'InvalidRouteTableID.NotFound', noun: 'routeTable ID' },
  'route-table-association': { code: 'InvalidAssociationID.NotFound', noun: 'association ID' },
  'internet-gateway': { code: 'InvalidInternetGatewayID.NotFound', noun: 'internetGateway ID' },
  'security-group': { code: 'InvalidGroup.NotFound', noun: 'security group' },
  'security-group-rule': { code: 'InvalidSecurityGroupRuleId.NotFound', noun: 'security group rule ID' },
  'network-interface': { code: 'InvalidNetworkInterfaceID.NotFound', noun: 'networkInterface ID' },
  instance: { code: 'InvalidInstanceID.NotFound', noun: 'instance ID' },
  'vpc-peering-connection': { code: 'InvalidVpcPeeringConnectionID.NotFound', noun: 'vpcPeeringConnection ID' },
  'customer-gateway': { code: 'InvalidCustomerGatewayID.NotFound', noun: 'customerGateway ID' },
  'vpn-gateway': { code: 'InvalidVpnGatewayID.NotFound', noun: 'vpnGateway ID' },
  'vpn-connection': { code: 'InvalidVpnConnectionID.NotFound', noun: 'vpnConnection ID' },
};

/**
 * `The vpc ID 'vpc-404' does not exist` (verified wire text, aws-protocols.md §9 V2). For several
 * ids EC2 lists them all: `The instance IDs 'i-1, i-2' do not exist`.
 */
export function notFound(type: keyof typeof NOT_FOUND | string, ids: string | readonly string[]): AwsError {
  const list = typeof ids === 'string' ? [ids] : ids;
  const spec = NOT_FOUND[type] ?? { code: 'InvalidID.NotFound', noun: `${type} ID` };
  if (type === 'security-group') {
    return new AwsError(spec.code, `The security group '${list.join(', ')}' does not exist`);
  }
  if (list.length > 1) return new AwsError(spec.code, `The ${spec.noun}s '${list.join(', ')}' do not exist`);
  return new AwsError(spec.code, `The ${spec.noun} '${list[0]}' does not exist`);
}

/** A well-formed request naming an id of the wrong shape: `Invalid id: "vpc-x"` (EC2 Malformed codes). */
export function malformed(code: string, id: string, expected?: string): AwsError {
  return new AwsError(code, `Invalid id: "${id}"${expected ? ` (expecting "${expected}")` : ''}`);
}

export function invalidParameterValue(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message);
}

export function missingParameter(name: string): AwsError {
  return new AwsError('MissingParameter', `The request must contain the parameter ${name}`);
}

export function dependencyViolation(message: string): AwsError {
  return new AwsError('DependencyViolation', message);
}

/** The DryRun answer: 412 `DryRunOperation` (aws-protocols.md §9 V2). */
export function checkDryRun(input: { DryRun?: boolean }): void {
  if (input.DryRun) throw new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
}

/**
 * Refuses input members this handler does not implement, so nothing is silently accepted and
 * ignored (DESIGN.md). `supported` lists the members the handler reads; `DryRun` is always
 * supported.
 */
export function rejectUnsupported(operation: string, input: Record<string, unknown>, supported: readonly string[]): void {
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || key === 'DryRun' || supported.includes(key)) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    throw new NotImplementedError(`The parameter ${key} of ${operation} is not implemented by localvpc (ec2 2016-11-15).`);
  }
}

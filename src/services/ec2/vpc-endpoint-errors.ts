/**
 * Errors of the VPC endpoint operations, worded as AWS words them (elbv2-vpc-endpoints.md §4.2,
 * ec2-route53-acm.md §1.16). Wordings marked [infer] were not observed; their codes were.
 */
import { AwsError, NotImplementedError } from '../../kernel/errors.js';
import { EXECUTE_API } from './vpc-endpoint-catalog.js';

/** `The Vpc Endpoint Service 'com.amazonaws.eu-west-1.ssm' does not exist` (observed, §4.2; also DescribeVpcEndpointServices, aws/aws-cli via hashicorp/terraform-provider-aws#10853). */
export function invalidServiceName(serviceName: string): AwsError {
  return new AwsError('InvalidServiceName', `The Vpc Endpoint Service '${serviceName}' does not exist`);
}

/** An AWS service localvpc does not run behind an endpoint. */
export function serviceNotImplemented(serviceName: string, region: string): NotImplementedError {
  return new NotImplementedError(`VPC endpoints to '${serviceName}' are not implemented by localvpc: only interface endpoints to com.amazonaws.${region}.${EXECUTE_API} are.`);
}

/**
 * `InvalidVpcEndpointId.NotFound` (EC2 error codes); the text `The vpcEndpoint ID 'vpce-x' does
 * not exist` follows EC2's NotFound pattern, as a public fixture of the AWS CLI answer shows.
 */
export function endpointNotFound(ids: readonly string[]): AwsError {
  if (ids.length > 1) return new AwsError('InvalidVpcEndpointId.NotFound', `The vpcEndpoint IDs '${ids.join(', ')}' do not exist`);
  return new AwsError('InvalidVpcEndpointId.NotFound', `The vpcEndpoint ID '${ids[0] ?? ''}' does not exist`);
}

/** `InvalidVpcEndpointId.Malformed` (EC2 error codes); wording as EC2's other Malformed answers [infer]. */
export function endpointMalformed(id: string): AwsError {
  return new AwsError('InvalidVpcEndpointId.Malformed', `Invalid id: "${id}" (expecting "vpce-...")`);
}

/**
 * DeleteVpcEndpoints reports an unknown id as an unsuccessful item with code
 * `InvalidVpcEndpoint.NotFound` (what hashicorp/terraform-provider-aws's delete treats as
 * already gone); the message [infer].
 */
export function unsuccessfulNotFound(id: string): { code: string; message: string } {
  return { code: 'InvalidVpcEndpoint.NotFound', message: `The VPC endpoint '${id}' does not exist` };
}

/**
 * `DuplicateSubnetsInSameZone` `Found another VPC endpoint subnet in the availability zone of
 * subnet-…. VPC endpoint subnets should be in different availability zones supported by the VPC
 * endpoint service.` (observed: terraform-aws-modules/terraform-aws-vpc#451, #583).
 */
export function duplicateSubnetsInSameZone(subnetId: string): AwsError {
  return new AwsError(
    'DuplicateSubnetsInSameZone',
    `Found another VPC endpoint subnet in the availability zone of ${subnetId}. VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.`,
  );
}

/**
 * `InvalidParameter` `Enabling private DNS requires both enableDnsSupport and enableDnsHostnames
 * VPC attributes set to true for vpc-…` (observed in AWS GuardDuty's troubleshooting guide and
 * public console captures).
 */
export function privateDnsNeedsVpcDns(vpcId: string): AwsError {
  return new AwsError('InvalidParameter', `Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for ${vpcId}`);
}

/**
 * `InvalidParameter` `private-dns-enabled cannot be set because there is already a conflicting
 * DNS domain for logs.us-east-1.amazonaws.com in the VPC vpc-…` (observed, CloudFormation and
 * Terraform captures); the domain is the service's private DNS name (`*.dkr.ecr…` for ECR).
 */
export function privateDnsConflict(domain: string, vpcId: string): AwsError {
  return new AwsError('InvalidParameter', `private-dns-enabled cannot be set because there is already a conflicting DNS domain for ${domain} in the VPC ${vpcId}`);
}

/** `InvalidPolicyDocument` `The Policy Document is not valid. Syntax error at position (1,75)` (observed: hashicorp/terraform-provider-aws#42291); details after the first sentence are localvpc's. */
export function invalidPolicyDocument(detail: string): AwsError {
  return new AwsError('InvalidPolicyDocument', `The Policy Document is not valid. ${detail}`);
}

/** `InvalidParameter`, EC2's code for a request that names things that do not fit together. */
export function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameter', message);
}

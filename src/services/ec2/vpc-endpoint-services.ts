/**
 * DescribeVpcEndpointServices: the endpoint services a VPC endpoint can connect to in the region.
 * localvpc runs one, API Gateway's `com.amazonaws.{region}.execute-api`, and lists only it
 * (fields as AWS lists AWS services: elbv2-vpc-endpoints.md §4.2, §8.5; DescribeVpcEndpointServices
 * CLI examples).
 */
import { createHash } from 'node:crypto';
import type { OperationHandler } from '../context.js';
import { baseEndpointDnsName, servicePrivateDnsName } from '../../state/views/vpc-endpoint-names.js';
import { AwsError, NotImplementedError } from '../../kernel/errors.js';
import { checkDryRun, rejectUnsupported } from './common/errors.js';
import { applyFilters, checkFilterNames, type Filter, type FilterFields } from './common/filters.js';
import { paginate } from './common/pagination.js';
import { zonesOf } from './common/regions.js';
import { classifyServiceName, executeApiServiceName } from './vpc-endpoint-catalog.js';
import { invalidServiceName } from './vpc-endpoint-errors.js';

/** One listed service, with the fields the filters read. */
interface ServiceEntry {
  /** The service name (paging key). */
  readonly id: string;
  readonly region: string;
  readonly serviceType: 'Interface';
  readonly owner: 'amazon';
  readonly supportedIpAddressTypes: readonly string[];
  readonly tags: readonly { Key: string; Value: string }[];
}

/** `vpce-svc-` and 17 hex, fixed per service name so every call shows the same id [infer]. */
function serviceId(serviceName: string): string {
  return `vpce-svc-${createHash('sha256').update(serviceName).digest('hex').slice(0, 17)}`;
}

function executeApiEntry(region: string): ServiceEntry {
  return { id: executeApiServiceName(region), region, serviceType: 'Interface', owner: 'amazon', supportedIpAddressTypes: ['ipv4'], tags: [] };
}

/**
 * `ServiceDetail`: an AWS-owned interface service that accepts endpoints without acceptance,
 * supports endpoint policies and has a verified private DNS name
 * (`*.execute-api.{region}.amazonaws.com`) in every zone of the region.
 */
export function serviceDetailToWire(entry: ServiceEntry): Record<string, unknown> {
  const zones = zonesOf(entry.region);
  const privateDnsName = servicePrivateDnsName(entry.id, entry.region);
  return {
    ServiceName: entry.id,
    ServiceId: serviceId(entry.id),
    ServiceType: [{ ServiceType: entry.serviceType }],
    ServiceRegion: entry.region,
    AvailabilityZoneIds: zones.map((z) => z.id),
    AvailabilityZones: zones.map((z) => z.name),
    Owner: entry.owner,
    BaseEndpointDnsNames: [baseEndpointDnsName(entry.id, entry.region)],
    PrivateDnsName: privateDnsName,
    PrivateDnsNames: privateDnsName ? [{ PrivateDnsName: privateDnsName }] : [],
    VpcEndpointPolicySupported: true,
    AcceptanceRequired: false,
    ManagesVpcEndpoints: false,
    Tags: [],
    PrivateDnsNameVerificationState: 'verified',
    SupportedIpAddressTypes: [...entry.supportedIpAddressTypes],
  };
}

/** DescribeVpcEndpointServices filters (API reference). */
const SERVICE_FILTERS: FilterFields<ServiceEntry> = {
  'service-name': (s) => s.id,
  'service-type': (s) => s.serviceType,
  'owner': (s) => s.owner,
  'service-region': (s) => s.region,
  'supported-ip-address-types': (s) => s.supportedIpAddressTypes,
};

/** MaxResults above 1,000 return 1,000 items (API reference). */
const MAX_PAGE = 1000;

interface DescribeInput {
  ServiceNames?: string[];
  Filters?: Filter[];
  MaxResults?: number;
  NextToken?: string;
  ServiceRegions?: string[];
  DryRun?: boolean;
}

const describeVpcEndpointServices: OperationHandler = (ctx, input: DescribeInput) => {
  rejectUnsupported('DescribeVpcEndpointServices', input as Record<string, unknown>, ['ServiceNames', 'Filters', 'MaxResults', 'NextToken', 'ServiceRegions']);
  for (const r of input.ServiceRegions ?? []) {
    if (r !== ctx.region) throw new NotImplementedError(`Endpoint services of other regions (ServiceRegions ${r}) are not implemented by localvpc.`);
  }
  for (const name of input.ServiceNames ?? []) {
    const kind = classifyServiceName(name, ctx.region);
    if (kind === 'execute-api') continue;
    if (kind === 'unknown') throw invalidServiceName(name);
    // An AWS service localvpc does not run: AWS's code and text, and a sentence saying why.
    throw new AwsError('InvalidServiceName', `${invalidServiceName(name).message}; localvpc runs only com.amazonaws.${ctx.region}.execute-api behind VPC endpoints.`);
  }
  checkFilterNames(input.Filters, SERVICE_FILTERS, 'InvalidFilter');
  checkDryRun(input);
  const services = applyFilters([executeApiEntry(ctx.region)], input.Filters, SERVICE_FILTERS);
  const maxResults = input.MaxResults === undefined ? undefined : Math.min(input.MaxResults, MAX_PAGE);
  const { page, nextToken } = paginate(services, { MaxResults: maxResults, NextToken: input.NextToken }, { min: 1, max: MAX_PAGE });
  return { ServiceNames: page.map((s) => s.id), ServiceDetails: page.map(serviceDetailToWire), NextToken: nextToken };
};

export const vpcEndpointServiceHandlers: Record<string, OperationHandler> = {
  DescribeVpcEndpointServices: describeVpcEndpointServices,
};

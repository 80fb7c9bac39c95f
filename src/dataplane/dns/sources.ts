/**
 * The data plane's name sources, in the order the resolver asks them, which is the Route 53
 * Resolver's (ec2-route53-acm.md §2.10; hosted-zone-names.ts gives the reasons):
 *
 * 1. private hosted zones of the view's VPC, with its endpoints' private-DNS zones;
 * 2. EC2 private names (`ip-….compute.internal`), inside a VPC;
 * 3. public hosted zones, in every view;
 * 4. AWS public names, in every view: load balancers, endpoint regional and zonal names,
 *    `{api}-{vpce}` names, custom domain targets, `{api}.execute-api` names.
 */
import type { ApiGwSnapshot } from '../apigw/snapshot.js';
import type { LbSnapshot } from '../lb/snapshot.js';
import { executeApiNames, loadBalancerNames } from './aws-service-names.js';
import { ec2PrivateNames } from './ec2-names.js';
import { apiEndpointNames, customDomainTargetNames, vpcEndpointNames } from './endpoint-names.js';
import { privateZoneNames, publicZoneNames } from './hosted-zone-names.js';
import type { NameSource } from './name-source.js';
import type { NamesSnapshot } from './names-snapshot.js';

export interface NameSourcePlanes {
  readonly names: () => NamesSnapshot;
  readonly lb: () => LbSnapshot;
  readonly apigw: () => ApiGwSnapshot;
}

export function dataplaneNameSources(planes: NameSourcePlanes): NameSource[] {
  return [
    privateZoneNames(planes.names),
    ec2PrivateNames,
    publicZoneNames(planes.names),
    loadBalancerNames(planes.lb),
    vpcEndpointNames(planes.names),
    apiEndpointNames(planes.names),
    customDomainTargetNames(planes.names),
    executeApiNames(planes.apigw),
  ];
}

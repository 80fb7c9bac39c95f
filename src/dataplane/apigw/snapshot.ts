/**
 * What the execute-api data plane serves from, compiled from the API Gateway records
 * (apigw-plane.ts): APIs, stages with their frozen deployments (route tables compiled once per
 * deployment), and VPC links with their status. Stage variables are read from the stage, so a
 * variable change applies to the next request without a redeploy; the resources a stage
 * serves come only from its deployment (apigateway-rest.md §1.8, §2.7).
 */
import type { DeploymentSnapshot, EndpointType } from '../../state/records/apigateway.js';
import type { RouteTable } from './routes.js';

export interface ApiEntry {
  readonly id: string;
  readonly region: string;
  readonly name: string;
  readonly endpointType: EndpointType;
  readonly disableExecuteApiEndpoint: boolean;
  readonly vpcEndpointIds: readonly string[];
}

export interface CompiledDeployment {
  readonly id: string;
  readonly snapshot: DeploymentSnapshot;
  readonly routes: RouteTable;
}

export interface StageEntry {
  readonly restApiId: string;
  readonly stageName: string;
  readonly variables: Readonly<Record<string, string>>;
  readonly deployment: CompiledDeployment;
}

export interface VpcLinkEntry {
  readonly id: string;
  readonly region: string;
  readonly targetArn: string;
  readonly status: 'PENDING' | 'AVAILABLE' | 'FAILED' | 'DELETING';
}

export interface ApiGwSnapshot {
  readonly generation: number;
  readonly apis: ReadonlyMap<string, ApiEntry>;
  /** Keyed `{restApiId}/{stageName}`. */
  readonly stages: ReadonlyMap<string, StageEntry>;
  readonly vpcLinks: ReadonlyMap<string, VpcLinkEntry>;
}

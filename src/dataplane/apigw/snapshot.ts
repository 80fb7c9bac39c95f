/**
 * What the execute-api data plane serves from, compiled from the API Gateway records
 * (apigw-plane.ts): APIs, stages with their frozen deployments (route tables compiled once per
 * deployment), and VPC links with their status. Stage variables are read from the stage, so a
 * variable change applies to the next request without a redeploy; the resources a stage
 * serves come only from its deployment (apigateway-rest.md §1.8, §2.7).
 *
 * Also what reaches those APIs besides their default host: the `execute-api` interface VPC
 * endpoints (elbv2-vpc-endpoints.md §4.2, apigateway-rest.md §3) and the custom domain names
 * with their base path mappings, access associations and ACM certificates (§1.10, §2.9).
 */
import type { Policy } from '../../policy/evaluate.js';
import type { DomainName, DeploymentSnapshot, EndpointType } from '../../state/records/apigateway.js';
import type { RouteTable } from './routes.js';
import type { ServedCertificate } from '../tls/secure-contexts.js';

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

/** A parsed policy document, or why it could not be parsed (such a policy admits nothing [infer]). */
export type ParsedPolicy = Policy | Error;

/** An `execute-api` interface VPC endpoint (other services' endpoints are not compiled here). */
export interface VpcEndpointEntry {
  readonly id: string;
  readonly region: string;
  readonly vpcId: string;
  readonly state: string;
  /** The requester-managed ENIs, one per subnet; their host addresses are in the network snapshot. */
  readonly networkInterfaceIds: readonly string[];
  /** The endpoint policy (default full access, §4.2), evaluated for every call through it (§2.8). */
  readonly policy: ParsedPolicy;
  readonly privateDnsEnabled: boolean;
  /** Lowercase DnsEntries names: regional, zonal, then the private-DNS names (state/views/vpc-endpoint-names.ts). */
  readonly dnsNames: readonly string[];
}

/** A base path mapping, ready for longest-prefix matching on whole path segments (§2.9). */
export interface BasePathMappingEntry {
  /** As stored; `(none)` for the empty base path. */
  readonly basePath: string;
  /** The base path split on `/`; empty for `(none)`. */
  readonly segments: readonly string[];
  readonly restApiId: string;
  /** Undefined: the caller names the stage after the base path. */
  readonly stage: string | undefined;
}

/** The certificate a custom domain serves, from ACM (ISSUED or IMPORTED, with its PEMs). */
/** The leaf followed by its chain, and the key (tls/secure-contexts.ts). */
export type DomainCertificate = ServedCertificate;

export interface DomainNameEntry {
  /** The DomainName record's key (`domainNameKey`). */
  readonly key: string;
  /** Lowercase. */
  readonly domainName: string;
  readonly domainNameId: string | undefined;
  readonly domainNameArn: string;
  readonly region: string;
  readonly endpointType: EndpointType;
  readonly status: DomainName['domainNameStatus'];
  /** PRIVATE only: the domain's execute-api policy; undefined when it has none. */
  readonly policy: ParsedPolicy | undefined;
  /** PRIVATE only: the VPC endpoint ids with a domain name access association. */
  readonly accessAssociations: ReadonlySet<string>;
  /** Undefined until the ACM certificate is issued (or when it has no private key). */
  readonly certificate: DomainCertificate | undefined;
  /** Longest base path first, `(none)` last. */
  readonly mappings: readonly BasePathMappingEntry[];
}

export interface ApiGwSnapshot {
  readonly generation: number;
  readonly apis: ReadonlyMap<string, ApiEntry>;
  /** Keyed `{restApiId}/{stageName}`. */
  readonly stages: ReadonlyMap<string, StageEntry>;
  readonly vpcLinks: ReadonlyMap<string, VpcLinkEntry>;
  /** `execute-api` interface endpoints by id, whatever their state. */
  readonly vpcEndpoints: ReadonlyMap<string, VpcEndpointEntry>;
  /** Custom domain names by lowercase name: one public (REGIONAL/EDGE) entry at most, any number of PRIVATE ones. */
  readonly domainNames: ReadonlyMap<string, readonly DomainNameEntry[]>;
}

/**
 * Records of API Gateway v1 (REST) resources. The apigateway service writes them; the data plane
 * (execute-api pipeline) reads stages and their frozen deployments, never the live resource tree
 * (DESIGN.md, "API Gateway stages serve their frozen deployment").
 *
 * Layout (apigateway-rest.md §1):
 * - `restApi`: one per API, keyed by its 10-char id.
 * - `resource`: one per path resource, keyed `{restApiId}/{resourceId}`. Methods live INSIDE their
 *   resource (`methods`, keyed by verb), each with its integration, integration responses and
 *   method responses: a PutMethod rewrites the resource record, and a deployment copies whole
 *   resources.
 * - `deployment`: keyed `{restApiId}/{deploymentId}`; holds `snapshot`, a frozen deep copy of the
 *   tree and of the API-level settings that need a redeploy in AWS.
 * - `stage`: keyed `{restApiId}/{stageName}`; points at a deployment. Stage variables live here,
 *   so a variable change applies without redeploying (§1.8).
 * - `vpcLink`: keyed by its 6-char id.
 * - `gatewayResponse`: only customised types are stored, keyed `{restApiId}/{responseType}`;
 *   defaults are computed.
 *
 * Field names follow the API's member names; times are ISO 8601 strings.
 */
import type { StoredRecord } from '../store.js';

export const KIND = {
  restApi: 'apigateway.rest-api',
  resource: 'apigateway.resource',
  deployment: 'apigateway.deployment',
  stage: 'apigateway.stage',
  vpcLink: 'apigateway.vpc-link',
  gatewayResponse: 'apigateway.gateway-response',
  domainName: 'apigateway.domain-name',
  basePathMapping: 'apigateway.base-path-mapping',
  domainNameAccessAssociation: 'apigateway.domain-name-access-association',
} as const;

export type EndpointType = 'EDGE' | 'REGIONAL' | 'PRIVATE';

export interface EndpointConfiguration {
  readonly types: readonly EndpointType[];
  readonly ipAddressType: 'ipv4' | 'dualstack';
  /** Only for PRIVATE APIs. */
  readonly vpcEndpointIds?: readonly string[];
}

export interface RestApi extends StoredRecord {
  readonly id: string;
  readonly region: string;
  readonly name: string;
  readonly description?: string;
  readonly version?: string;
  readonly createdDate: string;
  readonly binaryMediaTypes?: readonly string[];
  readonly minimumCompressionSize?: number;
  readonly apiKeySource: 'HEADER' | 'AUTHORIZER';
  readonly endpointConfiguration: EndpointConfiguration;
  /** The resource policy as a JSON string, `execute-api:/` shorthand already expanded (§1.3). */
  readonly policy?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly disableExecuteApiEndpoint: boolean;
  readonly rootResourceId: string;
}

export interface IntegrationResponse {
  readonly statusCode: string;
  readonly selectionPattern?: string;
  readonly responseParameters?: Readonly<Record<string, string>>;
  readonly responseTemplates?: Readonly<Record<string, string>>;
  readonly contentHandling?: string;
}

export interface Integration {
  readonly type: 'HTTP' | 'HTTP_PROXY' | 'MOCK';
  /** `integrationHttpMethod` on input, `httpMethod` on output (§1.6). */
  readonly httpMethod?: string;
  readonly uri?: string;
  readonly connectionType?: 'INTERNET' | 'VPC_LINK';
  /** A VPC link id or `${stageVariables.x}`, substituted at request time. */
  readonly connectionId?: string;
  readonly requestParameters?: Readonly<Record<string, string>>;
  readonly requestTemplates?: Readonly<Record<string, string>>;
  readonly passthroughBehavior: string;
  readonly contentHandling?: string;
  readonly timeoutInMillis: number;
  readonly cacheNamespace: string;
  readonly cacheKeyParameters: readonly string[];
  readonly tlsConfig?: { readonly insecureSkipVerification?: boolean };
  readonly integrationResponses: Readonly<Record<string, IntegrationResponse>>;
}

export interface MethodResponse {
  readonly statusCode: string;
  readonly responseParameters?: Readonly<Record<string, boolean>>;
  readonly responseModels?: Readonly<Record<string, string>>;
}

export interface Method {
  readonly httpMethod: string;
  readonly authorizationType: 'NONE' | 'AWS_IAM';
  readonly apiKeyRequired: boolean;
  readonly operationName?: string;
  readonly requestParameters?: Readonly<Record<string, boolean>>;
  readonly methodResponses: Readonly<Record<string, MethodResponse>>;
  readonly methodIntegration?: Integration;
}

/** What a deployment freezes of one resource. */
export interface ResourceTree {
  /** The resource id (without the API prefix). */
  readonly resourceId: string;
  /** Absent on the root. */
  readonly parentId?: string;
  readonly pathPart?: string;
  /** Full path, `/` for the root, `/{proxy+}`, `/pets/{id}`. */
  readonly path: string;
  readonly methods: Readonly<Record<string, Method>>;
}

export interface Resource extends StoredRecord, ResourceTree {
  /** `{restApiId}/{resourceId}`. */
  readonly id: string;
  readonly restApiId: string;
}

export interface GatewayResponse extends StoredRecord {
  /** `{restApiId}/{responseType}`. */
  readonly id: string;
  readonly restApiId: string;
  readonly responseType: string;
  readonly statusCode?: string;
  readonly responseParameters?: Readonly<Record<string, string>>;
  readonly responseTemplates?: Readonly<Record<string, string>>;
}

/** Everything the data plane serves a stage from; immutable once written. */
export interface DeploymentSnapshot {
  readonly resources: readonly ResourceTree[];
  readonly policy?: string;
  readonly apiKeySource: 'HEADER' | 'AUTHORIZER';
  readonly binaryMediaTypes?: readonly string[];
  readonly minimumCompressionSize?: number;
  /** Customised gateway responses at deploy time (defaults are computed). */
  readonly gatewayResponses: readonly Omit<GatewayResponse, 'id' | 'restApiId'>[];
}

export interface Deployment extends StoredRecord {
  /** `{restApiId}/{deploymentId}`. */
  readonly id: string;
  readonly deploymentId: string;
  readonly restApiId: string;
  readonly description?: string;
  readonly createdDate: string;
  readonly snapshot: DeploymentSnapshot;
}

export interface Stage extends StoredRecord {
  /** `{restApiId}/{stageName}`. */
  readonly id: string;
  readonly restApiId: string;
  readonly stageName: string;
  readonly deploymentId: string;
  readonly description?: string;
  readonly variables: Readonly<Record<string, string>>;
  readonly tracingEnabled: boolean;
  readonly cacheClusterEnabled: boolean;
  readonly tags: Readonly<Record<string, string>>;
  readonly createdDate: string;
  readonly lastUpdatedDate: string;
}

export interface VpcLink extends StoredRecord {
  readonly id: string;
  readonly region: string;
  readonly name: string;
  readonly description?: string;
  /** Exactly one NLB ARN (§1.9). */
  readonly targetArns: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  readonly createdDate: string;
}

export const resourceKey = (restApiId: string, resourceId: string): string => `${restApiId}/${resourceId}`;
export const stageKey = (restApiId: string, stageName: string): string => `${restApiId}/${stageName}`;
export const deploymentKey = (restApiId: string, deploymentId: string): string => `${restApiId}/${deploymentId}`;
export const gatewayResponseKey = (restApiId: string, responseType: string): string => `${restApiId}/${responseType}`;

/**
 * A custom domain name (apigateway-rest.md §1.10). Keyed `domainNameKey(domainName, domainNameId)`:
 * the name for public (EDGE, REGIONAL) domains, `{name}+{domainNameId}` for private ones (whose
 * names need not be unique).
 */
export interface DomainName extends StoredRecord {
  readonly region: string;
  /** Lowercase. */
  readonly domainName: string;
  /** Private custom domains only. */
  readonly domainNameId?: string;
  readonly domainNameArn: string;
  readonly endpointType: EndpointType;
  /** EDGE and PRIVATE use `certificateArn`, REGIONAL `regionalCertificateArn`. */
  readonly certificateArn?: string;
  readonly regionalCertificateArn?: string;
  /** REGIONAL: `d-{10}.execute-api.{region}.amazonaws.com` and the region's hosted zone id. */
  readonly regionalDomainName?: string;
  readonly regionalHostedZoneId?: string;
  /** EDGE: `{13}.cloudfront.net` and `Z2FDTNDATAQYW2`. */
  readonly distributionDomainName?: string;
  readonly distributionHostedZoneId?: string;
  readonly securityPolicy: 'TLS_1_0' | 'TLS_1_2';
  readonly domainNameStatus: 'AVAILABLE' | 'UPDATING' | 'PENDING' | 'PENDING_CERTIFICATE_REIMPORT' | 'PENDING_OWNERSHIP_VERIFICATION' | 'FAILED';
  readonly domainNameStatusMessage?: string;
  /** PRIVATE only: the execute-api policy (shorthand expanded) and the management policy. */
  readonly policy?: string;
  readonly managementPolicy?: string;
  readonly routingMode: 'BASE_PATH_MAPPING_ONLY' | 'ROUTING_RULE_ONLY' | 'ROUTING_RULE_THEN_BASE_PATH_MAPPING';
  readonly tags: Readonly<Record<string, string>>;
  readonly createdDate: string;
}

/** A base path mapping of a domain; `basePath` is `(none)` for the empty path. */
export interface BasePathMapping extends StoredRecord {
  /** The DomainName record's key. */
  readonly domainKey: string;
  readonly basePath: string;
  readonly restApiId: string;
  /** Absent: the caller names the stage after the base path (`(none)` on the wire). */
  readonly stage?: string;
}

/** A VPC endpoint's access to a private custom domain name (Nov 2024), keyed by its ARN. */
export interface DomainNameAccessAssociation extends StoredRecord {
  readonly region: string;
  readonly domainNameArn: string;
  readonly accessAssociationSourceType: 'VPCE';
  readonly accessAssociationSource: string;
  readonly tags: Readonly<Record<string, string>>;
}

export const domainNameKey = (domainName: string, domainNameId?: string): string => (domainNameId ? `${domainName}+${domainNameId}` : domainName);
export const basePathMappingKey = (domainKey: string, basePath: string): string => `${domainKey}|${basePath}`;

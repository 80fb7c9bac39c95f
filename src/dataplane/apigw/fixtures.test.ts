/**
 * Test kit for execute-api data-plane tests (no tests of its own, like lb/fixtures.test.ts):
 * writes API Gateway, VPC endpoint and ACM records straight into a Store, the way the control
 * planes leave them, and wires the planes and the pipeline the way dataplane.ts does.
 *
 * Every API's resources answer with a MOCK integration whose response shows what the pipeline
 * routed (`$context` fields), so a test can tell which API, stage and resource served it.
 */
import { ACCOUNT_ID } from '../../kernel/ids.js';
import { createClock, type Clock } from '../../kernel/clock.js';
import { silentLogger } from '../../kernel/log.js';
import { ACM_KIND, type AcmCertificate } from '../../state/records/acm.js';
import {
  KIND,
  basePathMappingKey,
  deploymentKey,
  domainNameKey,
  stageKey,
  type BasePathMapping,
  type Deployment,
  type DomainName,
  type DomainNameAccessAssociation,
  type EndpointType,
  type Method,
  type ResourceTree,
  type RestApi,
  type Stage,
} from '../../state/records/apigateway.js';
import { KIND as EC2_KIND, type SecurityGroup, type Subnet, type VpcEndpoint } from '../../state/records/ec2.js';
import type { Store, StoredRecord } from '../../state/store.js';
import type { Ec2Fixture } from '../../state/views/testing-fixtures.js';
import { LbPlane } from '../lb/lb-plane.js';
import type { PortMap } from '../listeners/port-map.js';
import { NetworkPlane } from '../network/network-plane.js';
import { TargetPicker } from '../nlb/target-selection.js';
import { ApiGwPlane } from './apigw-plane.js';
import { ExecuteApi } from './execute-api.js';
import { Upstreams } from './upstreams.js';

/** The MOCK response body: what served the request. */
export const ROUTED_TEMPLATE =
  '{"api":"$context.apiId","stage":"$context.stage","resource":"$context.resourcePath","domain":"$context.domainName","prefix":"$context.domainPrefix","path":"$context.path","vpce":"$context.identity.vpceId","vpc":"$context.identity.vpcId","ip":"$context.identity.sourceIp"}';

export interface Routed {
  api: string;
  stage: string;
  resource: string;
  domain: string;
  prefix: string;
  path: string;
  vpce: string;
  vpc: string;
  ip: string;
}

const DEFAULT_ENDPOINT_POLICY = '{"Statement":[{"Action":"*","Effect":"Allow","Principal":"*","Resource":"*"}]}';

function mockGet(resourceId: string): Method {
  return {
    httpMethod: 'GET',
    authorizationType: 'NONE',
    apiKeyRequired: false,
    methodResponses: { '200': { statusCode: '200' } },
    methodIntegration: {
      type: 'MOCK',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
      passthroughBehavior: 'WHEN_NO_MATCH',
      timeoutInMillis: 29_000,
      cacheNamespace: resourceId,
      cacheKeyParameters: [],
      integrationResponses: { '200': { statusCode: '200', responseTemplates: { 'application/json': ROUTED_TEMPLATE } } },
    },
  };
}

/** Resources at `paths` (`/`, `/pets`, `/pets/{id}`), each with GET → MOCK 200. */
export function mockResources(paths: readonly string[]): ResourceTree[] {
  return paths.map((path, i) => {
    const resourceId = `r${String(i).padStart(5, '0')}`;
    const part = path === '/' ? undefined : path.slice(path.lastIndexOf('/') + 1);
    return { resourceId, path, ...(part ? { pathPart: part, parentId: 'r00000' } : {}), methods: { GET: mockGet(resourceId) } };
  });
}

/** The usual private API policy: Allow `execute-api:/*`, Deny unless `aws:SourceVpce` is `vpceId` (§2.8). */
export function privateApiPolicy(region: string, apiId: string, vpceId: string): string {
  const resource = `arn:aws:execute-api:${region}:${ACCOUNT_ID}:${apiId}/*`;
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: resource },
      { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: resource, Condition: { StringNotEquals: { 'aws:SourceVpce': vpceId } } },
    ],
  });
}

export class ApiGwFixture {
  private counter = 0;

  constructor(
    readonly store: Store,
    readonly region = 'eu-west-1',
  ) {}

  /** A REST API with one stage serving `paths` (GET → MOCK 200) from one deployment. */
  api(options: { type: EndpointType; stage?: string; paths?: readonly string[]; policy?: string | ((apiId: string) => string); vpcEndpointIds?: readonly string[]; disableExecuteApiEndpoint?: boolean }): RestApi {
    const id = `api${String(++this.counter).padStart(7, '0')}`;
    const policy = typeof options.policy === 'function' ? options.policy(id) : options.policy;
    const api: RestApi = {
      id,
      region: this.region,
      name: id,
      createdDate: '2024-01-01T00:00:00.000Z',
      apiKeySource: 'HEADER',
      endpointConfiguration: { types: [options.type], ipAddressType: options.type === 'PRIVATE' ? 'dualstack' : 'ipv4', ...(options.vpcEndpointIds ? { vpcEndpointIds: options.vpcEndpointIds } : {}) },
      ...(policy ? { policy } : {}),
      tags: {},
      disableExecuteApiEndpoint: options.disableExecuteApiEndpoint ?? false,
      rootResourceId: 'r00000',
    };
    this.put(KIND.restApi, api);
    this.deploy(id, options.stage ?? 'test', options.paths ?? ['/', '/pets'], policy);
    return api;
  }

  /** A new deployment of `paths` (with `policy` frozen in it) and a stage pointing at it. */
  deploy(apiId: string, stageName: string, paths: readonly string[], policy?: string): void {
    const deploymentId = `dep${String(++this.counter).padStart(3, '0')}`;
    const deployment: Deployment = {
      id: deploymentKey(apiId, deploymentId),
      deploymentId,
      restApiId: apiId,
      createdDate: '2024-01-01T00:00:00.000Z',
      snapshot: { resources: mockResources(paths), ...(policy ? { policy } : {}), apiKeySource: 'HEADER', gatewayResponses: [] },
    };
    const stage: Stage = {
      id: stageKey(apiId, stageName),
      restApiId: apiId,
      stageName,
      deploymentId,
      variables: {},
      tracingEnabled: false,
      cacheClusterEnabled: false,
      tags: {},
      createdDate: '2024-01-01T00:00:00.000Z',
      lastUpdatedDate: '2024-01-01T00:00:00.000Z',
    };
    this.store.transact((tx) => {
      tx.put(KIND.deployment, deployment);
      tx.put(KIND.stage, stage);
    });
  }

  /** A custom domain name; PRIVATE ones get a `domainNameId` and `policy`. */
  domainName(domainName: string, type: EndpointType, options: { certificateArn?: string; policy?: string; domainNameId?: string; status?: DomainName['domainNameStatus'] } = {}): DomainName {
    const domainNameId = type === 'PRIVATE' ? (options.domainNameId ?? `dn${String(++this.counter).padStart(8, '0')}`) : undefined;
    const key = domainNameKey(domainName, domainNameId);
    const record: DomainName = {
      id: key,
      region: this.region,
      domainName,
      ...(domainNameId ? { domainNameId } : {}),
      domainNameArn: `arn:aws:apigateway:${this.region}:${type === 'PRIVATE' ? ACCOUNT_ID : ''}:/domainnames/${key}`,
      endpointType: type,
      ...(options.certificateArn ? (type === 'REGIONAL' ? { regionalCertificateArn: options.certificateArn } : { certificateArn: options.certificateArn }) : {}),
      securityPolicy: 'TLS_1_2',
      domainNameStatus: options.status ?? 'AVAILABLE',
      ...(options.policy ? { policy: options.policy } : {}),
      routingMode: 'BASE_PATH_MAPPING_ONLY',
      tags: {},
      createdDate: '2024-01-01T00:00:00.000Z',
    };
    return this.put(KIND.domainName, record);
  }

  /** CreateBasePathMapping; `basePath` `(none)` for the empty path, no `stage` for `(none)`. */
  mapping(domain: DomainName, basePath: string, restApiId: string, stage?: string): BasePathMapping {
    return this.put(KIND.basePathMapping, { id: basePathMappingKey(domain.id, basePath), domainKey: domain.id, basePath, restApiId, ...(stage ? { stage } : {}) });
  }

  /** CreateDomainNameAccessAssociation for `vpceId`. */
  associate(domain: DomainName, vpceId: string): DomainNameAccessAssociation {
    const arn = `arn:aws:apigateway:${this.region}:${ACCOUNT_ID}:/domainnameaccessassociations/domainname/${domain.id}/vpcesource/${vpceId}`;
    return this.put(KIND.domainNameAccessAssociation, { id: arn, region: this.region, domainNameArn: domain.domainNameArn, accessAssociationSourceType: 'VPCE', accessAssociationSource: vpceId, tags: {} });
  }

  /** An ISSUED ACM certificate with its PEMs. */
  certificate(domainName: string, pems: { certPem: string; chainPem: string; keyPem: string }): AcmCertificate {
    const arn = `arn:aws:acm:${this.region}:${ACCOUNT_ID}:certificate/00000000-0000-4000-8000-${String(++this.counter).padStart(12, '0')}`;
    return this.put<AcmCertificate>(ACM_KIND.certificate, {
      id: arn,
      region: this.region,
      domainName,
      subjectAlternativeNames: [domainName],
      type: 'AMAZON_ISSUED',
      status: 'ISSUED',
      keyAlgorithm: 'EC_prime256v1',
      domainValidationOptions: [],
      createdAt: '2024-01-01T00:00:00.000Z',
      certificatePem: pems.certPem,
      certificateChainPem: pems.chainPem,
      privateKeyPem: pems.keyPem,
      certificateTransparencyLoggingPreference: 'ENABLED',
      tags: [],
    });
  }

  /**
   * An available `execute-api` interface endpoint with one requester-managed ENI per
   * `[subnet, ip]`, all in `groups`, as CreateVpcEndpoint leaves it (elbv2-vpc-endpoints.md §4.2).
   */
  vpcEndpoint(ec2: Ec2Fixture, vpcId: string, enis: readonly (readonly [Subnet, string])[], groups: readonly SecurityGroup[], options: { policyDocument?: string; privateDnsEnabled?: boolean } = {}): VpcEndpoint {
    const id = ec2.id('vpce');
    const subnets = enis.map(([subnet, ip]) => {
      const eni = ec2.networkInterface(subnet, ip, { groups, interfaceType: 'vpc_endpoint', requesterManaged: true, description: `VPC Endpoint Interface ${id}` });
      return { subnetId: subnet.id, availabilityZone: subnet.availabilityZone, networkInterfaceId: eni.id };
    });
    return this.put<VpcEndpoint>(EC2_KIND.vpcEndpoint, {
      id,
      region: this.region,
      ownerId: ACCOUNT_ID,
      tags: [],
      createdAt: '2024-01-01T00:00:00.000Z',
      vpcEndpointType: 'Interface',
      vpcId,
      serviceName: `com.amazonaws.${this.region}.execute-api`,
      state: 'available',
      policyDocument: options.policyDocument ?? DEFAULT_ENDPOINT_POLICY,
      subnets,
      groups: groups.map((g) => g.id),
      privateDnsEnabled: options.privateDnsEnabled ?? true,
      dnsSuffix: 'abcd1234',
      ipAddressType: 'ipv4',
    });
  }

  put<T extends StoredRecord>(kind: string, record: T): T {
    return this.store.transact((tx) => tx.put(kind, record));
  }
}

export interface Planes {
  readonly clock: Clock;
  readonly network: NetworkPlane;
  readonly lb: LbPlane;
  readonly apigw: ApiGwPlane;
  readonly executeApi: ExecuteApi;
  close(): Promise<void>;
}

/** NetworkPlane, LbPlane, ApiGwPlane and the pipeline over `store`, as dataplane.ts wires them. */
export function planes(store: Store, portMap: PortMap, timeScale = 100): Planes {
  const clock = createClock(timeScale);
  const network = new NetworkPlane(store, clock, silentLogger, { resolvePort: (h, p) => portMap.resolve(h, p) });
  const lb = new LbPlane(store, network, clock, silentLogger);
  const apigw = new ApiGwPlane(store, silentLogger);
  const upstreams = new Upstreams(() => undefined);
  const executeApi = new ExecuteApi({
    apigw: () => apigw.snapshot(),
    lb: () => lb.snapshot(),
    network: () => network.snapshot(),
    portMap,
    picker: new TargetPicker(),
    upstreams,
    resolveInternetName: () => undefined,
    clock,
    logger: silentLogger,
  });
  return {
    clock,
    network,
    lb,
    apigw,
    executeApi,
    close: async () => {
      await upstreams.close();
      apigw.close();
      lb.close();
      await network.close();
    },
  };
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostName, resolveHost, type Arrival } from './host-routing.js';
import type { ApiEntry, ApiGwSnapshot, DomainNameEntry, VpcEndpointEntry } from './snapshot.js';

const REGION = 'eu-west-1';
const VPCE: VpcEndpointEntry = {
  id: 'vpce-0000000000000000a',
  region: REGION,
  vpcId: 'vpc-1',
  state: 'available',
  networkInterfaceIds: ['eni-1'],
  policy: new Error('unused'),
  privateDnsEnabled: true,
  dnsNames: [`vpce-0000000000000000a-abcd1234.execute-api.${REGION}.vpce.amazonaws.com`],
};
const api = (id: string, endpointType: ApiEntry['endpointType'], vpcEndpointIds: string[] = []): ApiEntry => ({ id, region: REGION, name: id, endpointType, disableExecuteApiEndpoint: false, vpcEndpointIds });
const domain = (name: string, endpointType: DomainNameEntry['endpointType'], options: Partial<DomainNameEntry> = {}): DomainNameEntry => ({
  key: name,
  domainName: name,
  domainNameId: undefined,
  domainNameArn: `arn:aws:apigateway:${REGION}::/domainnames/${name}`,
  region: REGION,
  endpointType,
  status: 'AVAILABLE',
  policy: undefined,
  accessAssociations: new Set(),
  certificate: undefined,
  mappings: [],
  ...options,
});
const snapshot: ApiGwSnapshot = {
  generation: 1,
  apis: new Map([
    ['privapi001', api('privapi001', 'PRIVATE', [VPCE.id])],
    ['privapi002', api('privapi002', 'PRIVATE')],
  ]),
  stages: new Map(),
  vpcLinks: new Map(),
  vpcEndpoints: new Map([[VPCE.id, VPCE]]),
  domainNames: new Map([
    ['regional.example.com', [domain('regional.example.com', 'REGIONAL')]],
    ['private.example.com', [domain('private.example.com', 'PRIVATE', { accessAssociations: new Set([VPCE.id]) })]],
    ['unassociated.example.com', [domain('unassociated.example.com', 'PRIVATE')]],
    ['pending.example.com', [domain('pending.example.com', 'REGIONAL', { status: 'PENDING' })]],
  ]),
};
const door: Arrival = { kind: 'front-door' };
const endpoint: Arrival = { kind: 'vpc-endpoint', vpce: VPCE };
const kind = (arrival: Arrival, host: string, header?: string) => {
  const r = resolveHost(snapshot, arrival, host, header);
  return r.kind === 'api' ? `api ${r.apiId} ${r.form}` : r.kind === 'custom-domain' ? `domain ${r.domain.domainName} ${r.domain.endpointType}` : 'forbidden';
};

test('hostName: lowercase, no port, no trailing dot', () => {
  assert.equal(hostName('Api.Example.COM:443'), 'api.example.com');
  assert.equal(hostName('api.example.com.'), 'api.example.com');
  assert.equal(hostName('[::1]:443'), '[::1]');
  assert.equal(hostName(undefined), '');
});

test('front door: execute-api names and public custom domains; never aliases or private domains', () => {
  assert.equal(kind(door, `privapi001.execute-api.${REGION}.amazonaws.com`), 'api privapi001 default-host');
  assert.equal(kind(door, 'regional.example.com'), 'domain regional.example.com REGIONAL');
  assert.equal(kind(door, `privapi001-${VPCE.id}.execute-api.${REGION}.amazonaws.com`), 'forbidden');
  assert.equal(kind(door, 'private.example.com'), 'forbidden');
  assert.equal(kind(door, 'pending.example.com'), 'forbidden');
  assert.equal(kind(door, 'unknown.example.com'), 'forbidden');
});

test('endpoint: x-apigw-api-id first, then the execute-api Host, the associated alias, custom domains (§5 step 1)', () => {
  assert.equal(kind(endpoint, VPCE.dnsNames[0]!, 'PrivApi002'), 'api privapi002 api-id-header');
  assert.equal(kind(endpoint, 'regional.example.com', 'privapi002'), 'api privapi002 api-id-header');
  assert.equal(kind(endpoint, `privapi002.execute-api.${REGION}.amazonaws.com`), 'api privapi002 default-host');
  assert.equal(kind(endpoint, `privapi002.execute-api.us-east-1.amazonaws.com`), 'forbidden');
  assert.equal(kind(endpoint, `privapi001-${VPCE.id}.execute-api.${REGION}.amazonaws.com`), 'api privapi001 vpce-alias');
  assert.equal(kind(endpoint, `privapi002-${VPCE.id}.execute-api.${REGION}.amazonaws.com`), 'forbidden', 'not in vpcEndpointIds');
  assert.equal(kind(endpoint, `privapi001-vpce-0000000000000000b.execute-api.${REGION}.amazonaws.com`), 'forbidden', 'another endpoint');
  assert.equal(kind(endpoint, 'private.example.com'), 'domain private.example.com PRIVATE');
  assert.equal(kind(endpoint, 'unassociated.example.com'), 'forbidden');
  assert.equal(kind(endpoint, 'regional.example.com'), 'domain regional.example.com REGIONAL');
  assert.equal(kind(endpoint, VPCE.dnsNames[0]!), 'forbidden');
  assert.equal(kind(endpoint, '10.0.1.10'), 'forbidden');
  assert.equal(kind(endpoint, VPCE.dnsNames[0]!, 'not an id'), 'forbidden');
});

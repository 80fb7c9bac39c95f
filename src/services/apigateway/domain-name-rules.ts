/**
 * Input rules shared by CreateDomainName and UpdateDomainName (apigateway-rest.md §1.10; BOTO
 * CreateDomainNameRequest, SecurityPolicy, RoutingMode, EndpointConfiguration).
 */
import type { DomainName, EndpointType } from '../../state/records/apigateway.js';
import { badRequest, notImplemented, validationError } from './common/errors.js';

const ENDPOINT_TYPES: readonly EndpointType[] = ['EDGE', 'REGIONAL', 'PRIVATE'];

/** The model's SecurityPolicy enum; localvpc implements the two classic policies. */
const SECURITY_POLICIES = [
  'TLS_1_0', 'TLS_1_2', 'SecurityPolicy_TLS13_1_3_2025_09', 'SecurityPolicy_TLS13_1_3_FIPS_2025_09', 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09', 'SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09', 'SecurityPolicy_TLS13_1_2_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_2021_06', 'SecurityPolicy_TLS13_2025_EDGE', 'SecurityPolicy_TLS12_PFS_2025_EDGE', 'SecurityPolicy_TLS12_2018_EDGE',
] as const;

const ROUTING_MODES = ['BASE_PATH_MAPPING_ONLY', 'ROUTING_RULE_ONLY', 'ROUTING_RULE_THEN_BASE_PATH_MAPPING'] as const;

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A custom domain name, lowercased: a DNS name of at least two labels, at most 253 characters
 * (RFC 1035). Wildcard names (`*.example.com`) exist in AWS but are not implemented here.
 * Refusal wording [infer].
 */
export function checkDomainName(value: string | undefined): string {
  const name = (value ?? '').toLowerCase();
  if (!name) throw badRequest('Domain name cannot be empty'); // [infer]
  if (name.startsWith('*.')) throw notImplemented('Wildcard custom domain names');
  const labels = name.split('.');
  if (name.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l)) || /^\d+$/.test(labels.at(-1)!)) {
    throw badRequest(`Invalid domain name specified: ${value}`); // [infer]
  }
  return name;
}

export interface DomainEndpointInput {
  types?: string[];
  ipAddressType?: string;
  vpcEndpointIds?: string[];
}

/**
 * The endpoint type of a new domain name: EDGE when `endpointConfiguration` is absent (the model's
 * default, as for REST APIs, §1.3). Refusal wordings follow CreateRestApi's [infer]. The IP
 * address type is fixed (ipv4; dualstack for PRIVATE [infer]): other values are not implemented.
 */
export function domainEndpointType(input: DomainEndpointInput | undefined): EndpointType {
  if (!input) return 'EDGE';
  const types = input.types ?? [];
  if (types.length === 0) throw badRequest('REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.');
  if (types.length > 1) throw badRequest('Cannot create a domain name with multiple Endpoint Types.');
  const type = types[0] as EndpointType;
  if (!ENDPOINT_TYPES.includes(type)) throw badRequest('Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE');
  if (input.vpcEndpointIds?.length) throw badRequest('VPC endpoint IDs cannot be specified for a domain name; create a domain name access association instead.');
  if (input.ipAddressType !== undefined && input.ipAddressType !== ipAddressTypeOf(type)) {
    throw notImplemented(`ipAddressType ${input.ipAddressType} for ${type} custom domain names`);
  }
  return type;
}

export function ipAddressTypeOf(type: EndpointType): 'ipv4' | 'dualstack' {
  return type === 'PRIVATE' ? 'dualstack' : 'ipv4';
}

/**
 * `securityPolicy`: TLS_1_2 when omitted (§1.10); TLS_1_0 is refused for PRIVATE domains, which
 * support TLS 1.2 only [infer]; the `SecurityPolicy_*` policies are not implemented.
 */
export function checkSecurityPolicy(value: string | undefined, type: EndpointType, at: string): DomainName['securityPolicy'] {
  if (value === undefined) return 'TLS_1_2';
  if (!(SECURITY_POLICIES as readonly string[]).includes(value)) {
    throw validationError(value, at, `Member must satisfy enum value set: [${SECURITY_POLICIES.join(', ')}]`);
  }
  if (value !== 'TLS_1_0' && value !== 'TLS_1_2') throw notImplemented(`The security policy ${value}`);
  if (value === 'TLS_1_0' && type === 'PRIVATE') throw badRequest('Private custom domain names only support the TLS_1_2 security policy.'); // [infer]
  return value;
}

/** `routingMode`: BASE_PATH_MAPPING_ONLY (the default); routing rules are not implemented. */
export function checkRoutingMode(value: string | undefined, at: string): DomainName['routingMode'] {
  if (value === undefined) return 'BASE_PATH_MAPPING_ONLY';
  if (!(ROUTING_MODES as readonly string[]).includes(value)) {
    throw validationError(value, at, `Member must satisfy enum value set: [${ROUTING_MODES.join(', ')}]`);
  }
  if (value !== 'BASE_PATH_MAPPING_ONLY') throw notImplemented(`The routing mode ${value} (routing rules)`);
  return value;
}

/**
 * Customer gateways (the on-premises end of a Site-to-Site VPN): CreateCustomerGateway,
 * DescribeCustomerGateways, DeleteCustomerGateway (ec2-route53-acm.md §1.12).
 */
import type { OperationContext, OperationHandler } from '../context.js';
import { KIND, type CustomerGateway, type VpnConnection } from '../../state/records/ec2.js';
import { AwsError } from '../../kernel/errors.js';
import { parseIp } from '../../kernel/cidr.js';
import { checkDryRun, invalidParameterValue, missingParameter, rejectUnsupported } from './common/errors.js';
import { applyFilters, type Filter, type FilterFields } from './common/filters.js';
import { listInRegion } from './common/lookup.js';
import { tagsFromSpecifications, tagsToWire, type TagSpecification } from './common/tags.js';
import { vpnObjectVisible } from './retention.js';
import { getVisible, selectVisible, type VisibleKind } from './visible-lookup.js';
import { ec2Base } from './common/base.js';

/** BGP ASN when none is given (CreateCustomerGateway `BgpAsn`, default 65000). */
export const DEFAULT_CUSTOMER_ASN = 65000;

export function customerGatewayKind(ctx: OperationContext): VisibleKind<CustomerGateway> {
  return { kind: KIND.customerGateway, prefix: 'cgw', type: 'customer-gateway', visible: (g) => vpnObjectVisible(ctx.clock, g) };
}

/** `CustomerGateway`; `BgpAsn` is a string on the wire (§1.12). */
export function customerGatewayToWire(g: CustomerGateway): Record<string, unknown> {
  return { CustomerGatewayId: g.id, State: g.state, Type: g.type, IpAddress: g.ipAddress, BgpAsn: g.bgpAsn, DeviceName: g.deviceName, Tags: tagsToWire(g.tags) };
}

/** Only `ipsec.1` exists (GatewayType); the wording of the refusal is inferred. */
export function checkGatewayType(type: string | undefined): 'ipsec.1' {
  if (type === undefined) throw missingParameter('Type');
  if (type !== 'ipsec.1') throw invalidParameterValue(`Value (${type}) for parameter type is invalid. Valid values: ipsec.1`);
  return type;
}

interface CreateInput {
  Type?: string;
  BgpAsn?: number;
  IpAddress?: string;
  PublicIp?: string;
  DeviceName?: string;
  TagSpecifications?: TagSpecification[];
  DryRun?: boolean;
}

const createCustomerGateway: OperationHandler = (ctx, input: CreateInput) => {
  rejectUnsupported('CreateCustomerGateway', input as Record<string, unknown>, ['Type', 'BgpAsn', 'IpAddress', 'PublicIp', 'DeviceName', 'TagSpecifications']);
  const type = checkGatewayType(input.Type);
  // PublicIp is the deprecated name of IpAddress.
  if (input.IpAddress !== undefined && input.PublicIp !== undefined && input.IpAddress !== input.PublicIp) {
    throw new AwsError('InvalidParameterCombination', 'The parameters IpAddress and PublicIp name different addresses.');
  }
  const ipAddress = input.IpAddress ?? input.PublicIp;
  if (ipAddress === undefined) throw missingParameter('IpAddress');
  if (parseIp(ipAddress) === undefined) throw invalidParameterValue(`Value (${ipAddress}) for parameter ipAddress is invalid. This is not a valid IPv4 address.`);
  const asn = input.BgpAsn ?? DEFAULT_CUSTOMER_ASN;
  if (!Number.isInteger(asn) || asn < 1 || asn > 2147483647) throw invalidParameterValue(`Value (${asn}) for parameter bgpAsn is invalid. Valid values: 1 to 2147483647.`);
  const tags = tagsFromSpecifications(input.TagSpecifications, 'customer-gateway');
  checkDryRun(input);
  // An identical request returns the existing gateway (CreateCustomerGateway docs).
  const same = listInRegion<CustomerGateway>(ctx.store, KIND.customerGateway, ctx.region, (g) =>
    g.state === 'available' && g.ipAddress === ipAddress && g.bgpAsn === String(asn) && g.type === type && g.deviceName === input.DeviceName,
  )[0];
  if (same) return { CustomerGateway: customerGatewayToWire(same) };
  const gateway: CustomerGateway = {
    ...ec2Base(ctx, 'cgw', tags),
    bgpAsn: String(asn),
    ipAddress,
    type,
    state: 'available',
    ...(input.DeviceName !== undefined ? { deviceName: input.DeviceName } : {}),
  };
  ctx.store.transact((tx) => tx.put(KIND.customerGateway, gateway));
  return { CustomerGateway: customerGatewayToWire(gateway) };
};

/** DescribeCustomerGateways filters (API reference). */
const CUSTOMER_GATEWAY_FILTERS: FilterFields<CustomerGateway> = {
  'customer-gateway-id': (g) => g.id,
  'bgp-asn': (g) => g.bgpAsn,
  'ip-address': (g) => g.ipAddress,
  'state': (g) => g.state,
  'type': (g) => g.type,
  'device-name': (g) => g.deviceName,
};

const describeCustomerGateways: OperationHandler = (ctx, input: { CustomerGatewayIds?: string[]; Filters?: Filter[]; DryRun?: boolean }) => {
  rejectUnsupported('DescribeCustomerGateways', input as Record<string, unknown>, ['CustomerGatewayIds', 'Filters']);
  const selected = selectVisible(ctx.store, ctx.region, customerGatewayKind(ctx), input.CustomerGatewayIds);
  checkDryRun(input);
  // Not paginated (§1.14).
  return { CustomerGateways: applyFilters(selected, input.Filters, CUSTOMER_GATEWAY_FILTERS).map(customerGatewayToWire) };
};

const deleteCustomerGateway: OperationHandler = (ctx, input: { CustomerGatewayId?: string; DryRun?: boolean }) => {
  rejectUnsupported('DeleteCustomerGateway', input as Record<string, unknown>, ['CustomerGatewayId']);
  if (input.CustomerGatewayId === undefined) throw missingParameter('CustomerGatewayId');
  const gateway = getVisible(ctx.store, ctx.region, customerGatewayKind(ctx), input.CustomerGatewayId);
  // Its VPN connections must be deleted first (DeleteCustomerGateway docs); wording inferred from
  // the VPN gateway's "The VPN gateway is in use.".
  const inUse = listInRegion<VpnConnection>(ctx.store, KIND.vpnConnection, ctx.region, (c) => c.customerGatewayId === gateway.id && c.state !== 'deleted').length > 0;
  if (inUse) throw new AwsError('IncorrectState', 'The customer gateway is in use.');
  checkDryRun(input);
  if (gateway.state === 'deleted') return {};
  const deletedAt = ctx.clock.now().toISOString();
  ctx.store.transact((tx) => tx.put(KIND.customerGateway, { ...gateway, state: 'deleted', deletedAt }));
  return {};
};

export const customerGatewayHandlers: Record<string, OperationHandler> = {
  CreateCustomerGateway: createCustomerGateway,
  DescribeCustomerGateways: describeCustomerGateways,
  DeleteCustomerGateway: deleteCustomerGateway,
};

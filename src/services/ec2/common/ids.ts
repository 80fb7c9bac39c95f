import { malformed } from './errors.js';

/**
 * EC2 ids are `<prefix>-` with 8 (older resources) or 17 lowercase hex digits; both are
 * accepted on input (ec2-route53-acm.md §1.1).
 */
export function isEc2Id(prefix: string, id: string): boolean {
  if (!id.startsWith(prefix + '-')) return false;
  const hex = id.slice(prefix.length + 1);
  return (hex.length === 8 || hex.length === 17) && /^[0-9a-f]+$/.test(hex);
}

/** Malformed-id codes per prefix, as EC2 reports a well-formed call with a badly shaped id. */
const MALFORMED_CODE: Record<string, string> = {
  vpc: 'InvalidVpcID.Malformed',
  subnet: 'InvalidSubnetID.Malformed',
  sg: 'InvalidGroupId.Malformed',
  rtb: 'InvalidRouteTableId.Malformed',
  eni: 'InvalidNetworkInterfaceID.Malformed',
  i: 'InvalidInstanceID.Malformed',
  pcx: 'InvalidVpcPeeringConnectionId.Malformed',
  igw: 'InvalidInternetGatewayId.Malformed',
  cgw: 'InvalidCustomerGatewayId.Malformed',
  vgw: 'InvalidVpnGatewayID.Malformed',
  vpn: 'InvalidVpnConnectionID.Malformed',
};

/** Throws the prefix's Malformed error unless `id` has the shape of a `<prefix>-` id. */
export function requireIdShape(prefix: string, id: string): void {
  if (!isEc2Id(prefix, id)) throw malformed(MALFORMED_CODE[prefix] ?? 'InvalidID', id, `${prefix}-...`);
}

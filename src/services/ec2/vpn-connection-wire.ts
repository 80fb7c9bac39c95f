/**
 * Wire shape of a Site-to-Site VPN connection (ec2-route53-acm.md §1.12): two tunnels with
 * AWS-side outside addresses and link-local inside /30s, their telemetry, the static routes, and
 * the `CustomerGatewayConfiguration` XML a network administrator would load into the device.
 *
 * localvpc runs no IPsec: the customer network is a loopback wire (`127.W.0.0/16`) that hosts
 * at `--from <vpn-id>` sit on (DESIGN.md, network model). Tunnel addresses are derived from the
 * wire so they stay the same across restarts; the outside ones come from the documentation
 * ranges (RFC 5737), the inside ones from 169.254.0.0/16 outside AWS's reserved /30s.
 */
import type { RecordReader } from '../../state/store.js';
import { KIND, type CustomerGateway, type VpnConnection, type VpnGateway } from '../../state/records/ec2.js';
import { tagsToWire } from './common/tags.js';

export interface Tunnel {
  /** AWS-side outside address. */
  readonly outsideIp: string;
  /** Inside /30: .1 is AWS's end, .2 the customer's. */
  readonly insideCidr: string;
  readonly awsInsideIp: string;
  readonly customerInsideIp: string;
}

export function tunnelsOf(vpn: Pick<VpnConnection, 'wire'>): Tunnel[] {
  const outside = ['198.51.100', '203.0.113'];
  const third = 10 + (vpn.wire % 200);
  return outside.map((prefix, n) => {
    const base = 8 + 4 * n;
    return {
      outsideIp: `${prefix}.${vpn.wire}`,
      insideCidr: `169.254.${third}.${base}/30`,
      awsInsideIp: `169.254.${third}.${base + 1}`,
      customerInsideIp: `169.254.${third}.${base + 2}`,
    };
  });
}

function insideAddress(ip: string): string {
  return `<tunnel_inside_address><ip_address>${ip}</ip_address><network_mask>255.255.255.252</network_mask><network_cidr>30</network_cidr></tunnel_inside_address>`;
}

/**
 * A small `CustomerGatewayConfiguration` in the layout of AWS's generic XML (vpn_connection →
 * ipsec_tunnel → customer_gateway / vpn_gateway), with a comment naming the local wire.
 */
export function customerGatewayConfiguration(vpn: VpnConnection, cgw: CustomerGateway | undefined, vgw: VpnGateway | undefined): string {
  const bgp = !vpn.staticRoutesOnly;
  const tunnels = tunnelsOf(vpn).map((t) => [
    '  <ipsec_tunnel>',
    '    <customer_gateway>',
    `      <tunnel_outside_address><ip_address>${cgw?.ipAddress ?? ''}</ip_address></tunnel_outside_address>`,
    `      ${insideAddress(t.customerInsideIp)}`,
    ...(bgp ? [`      <bgp><asn>${cgw?.bgpAsn ?? ''}</asn><hold_time>30</hold_time></bgp>`] : []),
    '    </customer_gateway>',
    '    <vpn_gateway>',
    `      <tunnel_outside_address><ip_address>${t.outsideIp}</ip_address></tunnel_outside_address>`,
    `      ${insideAddress(t.awsInsideIp)}`,
    ...(bgp ? [`      <bgp><asn>${vgw?.amazonSideAsn ?? ''}</asn><hold_time>30</hold_time></bgp>`] : []),
    '    </vpn_gateway>',
    '  </ipsec_tunnel>',
  ].join('\n'));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- localvpc: this customer network is the loopback wire 127.${vpn.wire}.0.0/16; run a host in it with: localvpc exec --from ${vpn.id} -- <command> -->`,
    `<vpn_connection id="${vpn.id}">`,
    `  <customer_gateway_id>${vpn.customerGatewayId}</customer_gateway_id>`,
    `  <vpn_gateway_id>${vpn.vpnGatewayId ?? ''}</vpn_gateway_id>`,
    `  <vpn_connection_type>${vpn.type}</vpn_connection_type>`,
    `  <vpn_connection_attributes>${bgp ? 'BGPVPNConnection' : 'NoBGPVPNConnection'}</vpn_connection_attributes>`,
    ...tunnels,
    '</vpn_connection>',
  ].join('\n');
}

/**
 * `VpnConnection`. `state` overrides the stored state (Create answers `pending`); tunnels are
 * `UP` once the connection is available, `DOWN` otherwise. The configuration is shown while
 * the connection is pending or available (CreateVpnConnection docs).
 */
export function vpnConnectionToWire(reader: RecordReader, vpn: VpnConnection, state: VpnConnection['state'] = vpn.state): Record<string, unknown> {
  const cgw = reader.get<CustomerGateway>(KIND.customerGateway, vpn.customerGatewayId);
  const vgw = vpn.vpnGatewayId ? reader.get<VpnGateway>(KIND.vpnGateway, vpn.vpnGatewayId) : undefined;
  const tunnels = tunnelsOf(vpn);
  const live = state === 'pending' || state === 'available';
  return {
    VpnConnectionId: vpn.id,
    State: state,
    Type: vpn.type,
    Category: 'VPN',
    CustomerGatewayId: vpn.customerGatewayId,
    VpnGatewayId: vpn.vpnGatewayId,
    CustomerGatewayConfiguration: live ? customerGatewayConfiguration(vpn, cgw, vgw) : undefined,
    GatewayAssociationState: live ? 'associated' : 'disassociated',
    Options: {
      EnableAcceleration: false,
      StaticRoutesOnly: vpn.staticRoutesOnly,
      LocalIpv4NetworkCidr: '0.0.0.0/0',
      RemoteIpv4NetworkCidr: '0.0.0.0/0',
      OutsideIpAddressType: 'PublicIpv4',
      TunnelInsideIpVersion: 'ipv4',
      TunnelOptions: tunnels.map((t) => ({ OutsideIpAddress: t.outsideIp, TunnelInsideCidr: t.insideCidr })),
    },
    Routes: vpn.routes.map((r) => ({ DestinationCidrBlock: r.destinationCidrBlock, Source: r.source, State: r.state })),
    VgwTelemetry: tunnels.map((t) => ({
      OutsideIpAddress: t.outsideIp,
      Status: state === 'available' ? 'UP' : 'DOWN',
      StatusMessage: '',
      AcceptedRouteCount: 0,
      LastStatusChange: vpn.createdAt,
    })),
    Tags: tagsToWire(vpn.tags),
  };
}

/**
 * The view a DNS query is answered in, from its source address (DESIGN.md, network model: "the
 * querying vantage taken from the source address"). A process that binds a host address on a
 * wire is a host on that wire's network, so `dig -b 127.5.1.9 …` asks as the host 10.0.1.9 of
 * the VPC whose block lives on wire 5:
 * - `127.W.x.y` on a VPC block's wire: a host in that VPC, at the AWS-style address the host
 *   address stands for (host-address.ts maps it back; undefined when it falls outside the block).
 * - `127.W.x.y` on a VPN connection's wire: a host in that customer network.
 * - `127.0.0.1`, and every other source (a wire nothing owns, a non-loopback address when the
 *   server was told to bind one): the internet, which is what the machine itself is.
 */
import { parseCidr, type Cidr } from '../../kernel/cidr.js';
import { awsIpFor, parseHostAddress } from '../network/host-address.js';
import type { NetworkSnapshot } from '../network/snapshot.js';
import type { NameView } from './name-source.js';

const INTERNET: NameView = Object.freeze({ kind: 'internet' });

export function viewFromSource(snapshot: NetworkSnapshot, sourceAddress: string): NameView {
  const address = sourceAddress.startsWith('::ffff:') ? sourceAddress.slice('::ffff:'.length) : sourceAddress;
  const onWire = parseHostAddress(address);
  if (!onWire) return INTERNET;
  const owner = snapshot.wires.find((w) => w.wire === onWire.wire)?.owner;
  const vpc = owner === undefined ? undefined : snapshot.vpcs.get(owner);
  if (vpc) return { kind: 'vpc', vpcId: vpc.id, ip: awsIpFor(vpc.blocks, address) };
  const vpn = owner === undefined ? undefined : snapshot.vpnConnections.get(owner);
  if (vpn) {
    const blocks = vpn.customerCidrs.flatMap((text) => optional(parseCidr(text))).map((network) => ({ network, wire: vpn.wire }));
    return { kind: 'customer-network', vpnConnectionId: vpn.id, ip: awsIpFor(blocks, address) };
  }
  return INTERNET;
}

/** `describeView` names a view in logs: `vpc-… 10.0.1.9`, `vpn-… 192.168.0.10`, `internet`. */
export function describeView(view: NameView): string {
  switch (view.kind) {
    case 'internet':
      return 'internet';
    case 'vpc':
      return `${view.vpcId} ${view.ip ?? '(outside its blocks)'}`;
    case 'customer-network':
      return `${view.vpnConnectionId} ${view.ip ?? '(outside its static routes)'}`;
  }
}

function optional(value: Cidr | undefined): Cidr[] {
  return value === undefined ? [] : [value];
}

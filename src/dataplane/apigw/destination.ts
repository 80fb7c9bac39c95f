/**
 * Where an HTTP integration request goes on this machine (apigateway-rest.md §1.6, §1.9, §2.2):
 *
 * - connection type INTERNET: API Gateway is on the internet. The uri's host resolves in the
 *   internet view (AWS public names; `localhost` and 127.0.0.0/8 literals are this machine, the
 *   internet's host in localvpc's network model), and reachability from the internet decides:
 *   a private address is dropped (the call then times out, 504).
 * - connection type VPC_LINK: the link (its id after stage-variable substitution) must exist in
 *   the API's region and be AVAILABLE, else 500; the uri only names the Host header, TLS name
 *   and port (§1.6: "the uri is not used for routing"). The NLB must have a TCP listener on that
 *   port (else the connection is refused: 500), and the flow goes to one of its targets from a
 *   node's address (flow-plan.ts), where a security group may drop it (a time-out: 504).
 */
import { parseIp } from '../../kernel/cidr.js';
import type { LbSnapshot } from '../lb/snapshot.js';
import { isHostServiceAddress } from '../network/host-address.js';
import type { PortMap } from '../listeners/port-map.js';
import type { NetworkSnapshot } from '../network/snapshot.js';
import { decide } from '../network/reachability.js';
import { planFlow } from '../nlb/flow-plan.js';
import type { TargetPicker } from '../nlb/target-selection.js';
import type { ApiGwSnapshot } from './snapshot.js';
import type { UpstreamKey } from './upstreams.js';

export type Destination =
  | { readonly kind: 'connect'; readonly upstream: UpstreamKey; readonly via: string }
  /** Packets dropped on the way: nothing answers until the integration timeout. */
  | { readonly kind: 'drop'; readonly reason: string }
  /** The call fails at once (no such link, refused, unresolvable): 500. */
  | { readonly kind: 'fail'; readonly reason: string };

export interface DestinationInputs {
  readonly apigw: ApiGwSnapshot;
  readonly lb: LbSnapshot;
  readonly network: NetworkSnapshot;
  readonly portMap: PortMap;
  readonly picker: TargetPicker;
  readonly resolveInternetName: (name: string) => string | undefined;
  /** Rotates VPC-link flows over the NLB's nodes. */
  readonly nextNode: () => number;
}

export function findDestination(inputs: DestinationInputs, url: Pick<URL, 'protocol' | 'hostname' | 'port'>, connection: { type: 'INTERNET' | 'VPC_LINK'; linkId: string; region: string; insecure: boolean }): Destination {
  const protocol = url.protocol === 'https:' ? 'https:' : 'http:';
  const port = url.port ? Number(url.port) : protocol === 'https:' ? 443 : 80;
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const tls = protocol === 'https:' ? { servername: host, insecure: connection.insecure } : {};

  if (connection.type === 'VPC_LINK') {
    const link = inputs.apigw.vpcLinks.get(connection.linkId);
    if (!link || link.region !== connection.region) return { kind: 'fail', reason: `VPC link '${connection.linkId}' does not exist in ${connection.region}` };
    if (link.status !== 'AVAILABLE') return { kind: 'fail', reason: `VPC link ${link.id} is ${link.status}` };
    const lb = inputs.lb.loadBalancers.get(link.targetArn);
    if (!lb || lb.type !== 'network') return { kind: 'fail', reason: `the target of VPC link ${link.id} is not a Network Load Balancer` };
    const listener = lb.listeners.find((l) => l.port === port && l.protocol === 'TCP');
    const tg = listener?.targetGroupArn ? inputs.lb.targetGroups.get(listener.targetGroupArn) : undefined;
    if (!listener || !tg) return { kind: 'fail', reason: `${lb.name} has no TCP listener on port ${port} (connection refused)` };
    const nodes = lb.nodes.filter((n) => n.hostAddress !== undefined);
    if (nodes.length === 0) return { kind: 'fail', reason: `${lb.name} has no nodes` };
    const node = nodes[inputs.nextNode() % nodes.length]!;
    const flow = planFlow(inputs.network, lb, node, tg, port, { kind: 'vpc-link' }, inputs.picker);
    if (flow.kind === 'drop') return { kind: 'drop', reason: `${lb.name} → ${flow.reason}` };
    if (flow.kind === 'reset') return { kind: 'fail', reason: `${lb.name}: ${flow.reason} (connection reset)` };
    return {
      kind: 'connect',
      via: `${link.id} → ${lb.name} → ${flow.target.targetId}:${flow.target.port}`,
      upstream: { protocol, hostAddress: flow.hostAddress, port: inputs.portMap.resolve(flow.hostAddress, flow.port), localAddress: flow.localAddress, ...tls, ...(flow.preamble ? { preamble: flow.preamble } : {}) },
    };
  }

  const ip = host === 'localhost' ? '127.0.0.1' : parseIp(host) !== undefined ? host : inputs.resolveInternetName(host);
  if (ip === undefined) return { kind: 'fail', reason: `${host} does not resolve` };
  // This machine's own services (127.0.0.0/16 off the wires): the internet's host, DESIGN.md.
  if (isHostServiceAddress(ip)) {
    return { kind: 'connect', via: 'this machine', upstream: { protocol, hostAddress: ip, port, localAddress: '127.0.0.1', ...tls } };
  }
  const decision = decide(inputs.network, { kind: 'internet' }, { ip, port, protocol: 'tcp' });
  if (!decision.allowed) return { kind: 'drop', reason: decision.reason };
  return {
    kind: 'connect',
    via: decision.via,
    upstream: { protocol, hostAddress: decision.hostAddress, port: inputs.portMap.resolve(decision.hostAddress, port), localAddress: decision.sourceHostAddress, ...tls },
  };
}

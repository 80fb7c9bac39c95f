/**
 * The data plane's public surface: what runtime/ (and status, tests) may use. Everything else
 * under dataplane/ is internal.
 */
export { startDataplane, type Dataplane, type DataplaneOptions, type DataplaneStatus } from './dataplane.js';
export { NetworkPlane, type NetworkPlaneOptions, type ChangeFeedReader } from './network/network-plane.js';
export { compileNetwork, snapshotToJson } from './network/compile.js';
export { decide, sourceHostAddressOf, type Endpoint, type Target, type Decision } from './network/reachability.js';
export { resolveVantage, VantageError, INTERNET_VANTAGE } from './network/vantage.js';
export { startVantageProxy, type VantageProxy, type VantageProxyOptions } from './network/vantage-proxy.js';
export { ec2PrivateDnsResolver, parseEc2PrivateDnsName, type NameResolver } from './network/ec2-private-dns.js';
export { createResolver, DEFAULT_NAME_SOURCES, type Resolver, type SnapshotSource } from './dns/resolver.js';
export type { NameSource, NameView, NameLookup, DnsRecord } from './dns/name-source.js';
export { startDnsServer, type DnsServer, type DnsServerOptions } from './dns/server.js';
export { DnsBindError } from './dns/bind.js';
export { hostAddressFor, hostAddressOnWire, awsIpFor, INTERNET_HOST_ADDRESS } from './network/host-address.js';
export type { NetworkSnapshot } from './network/snapshot.js';
export { InstanceRuntime, type InstanceRuntimeOptions, type InstanceProcessStatus } from './instances/instance-runtime.js';
export { LocalCa, type IssuedCertificate } from './tls/ca.js';

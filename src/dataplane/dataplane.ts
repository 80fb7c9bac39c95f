/**
 * `startDataplane` assembles the data plane in Envoy's initialization order (DESIGN.md,
 * architecture: "compile everything, … then open listeners"): compile the network, open the DNS
 * server (when asked; before the instances, so user-data processes can resolve names from their
 * first moment, and so a taken `--dns-port` fails before any process starts), then take over
 * the instances
 * (boots, stops, and with `execUserData` their user-data processes, restored after a restart).
 * `close()` undoes it in reverse.
 *
 * One resolver (dns/resolver.ts) serves both the vantage proxies and the DNS server, so every
 * name source added to it answers in both.
 *
 * The local CA is opened on first use (a vantage proxy, `localvpc ca`, a certificate to issue):
 * loading the X.509 library costs about 200 ms, most of an empty start-up.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/log.js';
import { observationWriter } from '../state/ports.js';
import type { Store } from '../state/store.js';
import { ApiGwPlane } from './apigw/apigw-plane.js';
import { ExecuteApi } from './apigw/execute-api.js';
import { CustomDomainCertificates } from './apigw/custom-domain-certificates.js';
import { startFrontDoor, type FrontDoor } from './apigw/front-door.js';
import { Upstreams } from './apigw/upstreams.js';
import { NamesPlane } from './dns/names-plane.js';
import { dataplaneNameSources } from './dns/sources.js';
import { createResolver, type Resolver } from './dns/resolver.js';
import { HealthChecker } from './health/health-checker.js';
import { LbPlane } from './lb/lb-plane.js';
import type { LbSnapshot } from './lb/snapshot.js';
import { PortMap } from './listeners/port-map.js';
import { DEFAULT_DROP_AFTER_SECONDS } from './network/drop.js';
import { endpointOfHostAddress } from './network/source.js';
import { NlbListeners } from './nlb/nlb-listeners.js';
import { AlbListeners } from './alb/alb-listeners.js';
import { TargetPicker } from './nlb/target-selection.js';
import { startDnsServer, type DnsServer } from './dns/server.js';
import { InstanceRuntime, type InstanceProcessStatus } from './instances/instance-runtime.js';
import { NetworkPlane } from './network/network-plane.js';
import type { NetworkSnapshot } from './network/snapshot.js';
import type { VantageProxy } from './network/vantage-proxy.js';
import type { LocalCa } from './tls/ca.js';
import { VpceListeners, type VpceListenerStatus } from './vpce/vpce-listeners.js';
import { AcmIssuer } from './tls/acm-issuer.js';

export interface DataplaneOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly log: Logger;
  /** Holds `ca/`, `instances/` and `logs/`. */
  readonly stateDir: string;
  /** Run instance user data as child processes (`--exec-user-data`). Default false. */
  readonly execUserData?: boolean;
  /** Serve DNS over UDP and TCP here (`--host`, `--dns-port`; port 0 picks one). Omitted: no DNS server. */
  readonly dns?: { readonly host: string; readonly port: number };
  /** AWS seconds a dropped proxy connection is held open. Default 120. */
  readonly dropAfterSeconds?: number;
}

/** What `localvpc status` shows of the data plane. */
export interface DataplaneStatus {
  /** Network snapshot generation in service. */
  readonly generation: number;
  readonly wires: readonly { wire: number; hostRange: string; cidrBlock: string; network: string }[];
  readonly addressBook: readonly { privateIp: string; hostAddress: string; owner: string; vpcId: string; subnetId: string; networkInterfaceId: string }[];
  readonly processes: readonly { instanceId: string; pid: number; running: boolean; log: string; exitCode: number | null | undefined; proxyUrl: string }[];
  /** Load balancer listeners bound on this machine (`boundPort` differs from `port` when the real port was refused). */
  readonly listeners: readonly { loadBalancer: string; port: number; hostAddress: string; boundPort: number }[];
  readonly targetHealth: readonly { targetGroup: string; target: string; state: string; reason?: string }[];
  /** execute-api VPC endpoint listeners (port 443 of each endpoint ENI's host address). */
  readonly endpointListeners: readonly VpceListenerStatus[];
}

export interface Dataplane {
  readonly network: NetworkPlane;
  readonly instances: InstanceRuntime;
  /** The name resolver of the vantage proxies and the DNS server. */
  readonly resolver: Resolver;
  /** The DNS server, when `dns` was given. */
  readonly dns: DnsServer | undefined;
  /** The local CA, created in `<stateDir>/ca` on first use and kept there. */
  ca(): Promise<LocalCa>;
  /** The latest network snapshot. */
  snapshot(): NetworkSnapshot;
  /** The latest load-balancing snapshot. */
  loadBalancing(): LbSnapshot;
  readonly health: HealthChecker;
  /** Serves `/_aws/execute-api/{api}/{stage}/…` (the gateway routes that prefix here). */
  executeApiPathStyle(req: IncomingMessage, res: ServerResponse, prefix: string): void;
  /** Opens a vantage proxy (network-plane.ts); throws VantageError for an unknown vantage. */
  openVantageProxy(vantage: string, port?: number): Promise<VantageProxy>;
  status(): DataplaneStatus;
  /** `<stateDir>/ca/bundle.pem`: system roots plus the local CA. */
  caBundlePath(): Promise<string>;
  /** `<stateDir>/ca/ca.crt.pem`. */
  caCertPath(): Promise<string>;
  close(): Promise<void>;
}

export async function startDataplane(options: DataplaneOptions): Promise<Dataplane> {
  const log = options.log.child('dataplane');
  const portMap = new PortMap();
  // The resolver reads the planes' latest snapshots at each lookup, never during construction.
  // Sources in the Route 53 Resolver's order (dns/sources.ts).
  const names = new NamesPlane(options.store, log);
  const resolver = createResolver(
    { snapshot: () => network.snapshot() },
    dataplaneNameSources({ names: () => names.snapshot(), lb: () => lb.snapshot(), apigw: () => apigw.snapshot() }),
  );
  const dropAfterSeconds = options.dropAfterSeconds ?? DEFAULT_DROP_AFTER_SECONDS;
  const network = new NetworkPlane(options.store, options.clock, log, {
    resolveName: resolver.resolveName,
    dropAfterSeconds,
    resolvePort: (host, port) => portMap.resolve(host, port),
  });
  const lb = new LbPlane(options.store, network, options.clock, log);
  const apigw = new ApiGwPlane(options.store, log);
  const picker = new TargetPicker();
  let dns: DnsServer | undefined;
  if (options.dns) {
    try {
      dns = await startDnsServer({ ...options.dns, network, resolver, logger: log });
    } catch (e) {
      names.close();
      await network.close();
      throw e;
    }
  }
  let ca: Promise<LocalCa> | undefined;
  const openCa = () =>
    (ca ??= import('./tls/ca.js').then(async ({ LocalCa }) => {
      const opened = await LocalCa.open(options.stateDir, { clock: options.clock });
      opened.bundlePath();
      return opened;
    }));
  // DNS validation of ACM certificates; the boot pass runs in the background (it opens the CA
  // only if a certificate is ready to issue).
  const acmIssuer = new AcmIssuer({ store: options.store, writer: observationWriter(options.store), ca: openCa, clock: options.clock, logger: log });
  void acmIssuer.reconcile();
  const instances = new InstanceRuntime({
    store: options.store,
    writer: observationWriter(options.store),
    network,
    clock: options.clock,
    logger: log,
    stateDir: options.stateDir,
    execUserData: options.execUserData ?? false,
  });
  instances.start();

  // Boot (DESIGN.md): compile, run one health round, then open listeners.
  const health = new HealthChecker({ lb: () => lb.snapshot(), network: () => network.snapshot(), writer: observationWriter(options.store), clock: options.clock, logger: log, resolvePort: (h, p) => portMap.resolve(h, p) });
  const unsubscribeHealth = lb.onSnapshot(() => health.reconcile());
  await health.runRound();
  health.reconcile();
  const nlb = new NlbListeners({ lb, network, portMap, picker, clock: options.clock, logger: log, dropAfterSeconds });
  await nlb.reconcile();
  const alb = new AlbListeners({ lb, network, portMap, clock: options.clock, logger: log, dropAfterSeconds });
  await alb.reconcile();
  let caBundle: string | undefined;
  const upstreams = new Upstreams(() => caBundle);
  const executeApi = new ExecuteApi({
    apigw: () => apigw.snapshot(),
    lb: () => lb.snapshot(),
    network: () => network.snapshot(),
    portMap,
    picker,
    upstreams,
    resolveInternetName: (name) => resolver.resolveName(name, { kind: 'internet' }),
    clock: options.clock,
    logger: log.child('execute-api'),
  });
  let frontDoor: FrontDoor | undefined;
  const listenerCa = async () => {
    const opened = await openCa();
    caBundle ??= await readFile(opened.bundlePath(), 'utf8');
    return opened;
  };
  const customDomainCertificates = new CustomDomainCertificates((arn, error) => log.error('custom domain certificate cannot be served', { certificate: arn, error }));
  try {
    frontDoor = await startFrontDoor({
      ca: listenerCa,
      portMap,
      logger: log,
      handler: (req, res) => {
        const from = endpointOfHostAddress(network.snapshot(), req.socket.remoteAddress);
        executeApi.serveByHost(req, res, { endpoint: from, sourceIp: from.kind === 'internet' ? undefined : from.ip });
      },
      customDomain: (servername) => customDomainCertificates.contextFor(apigw.snapshot(), servername, { kind: 'public' }),
    });
  } catch (e) {
    log.error('the execute-api front door cannot listen', { error: String(e) });
  }
  const vpce = new VpceListeners({
    apigw,
    network,
    portMap,
    ca: listenerCa,
    clock: options.clock,
    logger: log,
    dropAfterSeconds,
    serve: (req, res, caller, vpceId) => executeApi.serveFromEndpoint(req, res, caller, vpceId),
  });
  await vpce.reconcile();
  let closing: Promise<void> | undefined;
  return {
    network,
    instances,
    resolver,
    dns,
    ca: openCa,
    snapshot: () => network.snapshot(),
    loadBalancing: () => lb.snapshot(),
    health,
    executeApiPathStyle: (req, res, prefix) => executeApi.servePathStyle(req, res, prefix),
    openVantageProxy: (vantage, port) => network.openVantageProxy(vantage, port),
    status: () => ({ ...statusOf(network.snapshot(), instances.processes(), lb.snapshot(), [...nlb.listeners(), ...alb.listeners()]), endpointListeners: vpce.listeners() }),
    caBundlePath: async () => (await openCa()).bundlePath(),
    caCertPath: async () => (await openCa()).certPath(),
    close: () =>
      (closing ??= (async () => {
        await frontDoor?.close();
        await vpce.close();
        await acmIssuer.close();
        await nlb.close();
        await alb.close();
        unsubscribeHealth();
        await health.close();
        await upstreams.close();
        lb.close();
        apigw.close();
        names.close();
        await dns?.close();
        await instances.close();
        await network.close();
      })()),
  };
}

function statusOf(snapshot: NetworkSnapshot, processes: readonly InstanceProcessStatus[], lbs: LbSnapshot, listeners: ReturnType<NlbListeners['listeners']>): Omit<DataplaneStatus, 'endpointListeners'> {
  return {
    listeners: listeners.map((l) => ({ loadBalancer: lbs.loadBalancers.get(l.lbArn)?.name ?? l.lbArn, port: l.port, hostAddress: l.hostAddress, boundPort: l.boundPort })),
    targetHealth: [...lbs.targetGroups.values()].flatMap((tg) =>
      tg.targets.map((t) => ({ targetGroup: tg.name, target: `${t.targetId}:${t.port}`, state: t.draining ? 'draining' : (t.observed?.state ?? 'initial'), ...(t.observed?.reason ? { reason: t.observed.reason } : {}) })),
    ),
    generation: snapshot.generation,
    wires: snapshot.wires.map((w) => ({ wire: w.wire, hostRange: `127.${w.wire}.0.0/16`, cidrBlock: w.cidrBlock, network: w.owner })),
    addressBook: snapshot.addressBook.map((a) => ({
      privateIp: a.address,
      hostAddress: a.hostAddress ?? '(none)',
      owner: a.owner,
      vpcId: a.vpcId,
      subnetId: a.subnetId,
      networkInterfaceId: a.networkInterfaceId,
    })),
    processes: processes.map((p) => ({ instanceId: p.instanceId, pid: p.pid, running: p.running, log: p.logPath, exitCode: p.exitCode, proxyUrl: p.proxyUrl })),
  };
}

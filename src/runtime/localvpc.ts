/**
 * The composition root (DESIGN.md, runtime): config → store → data plane (compile, restore
 * instance processes, then serve) → gateway. The only module that sees every layer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClock } from '../kernel/clock.js';
import { createLogger, type Level } from '../kernel/log.js';
import { Store } from '../state/store.js';
import { createAwsChain } from '../gateway/chain.js';
import { EXECUTE_API_PATH_PREFIX, startGateway, type GatewayServer } from '../gateway/server.js';
import { startDataplane, type Dataplane } from '../dataplane/index.js';
import { SERVICES } from './services.js';
import { resolveConfig, type LocalVpcConfig } from './config.js';
import { createAdminApi } from './admin-api.js';

export interface StartOptions extends Partial<LocalVpcConfig> {
  /** Stop cleanly on SIGINT/SIGTERM and exit the process (the CLI's `start`). */
  handleSignals?: boolean;
  logLevel?: Level;
}

export interface LocalVpc {
  /** The AWS endpoint, e.g. http://127.0.0.1:4566 (AWS_ENDPOINT_URL for clients). */
  readonly endpoint: string;
  readonly config: LocalVpcConfig;
  /** The one-line summary `start` prints. */
  readonly summary: string;
  readonly dataplane: Dataplane;
  readonly store: Store;
  stop(): Promise<void>;
}

export async function startLocalVpc(options: StartOptions = {}): Promise<LocalVpc> {
  const started = performance.now();
  const config = resolveConfig(options);
  const log = createLogger('localvpc', config.logLevel);
  const clock = createClock(config.timeScale);
  // `:memory:` keeps no records; the data plane still needs a folder for the CA and logs.
  const scratch = config.stateDir === ':memory:' ? mkdtempSync(join(tmpdir(), 'localvpc-')) : undefined;
  const store = Store.open(config.stateDir);
  const dataDir = scratch ?? config.stateDir;
  let dataplane: Dataplane;
  try {
    dataplane = await startDataplane({ store, clock, log, stateDir: dataDir, execUserData: config.execUserData, dns: { host: config.host, port: config.dnsPort } });
  } catch (e) {
    store.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    throw e;
  }
  const aws = createAwsChain({ services: SERVICES, store, clock, log });
  let gateway: GatewayServer | undefined;
  try {
    const admin = createAdminApi({ config, store, dataplane, endpoint: () => gateway?.url ?? '' });
    gateway = await startGateway({ host: config.host, port: config.port, aws, admin, log, executeApi: (req, res) => dataplane.executeApiPathStyle(req, res, EXECUTE_API_PATH_PREFIX) });
  } catch (e) {
    await dataplane.close();
    store.close();
    throw e;
  }
  const g: GatewayServer = gateway;
  const ms = (performance.now() - started).toFixed(0);
  const counts = Object.values(store.counts()).reduce((a, b) => a + b, 0);
  const summary = `localvpc ready in ${ms} ms: AWS endpoint ${g.url} (${[...SERVICES.keys()].join(', ')}), dns ${dataplane.dns?.description ?? 'off'}, state ${config.stateDir} (${counts} records), time scale ${config.timeScale}, user data ${config.execUserData ? 'executed' : 'not executed'}`;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await g.close();
      await dataplane.close();
      store.close();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    })());

  if (options.handleSignals) {
    const onSignal = (sig: NodeJS.Signals) => {
      log.info(`${sig}: stopping`);
      stop().then(
        () => process.exit(0),
        (e) => {
          log.error('stop failed', { error: String(e) });
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return { endpoint: g.url, config, summary, dataplane, store, stop };
}

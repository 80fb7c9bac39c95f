// The localvpc server the localvpc legs share, SDK clients for it, and its vantage proxies.
//
// One server serves both architectures (each in its own VPC, so on its own wire): two servers
// would allocate the same wires in the same order and, running as root, bind the same host
// addresses and ports (see scripts/run-tests.mjs on end-to-end files).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REGION } from './constants.mjs';
import { Interrupted, indent, logTail, makeTempDir, progress, startChild, stopChild, waitForOutput } from './children.mjs';
import { sleep } from './probe.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The localvpc command's entry. LOCALVPC_BENCH_CLI runs another build (a JS file that runs the CLI
 * like bin/localvpc.js does); by default this repository's bin/localvpc.js, built here if dist/
 * is missing.
 */
function cliEntry() {
  return process.env.LOCALVPC_BENCH_CLI ? path.resolve(process.env.LOCALVPC_BENCH_CLI) : path.join(ROOT, 'bin', 'localvpc.js');
}

function ensureBuilt() {
  if (process.env.LOCALVPC_BENCH_CLI) {
    if (!existsSync(cliEntry())) throw new Error(`LOCALVPC_BENCH_CLI names a missing file: ${cliEntry()}`);
    return;
  }
  if (existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) return;
  progress('dist/ is missing: npm run build');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error(`npm run build failed (${result.error?.message ?? `code ${result.status}`})`);
}

let serverPromise = null;

/**
 * Starts `localvpc start` once (free ports, a temporary state directory, --time-scale 100) and
 * answers { child, endpoint } to every caller; a failed start fails every caller.
 */
export function localvpcServer() {
  serverPromise ??= startServer();
  return serverPromise;
}

/** The server if one was started and is usable, else null (does not start one). */
export async function startedServer() {
  if (!serverPromise) return null;
  try {
    return await serverPromise;
  } catch {
    return null;
  }
}

async function startServer() {
  ensureBuilt();
  const stateDir = makeTempDir('state');
  // LOCALVPC_BENCH_NODE_ARGS: extra Node.js flags for the localvpc process (e.g. `--cpu-prof`).
  const nodeArgs = (process.env.LOCALVPC_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = startChild('localvpc', process.execPath, [
    ...nodeArgs,
    cliEntry(), 'start',
    '--port', '0', '--dns-port', '0', '--state-dir', stateDir, '--time-scale', '100',
  ], { cwd: ROOT });
  try {
    const endpoint = (await waitForOutput(child, /AWS endpoint (http:\/\/127\.0\.0\.1:\d+)/, 30_000))[1];
    progress(`localvpc: AWS endpoint ${endpoint}`);
    return { child, endpoint };
  } catch (err) {
    await stopChild(child);
    throw err;
  }
}

/** Adds the server's last log lines to a leg's setup failure. */
export function withServerLog(err, server) {
  if (err instanceof Interrupted || !server) return err;
  const log = logTail(server.child);
  if (!log) return err;
  return new Error(`${err.message}\n  localvpc log (last lines):\n${indent(log)}`, { cause: err });
}

/** SDK v3 client configuration for the server. */
export function sdkConfig(endpoint) {
  // The SDK's notice about future Node.js versions says nothing about this run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return {
    region: REGION,
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  };
}

function describeSdkError(err) {
  const status = err?.$metadata?.httpStatusCode;
  const name = err?.name && err.name !== 'Error' ? `${err.name}: ` : '';
  return `${name}${err?.message ?? String(err)}${status ? ` (HTTP ${status})` : ''}`;
}

/** Runs one setup call; a failure names the call. */
export async function step(label, fn) {
  try {
    return await fn();
  } catch (err) {
    throw new Error(`${label} failed: ${describeSdkError(err)}`, { cause: err });
  }
}

/**
 * Polls `check` (→ { done, state, value }) every 100 ms until done and answers its value; gives
 * up after timeoutMs, naming what it waited for and the last state seen.
 */
export async function waitFor(what, timeoutMs, check) {
  const deadline = Date.now() + timeoutMs;
  let state = '';
  while (Date.now() < deadline) {
    const result = await check();
    state = result.state;
    if (result.done) return result.value;
    await sleep(100);
  }
  throw new Error(`gave up waiting for ${what} after ${timeoutMs / 1000} s (last state: ${state || 'unknown'})`);
}

/**
 * `localvpc proxy --from <vantage> --port <port>`: a vantage proxy served by the server, held
 * open by this child (stopping the child closes it). Answers { child, url }.
 */
export async function startVantageProxy(server, from, port) {
  const child = startChild('localvpc proxy', process.execPath, [
    cliEntry(), 'proxy', '--from', from, '--endpoint', server.endpoint, '--port', String(port),
  ], { cwd: ROOT, stopFirst: true });
  try {
    const url = (await waitForOutput(child, /^(http:\/\/\S+)$/m, 15_000))[1];
    return { child, url };
  } catch (err) {
    await stopChild(child);
    throw err;
  }
}

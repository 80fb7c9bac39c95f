#!/usr/bin/env node
// Chain benchmark: requests per second and latency (wrk, keep-alive) of the ways to reach the same
// backend, measured one after another in one run with the same wrk settings:
//   (a) the backend directly;
//   (b) localvpc's "Architecture 2": API Gateway REST API (HTTP_PROXY, VPC_LINK) → VPC link →
//       internal NLB (TCP:80) → TCP target group (ip target) → backend, reached through the
//       path-style URL http://127.0.0.1:<port>/_aws/execute-api/<apiId>/test/<path>;
//   (c) the same hops built from nginx: an HTTP proxy (upstream keep-alive) in front of a TCP
//       stream proxy in front of the backend;
//   (d) localvpc's "Architecture 1": a vantage proxy inside the VPC (`localvpc proxy --from
//       <vpc>`) → internal ALB (HTTP:80) → HTTPS:443 ip targets = an execute-api interface VPC
//       endpoint's ENIs → Regional custom domain (ACM, Route 53) → PRIVATE REST API (HTTP_PROXY
//       over the internet) → backend; wrk sends `GET http://bench.example.com/bench` in absolute
//       form to the vantage proxy (a wrk Lua script);
//   (e) the same hops built from nginx: HTTP proxy (absolute-form in) → HTTP proxy (HTTPS
//       upstream, keep-alive) → TLS-terminating proxy → backend, sent the same bytes as (d).
// A leg that cannot be set up or measured is reported as failed (or skipped) in the table; the
// other legs still run. Every child (backend, localvpc, its vantage proxy, nginx, wrk) is stopped
// on exit, on errors and on SIGINT/SIGTERM.
//
// Usage: node scripts/bench/chain.mjs [--arch 1|2|all] [--duration 10] [--connections 16]
//                                      [--threads 1] [--light | --no-light | --light-only]
// Needs: wrk, nginx with its stream module (Debian: apt-get install wrk nginx
// libnginx-mod-stream), openssl (leg (e)'s certificate), and a built localvpc (npm install; built
// here if dist/ is missing).
// Environment: LOCALVPC_BENCH_NODE_ARGS, extra Node.js flags for the localvpc server (e.g.
// `--cpu-prof`); LOCALVPC_BENCH_CLI, another localvpc build's CLI entry (default bin/localvpc.js).
// The results table goes to stdout, progress to stderr. Exit code 1 if a leg failed.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setupArchitecture1 } from './chain/arch1.mjs';
import { setupArchitecture2 } from './chain/arch2.mjs';
import { cleanup, isStopping, makeTempDir, progress, startChild, stopChild, waitForOutput } from './chain/children.mjs';
import { ARCH1_URL, REQUEST_PATH, WARMUP_SECONDS } from './chain/constants.mjs';
import { startedServer, ROOT } from './chain/localvpc.mjs';
import { nginxVersion, setupNginxChain, setupNginxTlsChain, Skip } from './chain/nginx.mjs';
import { checkTarget, which } from './chain/probe.mjs';
import { fmtRps, report } from './chain/report.mjs';
import { runWrk, wrkNotes, writeAbsoluteFormScript } from './chain/wrk.mjs';

const USAGE = `Usage: node scripts/bench/chain.mjs [options]
  --arch <1|2|all>     which reference architecture's legs to run besides the direct one (default all):
                       2 = (b) localvpc API Gateway → VPC link → NLB and (c) its nginx twin;
                       1 = (d) localvpc ALB → VPC endpoint → private API and (e) its nginx twin
  --duration <s>       seconds each measured wrk run lasts (default 10; plus ${WARMUP_SECONDS} s warm-up, not counted)
  --connections <n>    wrk connections for the heavy pass (default 16)
  --threads <n>        wrk threads for the heavy pass (default 1)
  --light              run the light-load pass (1 connection) too; this is the default
  --no-light           heavy pass only
  --light-only         light pass only
  -h, --help           this text
`;

// ---------------------------------------------------------------------------------------------
// Options

function parseOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        arch: { type: 'string', default: 'all' },
        duration: { type: 'string', default: '10' },
        connections: { type: 'string', default: '16' },
        threads: { type: 'string', default: '1' },
        light: { type: 'boolean', default: false },
        'no-light': { type: 'boolean', default: false },
        'light-only': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`${err.message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const positive = (name) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) {
      process.stderr.write(`--${name} must be a positive integer, got ${JSON.stringify(values[name])}\n`);
      process.exit(2);
    }
    return n;
  };
  if (!['1', '2', 'all'].includes(values.arch)) {
    process.stderr.write(`--arch must be 1, 2 or all, got ${JSON.stringify(values.arch)}\n`);
    process.exit(2);
  }
  const options = {
    architectures: values.arch === 'all' ? [2, 1] : [Number(values.arch)],
    duration: positive('duration'),
    connections: positive('connections'),
    threads: positive('threads'),
    heavy: !values['light-only'],
    light: !values['no-light'],
  };
  if (values['no-light'] && (values.light || values['light-only'])) {
    process.stderr.write('--no-light contradicts --light / --light-only\n');
    process.exit(2);
  }
  if (options.connections < options.threads) {
    process.stderr.write('--connections must be at least --threads (wrk gives every thread a connection)\n');
    process.exit(2);
  }
  return options;
}

// ---------------------------------------------------------------------------------------------
// The backend

async function startBackend() {
  const child = startChild('backend', process.execPath, [path.join(ROOT, 'scripts', 'bench', 'backend.mjs'), '0']);
  const match = await waitForOutput(child, /listening (\d+)/, 10_000);
  const port = Number(match[1]);
  const target = { url: `http://127.0.0.1:${port}/${REQUEST_PATH}` };
  await checkTarget(target);
  return { child, port, target };
}

// ---------------------------------------------------------------------------------------------
// Machine description

function machine(options) {
  let cpu = 'unknown CPU';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {}
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const wrk = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
  const wrkVersion = wrk.error ? 'not installed' : (/^wrk\s+(\S+)/m.exec(`${wrk.stdout}${wrk.stderr}`)?.[1] ?? 'unknown');
  let openssl;
  if (options.architectures.includes(1)) {
    const result = spawnSync('openssl', ['version'], { encoding: 'utf8' });
    openssl = result.error ? 'openssl not installed' : (`${result.stdout ?? ''}`.trim().split(' ').slice(0, 2).join(' ') || undefined);
  }
  return {
    cpu,
    cores,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    nginx: nginxVersion(),
    wrk: wrkVersion,
    openssl,
  };
}

// ---------------------------------------------------------------------------------------------
// Legs

/**
 * Every leg: key, name (table), short (light-pass sentence), kind (direct, localvpc, nginx),
 * twin (a localvpc leg's nginx twin) and setup (→ { target, detail }).
 */
function defineLegs(options, backend) {
  const legs = [
    { key: 'direct', kind: 'direct', short: 'direct', name: '(a) backend directly', setup: async () => ({ target: backend.target, detail: `127.0.0.1:${backend.port}` }) },
  ];
  if (options.architectures.includes(2)) {
    legs.push(
      { key: 'localvpc', kind: 'localvpc', twin: 'nginx', short: '(b) localvpc arch 2', name: '(b) localvpc arch 2: API Gateway → VPC link → NLB', setup: () => setupArchitecture2(backend) },
      { key: 'nginx', kind: 'nginx', short: '(c) nginx arch 2', name: '(c) nginx arch 2: HTTP proxy → TCP stream proxy', setup: () => setupNginxChain(backend) },
    );
  }
  if (options.architectures.includes(1)) {
    // Legs (d) and (e) send the same absolute-form request to their HTTP proxy.
    let script;
    const absoluteForm = () => (script ??= writeAbsoluteFormScript(makeTempDir('wrk'), ARCH1_URL));
    legs.push(
      {
        key: 'localvpc-arch1', kind: 'localvpc', twin: 'nginx-arch1', short: '(d) localvpc arch 1',
        name: '(d) localvpc arch 1: vantage proxy → ALB → VPC endpoint (TLS) → private API',
        setup: () => setupArchitecture1(backend, { script: absoluteForm() }),
      },
      {
        key: 'nginx-arch1', kind: 'nginx', short: '(e) nginx arch 1',
        name: '(e) nginx arch 1: HTTP proxy → HTTP proxy → TLS proxy',
        setup: () => setupNginxTlsChain(backend, { script: absoluteForm() }),
      },
    );
  }
  return legs;
}

/** Stops the localvpc server when no localvpc leg is left to use it (it would only cost CPU). */
async function releaseUnusedServer(legs) {
  const server = await startedServer();
  if (!server) return;
  if (legs.some((leg) => leg.kind === 'localvpc' && leg.target)) return;
  progress('no localvpc leg is ready: stopping the localvpc server');
  await stopChild(server.child);
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const options = parseOptions();
  if (!which('wrk')) {
    process.stderr.write('wrk is not installed (Debian: apt-get install wrk)\n');
    process.exitCode = 1;
    return;
  }
  const host = machine(options);

  progress('starting the backend');
  const backend = await startBackend();
  progress(`backend on 127.0.0.1:${backend.port}`);

  const legs = defineLegs(options, backend);
  for (const leg of legs) {
    if (isStopping()) return;
    progress(`setting up ${leg.name}`);
    try {
      const { target, detail } = await leg.setup();
      leg.target = target;
      progress(`  ready: ${target.url}${target.proxy ? ` through ${target.proxy}` : ''} (${detail})`);
    } catch (err) {
      if (isStopping()) return;
      leg.error = err.message;
      leg.skipped = err instanceof Skip;
      progress(`  ${leg.skipped ? 'skipped' : 'FAILED'}: ${err.message}`);
    }
  }
  await releaseUnusedServer(legs);

  const passes = [];
  if (options.heavy) passes.push({ key: 'heavy', title: 'Heavy load', threads: options.threads, connections: options.connections });
  if (options.light) passes.push({ key: 'light', title: 'Light load', threads: 1, connections: 1 });
  for (const pass of passes) {
    pass.results = new Map();
    for (const leg of legs) {
      if (isStopping()) return;
      if (!leg.target) continue;
      const settings = { threads: pass.threads, connections: pass.connections };
      try {
        progress(`${pass.title}, ${leg.name}: ${WARMUP_SECONDS} s warm-up, then ${options.duration} s`);
        await runWrk(leg.target, { ...settings, seconds: WARMUP_SECONDS });
        const stats = await runWrk(leg.target, { ...settings, seconds: options.duration });
        pass.results.set(leg.key, { stats, notes: wrkNotes(stats) });
        progress(`  ${fmtRps(stats.rps)} req/s, p50 ${stats.p50.toFixed(2)} ms, p99 ${stats.p99.toFixed(2)} ms`);
      } catch (err) {
        if (isStopping()) return;
        pass.results.set(leg.key, { error: err.message });
        progress(`  FAILED: ${err.message}`);
      }
    }
  }

  process.stdout.write(`\n${report({ options, legs, passes, host })}`);
  const failed = legs.some((leg) => leg.error && !leg.skipped) || passes.some((pass) => [...pass.results.values()].some((r) => r.error));
  if (failed) process.exitCode = 1;
}

try {
  await main();
} catch (err) {
  if (!isStopping()) process.stderr.write(`[chain] error: ${err.stack ?? err.message}\n`);
  process.exitCode = 1;
} finally {
  await cleanup();
}

#!/usr/bin/env node
// Chain benchmark: requests per second and latency (wrk, keep-alive) of three ways to reach the
// same backend, measured one after another in one run with the same wrk settings:
//   (a) the backend directly;
//   (b) localvpc's "Architecture 2": API Gateway REST API (HTTP_PROXY, VPC_LINK) → VPC link →
//       internal NLB (TCP:80) → TCP target group (ip target) → backend, reached through the
//       path-style URL http://127.0.0.1:<port>/_aws/execute-api/<apiId>/test/<path>;
//   (c) the same hops built from nginx: an HTTP proxy (upstream keep-alive) in front of a TCP
//       stream proxy in front of the backend.
// A leg that cannot be set up or measured is reported as failed (or skipped) in the table; the
// other legs still run. Every child (backend, localvpc, nginx, wrk) is stopped on exit, on errors
// and on SIGINT/SIGTERM.
//
// Usage: node scripts/bench/chain.mjs [--duration 10] [--connections 16] [--threads 1]
//                                      [--light | --no-light | --light-only]
// Needs: wrk and nginx with its stream module (Debian: apt-get install wrk nginx
// libnginx-mod-stream), and a built localvpc (npm install; built here if dist/ is missing).
// The results table goes to stdout, progress to stderr. Exit code 1 if a leg failed.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WARMUP_SECONDS = 2;
const REQUEST_PATH = 'bench';
const EXPECTED_BODY = 'ok\n';

const USAGE = `Usage: node scripts/bench/chain.mjs [options]
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
  const options = {
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
// Children and temporary directories: everything started here is stopped on every way out.

const children = new Set();
const tempDirs = new Set();
let stopping = false;

class Interrupted extends Error {}

function progress(message) {
  process.stderr.write(`[chain] ${message}\n`);
}

function makeTempDir(prefix) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `localvpc-bench-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

/** Spawns a child whose stdout and stderr are drained into a short tail kept for error messages. */
function startChild(label, command, args, options = {}) {
  if (stopping) throw new Interrupted(`interrupted: ${label} not started`);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  child.label = label;
  child.tail = '';
  child.stderrTail = '';
  child.stdoutText = '';
  child.spawnError = null;
  const keep = (chunk) => {
    child.tail = (child.tail + chunk).slice(-4000);
  };
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    keep(chunk);
    if (child.stdoutText.length < 1_000_000) child.stdoutText += chunk;
  });
  child.stderr.on('data', (chunk) => {
    keep(chunk);
    child.stderrTail = (child.stderrTail + chunk).slice(-4000);
  });
  children.add(child);
  child.exited = new Promise((resolve) => {
    child.on('error', (err) => {
      child.spawnError = err;
      children.delete(child);
      resolve({ code: null, signal: null, error: err });
    });
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal, error: null });
    });
  });
  return child;
}

function isRunning(child) {
  return child.exitCode === null && child.signalCode === null && !child.spawnError;
}

function describeExit(child, result) {
  if (result.error) return `${child.label} could not start: ${result.error.message}`;
  const how = result.signal ? `signal ${result.signal}` : `code ${result.code}`;
  const tail = child.tail.trim();
  return `${child.label} exited (${how})${tail ? `:\n${indent(tail.split('\n').slice(-15).join('\n'))}` : ''}`;
}

function indent(text) {
  return text.replace(/^/gm, '    ');
}

/** Waits until the child's stdout matches `pattern`; fails if the child exits or time runs out. */
function waitForOutput(child, pattern, timeoutMs) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(child.stdoutText);
      if (match) {
        done();
        resolve(match);
      }
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${child.label} printed nothing matching ${pattern} within ${timeoutMs / 1000} s; output:\n${indent(child.tail.trim())}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      child.stdout.off('data', check);
    };
    child.stdout.on('data', check);
    child.exited.then((result) => {
      done();
      reject(new Error(describeExit(child, result)));
    });
    check();
  });
}

async function stopChild(child, signal = 'SIGTERM') {
  if (!isRunning(child)) return;
  child.kill(signal);
  const timer = new Promise((resolve) => setTimeout(() => resolve('timeout'), 5000));
  if ((await Promise.race([child.exited, timer])) === 'timeout' && isRunning(child)) {
    child.kill('SIGKILL');
    await child.exited;
  }
}

let cleanedUp = false;
async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  await Promise.all([...children].map((child) => stopChild(child)));
  removeTempDirs();
}

function removeTempDirs() {
  for (const dir of tempDirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {}
  }
  tempDirs.clear();
}

// Last resort (an uncaught error, process.exit): no waiting is possible here, so SIGKILL.
process.on('exit', () => {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {}
  }
  removeTempDirs();
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    progress(`${signal}: stopping every child`);
    cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One GET with a short timeout: { status, body } or { error }. */
async function probe(url) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  try {
    const response = await fetch(url, { signal: controller.signal });
    return { status: response.status, body: await response.text() };
  } catch (err) {
    return { error: controller.signal.aborted ? 'no answer within 5 s' : (err.cause?.message ?? err.message) };
  } finally {
    clearTimeout(timer);
  }
}

function describeProbe(url, result) {
  if (result.error) return `GET ${url} failed: ${result.error}`;
  const body = result.body.length > 300 ? `${result.body.slice(0, 300)}…` : result.body;
  return `GET ${url} answered ${result.status} ${JSON.stringify(body)} (expected 200 ${JSON.stringify(EXPECTED_BODY)})`;
}

const isOk = (result) => !result.error && result.status === 200 && result.body === EXPECTED_BODY;

/** Warms a leg up with a few requests; each must answer 200 `ok`. */
async function checkUrl(url, attempts = 5) {
  for (let i = 0; i < attempts; i++) {
    const result = await probe(url);
    if (!isOk(result)) throw new Error(describeProbe(url, result));
  }
}

/** Polls until the URL answers 200 `ok` (a proxy that is still starting), or the child exits. */
async function waitForUrl(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (child && !isRunning(child)) throw new Error(describeExit(child, await child.exited));
    last = await probe(url);
    if (isOk(last)) return;
    await sleep(50);
  }
  throw new Error(`not ready after ${timeoutMs / 1000} s: ${describeProbe(url, last)}`);
}

function which(command, extraDirs = []) {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...extraDirs];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

function describeSdkError(err) {
  const status = err?.$metadata?.httpStatusCode;
  const name = err?.name && err.name !== 'Error' ? `${err.name}: ` : '';
  return `${name}${err?.message ?? String(err)}${status ? ` (HTTP ${status})` : ''}`;
}

/** Runs one setup call; a failure names the call. */
async function step(label, fn) {
  try {
    return await fn();
  } catch (err) {
    throw new Error(`${label} failed: ${describeSdkError(err)}`, { cause: err });
  }
}

class Skip extends Error {}

// ---------------------------------------------------------------------------------------------
// wrk

const UNIT_MS = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function parseDuration(text) {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text);
  if (!match) throw new Error(`unreadable wrk latency ${JSON.stringify(text)}`);
  return Number(match[1]) * UNIT_MS[match[2]];
}

function parseWrk(output) {
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(output);
  const total = /^\s*(\d+) requests in /m.exec(output);
  if (!rps || !total) throw new Error(`unreadable wrk output:\n${indent(output.trim())}`);
  const percentile = (p) => {
    const match = new RegExp(`^\\s+${p}%\\s+(\\S+)\\s*$`, 'm').exec(output);
    if (!match) throw new Error(`wrk printed no ${p}% latency (was --latency passed?)`);
    return parseDuration(match[1]);
  };
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  return {
    rps: Number(rps[1]),
    requests: Number(total[1]),
    p50: percentile(50),
    p90: percentile(90),
    p99: percentile(99),
    socketErrors: socket ? { connect: +socket[1], read: +socket[2], write: +socket[3], timeout: +socket[4] } : null,
    non2xx: non2xx ? Number(non2xx[1]) : 0,
  };
}

async function runWrk(url, { threads, connections, seconds }) {
  const args = ['-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '--latency', url];
  const child = startChild('wrk', 'wrk', args);
  const result = await child.exited;
  if (result.error || result.code !== 0) throw new Error(describeExit(child, result));
  const stats = parseWrk(child.stdoutText);
  if (stats.requests === 0) throw new Error(`wrk completed no request against ${url}`);
  if (stats.non2xx === stats.requests) throw new Error(`every response was an error status (${stats.non2xx} non-2xx/3xx)`);
  return stats;
}

function wrkNotes(stats) {
  const notes = [];
  if (stats.non2xx) notes.push(`${stats.non2xx} of ${stats.requests} responses were not 2xx/3xx`);
  const errors = stats.socketErrors;
  if (errors && errors.connect + errors.read + errors.write + errors.timeout > 0) {
    notes.push(`socket errors: connect ${errors.connect}, read ${errors.read}, write ${errors.write}, timeout ${errors.timeout}`);
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------
// The backend

async function startBackend() {
  const child = startChild('backend', process.execPath, [path.join(ROOT, 'scripts', 'bench', 'backend.mjs'), '0']);
  const match = await waitForOutput(child, /listening (\d+)/, 10_000);
  const port = Number(match[1]);
  const url = `http://127.0.0.1:${port}/${REQUEST_PATH}`;
  await checkUrl(url);
  return { child, port, url };
}

// ---------------------------------------------------------------------------------------------
// Leg (b): localvpc, Architecture 2

async function ensureBuilt() {
  if (existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) return;
  progress('dist/ is missing: npm run build');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error(`npm run build failed (${result.error?.message ?? `code ${result.status}`})`);
}

async function setupLocalvpc(backend) {
  await ensureBuilt();
  const stateDir = makeTempDir('state');
  // LOCALVPC_BENCH_NODE_ARGS: extra Node.js flags for the localvpc process (e.g. `--cpu-prof`).
  const nodeArgs = (process.env.LOCALVPC_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = startChild('localvpc', process.execPath, [
    ...nodeArgs,
    path.join(ROOT, 'bin', 'localvpc.js'), 'start',
    '--port', '0', '--dns-port', '0', '--state-dir', stateDir, '--time-scale', '100',
  ], { cwd: ROOT });
  try {
    return await buildArchitecture(child, backend);
  } catch (err) {
    return failSetup(child, err, 'localvpc log');
  }
}

async function buildArchitecture(child, backend) {
  const endpoint = (await waitForOutput(child, /AWS endpoint (http:\/\/127\.0\.0\.1:\d+)/, 30_000))[1];
  progress(`localvpc: AWS endpoint ${endpoint}`);

  // The SDK's notice about future Node.js versions says nothing about this run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { EC2Client, CreateVpcCommand, CreateSubnetCommand } = await import('@aws-sdk/client-ec2');
  const elbv2 = await import('@aws-sdk/client-elastic-load-balancing-v2');
  const apigw = await import('@aws-sdk/client-api-gateway');
  const config = {
    region: 'eu-west-1',
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  };
  const ec2 = new EC2Client(config);
  const elb = new elbv2.ElasticLoadBalancingV2Client(config);
  const api = new apigw.APIGatewayClient(config);
  try {
    const vpcId = (await step('ec2 CreateVpc', () => ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' })))).Vpc.VpcId;
    const subnetId = (await step('ec2 CreateSubnet', () =>
      ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'eu-west-1a' })))).Subnet.SubnetId;

    const nlb = (await step('elbv2 CreateLoadBalancer', () =>
      elb.send(new elbv2.CreateLoadBalancerCommand({ Name: 'bench-nlb', Type: 'network', Scheme: 'internal', Subnets: [subnetId] })))).LoadBalancers[0];
    const targetGroupArn = (await step('elbv2 CreateTargetGroup', () =>
      elb.send(new elbv2.CreateTargetGroupCommand({
        Name: 'bench-targets', Protocol: 'TCP', Port: backend.port, VpcId: vpcId, TargetType: 'ip',
        // A 5 s interval needs a timeout no longer than it (TCP's default timeout is 10 s).
        HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 5,
      })))).TargetGroups[0].TargetGroupArn;
    // The backend is a loopback host service: an ip target outside the VPC, AvailabilityZone all.
    await step('elbv2 RegisterTargets', () =>
      elb.send(new elbv2.RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: [{ Id: '127.0.0.1', Port: backend.port, AvailabilityZone: 'all' }] })));
    await step('elbv2 CreateListener', () =>
      elb.send(new elbv2.CreateListenerCommand({
        LoadBalancerArn: nlb.LoadBalancerArn, Protocol: 'TCP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
      })));

    const vpcLinkId = (await step('apigateway CreateVpcLink', () =>
      api.send(new apigw.CreateVpcLinkCommand({ name: 'bench-link', targetArns: [nlb.LoadBalancerArn] })))).id;
    await waitFor('VPC link AVAILABLE', 30_000, async () => {
      const link = await step('apigateway GetVpcLink', () => api.send(new apigw.GetVpcLinkCommand({ vpcLinkId })));
      if (link.status === 'FAILED') throw new Error(`VPC link ${vpcLinkId} FAILED: ${link.statusMessage ?? ''}`);
      return { done: link.status === 'AVAILABLE', state: `${link.status} ${link.statusMessage ?? ''}`.trim() };
    });

    const restApiId = (await step('apigateway CreateRestApi', () =>
      api.send(new apigw.CreateRestApiCommand({ name: 'bench-api', endpointConfiguration: { types: ['REGIONAL'] } })))).id;
    const resources = await step('apigateway GetResources', () => api.send(new apigw.GetResourcesCommand({ restApiId })));
    const rootId = resources.items.find((item) => item.path === '/').id;
    const resourceId = (await step('apigateway CreateResource', () =>
      api.send(new apigw.CreateResourceCommand({ restApiId, parentId: rootId, pathPart: '{proxy+}' })))).id;
    await step('apigateway PutMethod', () =>
      api.send(new apigw.PutMethodCommand({
        restApiId, resourceId, httpMethod: 'ANY', authorizationType: 'NONE', requestParameters: { 'method.request.path.proxy': true },
      })));
    await step('apigateway PutIntegration', () =>
      api.send(new apigw.PutIntegrationCommand({
        restApiId, resourceId, httpMethod: 'ANY',
        type: 'HTTP_PROXY', integrationHttpMethod: 'ANY',
        connectionType: 'VPC_LINK', connectionId: '${stageVariables.VPCLINK}',
        uri: 'http://${stageVariables.VPCNLB}/{proxy}',
        requestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
      })));
    await step('apigateway CreateDeployment', () =>
      api.send(new apigw.CreateDeploymentCommand({ restApiId, stageName: 'test', variables: { VPCLINK: vpcLinkId, VPCNLB: nlb.DNSName } })));

    await waitFor('target 127.0.0.1:' + backend.port + ' healthy', 30_000, async () => {
      const health = await step('elbv2 DescribeTargetHealth', () =>
        elb.send(new elbv2.DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn })));
      const target = health.TargetHealthDescriptions?.[0]?.TargetHealth;
      return {
        done: target?.State === 'healthy',
        state: target ? [target.State, target.Reason, target.Description].filter(Boolean).join(' ') : 'no target listed',
      };
    });

    const url = `${endpoint}/_aws/execute-api/${restApiId}/test/${REQUEST_PATH}`;
    await checkUrl(url);
    return { url, detail: `API ${restApiId}, VPC link ${vpcLinkId}, NLB ${nlb.DNSName}` };
  } finally {
    ec2.destroy();
    elb.destroy();
    api.destroy();
  }
}

/** Polls `check` (→ { done, state }) every 100 ms until done; gives up after timeoutMs. */
async function waitFor(what, timeoutMs, check) {
  const deadline = Date.now() + timeoutMs;
  let state = '';
  while (Date.now() < deadline) {
    const result = await check();
    state = result.state;
    if (result.done) return;
    await sleep(100);
  }
  throw new Error(`gave up waiting for ${what} after ${timeoutMs / 1000} s (last state: ${state || 'unknown'})`);
}

// ---------------------------------------------------------------------------------------------
// Leg (c): nginx HTTP proxy → nginx TCP stream proxy → backend

function findNginx() {
  return which('nginx', ['/usr/sbin', '/usr/local/sbin', '/usr/local/nginx/sbin']);
}

function nginxBuildInfo(nginx) {
  const result = spawnSync(nginx, ['-V'], { encoding: 'utf8' });
  return `${result.stdout ?? ''}${result.stderr ?? ''}`;
}

/** The `load_module` line the stream module needs ('' when it is built in). */
function streamModuleLine(buildInfo) {
  if (/--with-stream=dynamic\b/.test(buildInfo)) {
    const modulesPath = /--modules-path=(\S+)/.exec(buildInfo)?.[1] ?? '/usr/lib/nginx/modules';
    const candidates = [path.join(modulesPath, 'ngx_stream_module.so'), '/usr/lib/nginx/modules/ngx_stream_module.so'];
    const found = candidates.find((file) => existsSync(file));
    if (!found) {
      throw new Error(`nginx's stream module is not installed (looked for ${candidates[0]}): apt-get install libnginx-mod-stream`);
    }
    return `load_module ${found};`;
  }
  if (/--with-stream\b/.test(buildInfo)) return '';
  throw new Error('this nginx was built without the stream module (--with-stream)');
}

function nginxConfig({ dir, moduleLine, backendPort, streamPort, httpPort }) {
  return `# Generated by scripts/bench/chain.mjs.
${moduleLine}
worker_processes 1;
error_log ${dir}/error.log warn;
pid ${dir}/nginx.pid;

events {
    worker_connections 4096;
}

# The NLB's stand-in: a TCP stream proxy in front of the backend.
stream {
    upstream backend {
        server 127.0.0.1:${backendPort};
    }
    server {
        listen 127.0.0.1:${streamPort};
        proxy_pass backend;
    }
}

# API Gateway's stand-in: an HTTP proxy, keeping connections to the stream proxy alive.
http {
    access_log off;
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;

    upstream stream_proxy {
        server 127.0.0.1:${streamPort};
        keepalive 64;
    }
    server {
        listen 127.0.0.1:${httpPort};
        location / {
            proxy_pass http://stream_proxy;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
`;
}

async function setupNginx(backend) {
  const nginx = findNginx();
  if (!nginx) throw new Skip('nginx is not installed (Debian: apt-get install nginx libnginx-mod-stream)');
  const moduleLine = streamModuleLine(nginxBuildInfo(nginx));
  const dir = makeTempDir('nginx');
  // Workers run as an unprivileged user when nginx starts as root: let them reach their temp paths.
  chmodSync(dir, 0o755);
  const [streamPort, httpPort] = [await freePort(), await freePort()];
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConfig({ dir, moduleLine, backendPort: backend.port, streamPort, httpPort }));
  // In the foreground, so it is our child and stops with us.
  const child = startChild('nginx', nginx, ['-p', dir, '-c', conf, '-g', 'daemon off;'], { cwd: dir });
  const url = `http://127.0.0.1:${httpPort}/${REQUEST_PATH}`;
  try {
    await waitForUrl(url, child, 10_000);
  } catch (err) {
    let log = '';
    try {
      log = readFileSync(path.join(dir, 'error.log'), 'utf8').trim();
    } catch {}
    await stopChild(child);
    throw new Error(`${err.message}${log ? `\n  nginx error.log:\n${indent(log)}` : ''}`, { cause: err });
  }
  try {
    await checkUrl(url);
  } catch (err) {
    return failSetup(child, err);
  }
  return { url, detail: `HTTP proxy :${httpPort} → stream proxy :${streamPort} → backend :${backend.port}` };
}

// ---------------------------------------------------------------------------------------------
// Machine description

function machine() {
  let cpu = 'unknown CPU';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {}
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const nginx = findNginx();
  let nginxVersion = 'not installed';
  if (nginx) {
    const result = spawnSync(nginx, ['-v'], { encoding: 'utf8' });
    nginxVersion = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim().replace(/^nginx version:\s*(nginx\/)?/, '') || 'unknown';
  }
  const wrk = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
  const wrkVersion = wrk.error ? 'not installed' : (/^wrk\s+(\S+)/m.exec(`${wrk.stdout}${wrk.stderr}`)?.[1] ?? 'unknown');
  return {
    cpu,
    cores,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    nginx: nginxVersion,
    wrk: wrkVersion,
  };
}

// ---------------------------------------------------------------------------------------------
// Report

const fmtMs = (ms) => `${ms.toFixed(2)} ms`;
const fmtRps = (rps) => Math.round(rps).toLocaleString('en-US');
const fmtAdded = (ms) => `${ms >= 0 ? '+' : '−'}${Math.abs(ms).toFixed(2)} ms`;

function table(legs, results) {
  const direct = results.get('direct')?.stats;
  const chain = results.get('nginx')?.stats;
  const lines = [
    '| leg | req/s | p50 | p90 | p99 | req/s vs nginx chain | added p50 vs direct |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const leg of legs) {
    const result = results.get(leg.key);
    if (!result?.stats) {
      const why = leg.skipped ? 'skipped' : 'failed';
      lines.push(`| ${leg.name} | ${why} | – | – | – | – | – |`);
      continue;
    }
    const s = result.stats;
    const ratio = chain ? `${(s.rps / chain.rps).toFixed(2)}×` : 'n/a';
    const added = leg.key === 'direct' ? '–' : direct ? fmtAdded(s.p50 - direct.p50) : 'n/a';
    lines.push(`| ${leg.name} | ${fmtRps(s.rps)} | ${fmtMs(s.p50)} | ${fmtMs(s.p90)} | ${fmtMs(s.p99)} | ${ratio} | ${added} |`);
  }
  return lines.join('\n');
}

function notes(legs, passes) {
  const lines = [];
  for (const leg of legs) {
    if (leg.error) lines.push(`- ${leg.name}: ${leg.skipped ? 'skipped' : 'setup failed'}: ${leg.error}`);
  }
  for (const pass of passes) {
    for (const leg of legs) {
      const result = pass.results.get(leg.key);
      if (result?.error) lines.push(`- ${pass.title}, ${leg.name}: measurement failed: ${result.error}`);
      for (const note of result?.notes ?? []) lines.push(`- ${pass.title}, ${leg.name}: ${note}`);
    }
  }
  return lines.map((line) => line.replace(/\n/g, '\n  ')).join('\n');
}

function report({ options, legs, passes, host }) {
  const out = [];
  out.push('## Chain benchmark');
  out.push('');
  out.push(`Machine: ${host.cpu}, ${host.cores} cores, ${host.memory}, ${host.kernel}; Node.js ${host.node}, nginx ${host.nginx}, wrk ${host.wrk}.`);
  out.push('');
  out.push(`Every leg reaches the same backend (one Node.js process answering \`200 ok\`), one after another, with the same wrk settings (keep-alive, ${options.duration} s per run after a ${WARMUP_SECONDS} s warm-up that is not counted). ` +
    `nginx runs 1 worker process; on this ${host.cores}-core machine wrk, the proxies and the backend all share the same cores, so req/s measures the whole chain's CPU cost, not a network.`);
  for (const pass of passes) {
    out.push('');
    out.push(`### ${pass.title} (wrk -t${pass.threads} -c${pass.connections} -d${options.duration}s)`);
    out.push('');
    out.push(table(legs, pass.results));
  }
  const light = passes.find((pass) => pass.key === 'light');
  if (light) {
    const direct = light.results.get('direct')?.stats;
    const added = legs
      .filter((leg) => leg.key !== 'direct')
      .map((leg) => {
        const stats = light.results.get(leg.key)?.stats;
        return `${leg.short} ${stats && direct ? fmtAdded(stats.p50 - direct.p50) : 'n/a'}`;
      });
    out.push('');
    out.push(`Median added latency at light load (1 connection; p50 minus the direct p50): ${added.join(', ')}.`);
  }
  const noteText = notes(legs, passes);
  if (noteText) {
    out.push('');
    out.push('Notes:');
    out.push('');
    out.push(noteText);
  }
  return out.join('\n') + '\n';
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
  const host = machine();

  progress('starting the backend');
  const backend = await startBackend();
  progress(`backend on 127.0.0.1:${backend.port}`);

  const legs = [
    { key: 'direct', short: 'direct', name: '(a) backend directly', setup: async () => ({ url: backend.url, detail: `127.0.0.1:${backend.port}` }) },
    { key: 'localvpc', short: 'localvpc', name: '(b) localvpc: API Gateway → VPC link → NLB', setup: setupLocalvpc },
    { key: 'nginx', short: 'nginx chain', name: '(c) nginx: HTTP proxy → TCP stream proxy', setup: setupNginx },
  ];
  for (const leg of legs) {
    if (stopping) return;
    progress(`setting up ${leg.name}`);
    try {
      const { url, detail } = await leg.setup(backend);
      leg.url = url;
      progress(`  ready: ${url} (${detail})`);
    } catch (err) {
      if (stopping) return;
      leg.error = err.message;
      leg.skipped = err instanceof Skip;
      progress(`  ${leg.skipped ? 'skipped' : 'FAILED'}: ${err.message}`);
    }
  }

  const passes = [];
  if (options.heavy) passes.push({ key: 'heavy', title: 'Heavy load', threads: options.threads, connections: options.connections });
  if (options.light) passes.push({ key: 'light', title: 'Light load', threads: 1, connections: 1 });
  for (const pass of passes) {
    pass.results = new Map();
    for (const leg of legs) {
      if (stopping) return;
      if (!leg.url) continue;
      const settings = { threads: pass.threads, connections: pass.connections };
      try {
        progress(`${pass.title}, ${leg.name}: ${WARMUP_SECONDS} s warm-up, then ${options.duration} s`);
        await runWrk(leg.url, { ...settings, seconds: WARMUP_SECONDS });
        const stats = await runWrk(leg.url, { ...settings, seconds: options.duration });
        pass.results.set(leg.key, { stats, notes: wrkNotes(stats) });
        progress(`  ${fmtRps(stats.rps)} req/s, p50 ${fmtMs(stats.p50)}, p99 ${fmtMs(stats.p99)}`);
      } catch (err) {
        if (stopping) return;
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
  if (!stopping) process.stderr.write(`[chain] error: ${err.stack ?? err.message}\n`);
  process.exitCode = 1;
} finally {
  await cleanup();
}

/** Stops a leg's child after its setup failed (so it costs no CPU while the other legs run). */
async function failSetup(child, err, logLabel) {
  const log = logLabel ? child.stderrTail.trim().split('\n').slice(-10).join('\n') : '';
  await stopChild(child);
  if (!log || err instanceof Interrupted) throw err;
  throw new Error(`${err.message}\n  ${logLabel} (last lines):\n${indent(log)}`, { cause: err });
}

// Probes of a leg's target before it is measured. A target is `{ url }` (wrk and the probe call
// the URL) or `{ url, proxy }` (they call the HTTP proxy with the absolute-form request for `url`,
// Host set to the URL's authority, as an HTTP client configured with that proxy does).
import { existsSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { EXPECTED_BODY } from './constants.mjs';
import { describeExit, isRunning } from './children.mjs';

const PROBE_TIMEOUT_MS = 5000;

/** Response headers that tell which hop answered; shown when a probe fails. */
const TELLING_HEADERS = ['server', 'x-amzn-errortype', 'x-amzn-requestid', 'x-amz-apigw-id'];

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort() {
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

export function which(command, extraDirs = []) {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...extraDirs];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

export function describeTarget(target) {
  return target.proxy ? `GET ${target.url} through the proxy ${target.proxy}` : `GET ${target.url}`;
}

/** One GET with a short timeout, on a fresh connection: { status, body, headers } or { error }. */
export function probe(target) {
  return new Promise((resolve) => {
    const url = new URL(target.url);
    const via = target.proxy ? new URL(target.proxy) : url;
    let settled = false;
    const settle = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = http.request({
      host: via.hostname,
      port: Number(via.port || 80),
      method: 'GET',
      path: target.proxy ? target.url : `${url.pathname}${url.search}`,
      headers: { host: url.host },
      agent: false,
    });
    const timer = setTimeout(() => {
      settle({ error: `no answer within ${PROBE_TIMEOUT_MS / 1000} s` });
      req.destroy();
    }, PROBE_TIMEOUT_MS);
    req.on('error', (err) => settle({ error: err.code ? `${err.code} ${err.message}` : err.message }));
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        if (body.length < 10_000) body += chunk;
      });
      res.on('end', () => settle({ status: res.statusCode, body, headers: res.headers }));
      res.on('error', (err) => settle({ error: err.message }));
    });
    req.end();
  });
}

export function describeProbe(target, result) {
  if (result.error) return `${describeTarget(target)} failed: ${result.error}`;
  const body = result.body.length > 300 ? `${result.body.slice(0, 300)}…` : result.body;
  const telling = TELLING_HEADERS.filter((name) => result.headers?.[name] !== undefined).map((name) => `${name}: ${result.headers[name]}`);
  return `${describeTarget(target)} answered ${result.status} ${JSON.stringify(body)}${telling.length ? ` [${telling.join('; ')}]` : ''} (expected 200 ${JSON.stringify(EXPECTED_BODY)})`;
}

export const isOk = (result) => !result.error && result.status === 200 && result.body === EXPECTED_BODY;

/** Warms a leg up with a few requests; each must answer 200 `ok`. */
export async function checkTarget(target, attempts = 5) {
  for (let i = 0; i < attempts; i++) {
    const result = await probe(target);
    if (!isOk(result)) throw new Error(describeProbe(target, result));
  }
}

/** Polls until the target answers 200 `ok` (a proxy that is still starting), or the child exits. */
export async function waitForTarget(target, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (child && !isRunning(child)) throw new Error(describeExit(child, await child.exited));
    last = await probe(target);
    if (isOk(last)) return;
    await sleep(50);
  }
  throw new Error(`not ready after ${timeoutMs / 1000} s: ${describeProbe(target, last)}`);
}

/**
 * localvpc's own API under /_localvpc/ on the AWS endpoint (not an AWS API): readiness, status,
 * vantage proxies for `exec`/`proxy`, and the CA bundle. JSON in, JSON out; errors are
 * `{"message": ...}` with 400/404.
 */
import { readFileSync } from 'node:fs';
import type { HttpRequest, HttpResponse } from '../protocol/types.js';
import type { AdminHandler } from '../gateway/server.js';
import type { Store } from '../state/store.js';
import type { Dataplane } from '../dataplane/index.js';
import type { LocalVpcConfig } from './config.js';
import { SERVICES } from './services.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export function createAdminApi(deps: { config: LocalVpcConfig; store: Store; dataplane: Dataplane; endpoint: () => string }): AdminHandler {
  const startedAt = Date.now();
  const proxies = new Map<string, { id: string; from: string; url: string; close(): Promise<void> }>();
  let nextId = 1;

  return async (req: HttpRequest): Promise<HttpResponse | undefined> => {
    const path = req.path.replace(/\/+$/, '');
    try {
      if (req.method === 'GET' && path === '/_localvpc/health') {
        return json(200, { status: 'running', version: VERSION, services: [...SERVICES.keys()], uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) });
      }
      if (req.method === 'GET' && path === '/_localvpc/status') {
        const s = deps.dataplane.status();
        return json(200, {
          endpoint: deps.endpoint(),
          ...(deps.dataplane.dns ? { dns: deps.dataplane.dns.description } : {}),
          stateDir: deps.config.stateDir,
          timeScale: deps.config.timeScale,
          execUserData: deps.config.execUserData,
          resources: deps.store.counts(),
          ...s,
          vantageProxies: [...proxies.values()].map(({ id, from, url }) => ({ id, from, url })),
        });
      }
      if (req.method === 'GET' && path === '/_localvpc/ca') {
        return json(200, { bundlePath: await deps.dataplane.caBundlePath(), caCertPath: await deps.dataplane.caCertPath() });
      }
      if (req.method === 'POST' && path === '/_localvpc/vantage-proxies') {
        const body = parseJson(req.body) as { from?: unknown; port?: unknown };
        const from = typeof body.from === 'string' && body.from ? body.from : 'internet';
        const port = body.port === undefined || body.port === null ? undefined : Number(body.port);
        if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) return json(400, { message: `port must be 0..65535, got ${String(body.port)}` });
        const proxy = await deps.dataplane.openVantageProxy(from, port);
        const id = `vp-${nextId++}`;
        proxies.set(id, { id, from, url: proxy.url, close: proxy.close });
        return json(201, { id, from, url: proxy.url, caBundle: await deps.dataplane.caBundlePath() });
      }
      const m = /^\/_localvpc\/vantage-proxies\/([^/]+)$/.exec(path);
      if (req.method === 'DELETE' && m) {
        const p = proxies.get(m[1]!);
        if (!p) return json(404, { message: `no vantage proxy ${m[1]}` });
        proxies.delete(p.id);
        await p.close();
        return { status: 204, headers: {}, body: '' };
      }
      return json(404, { message: `no such localvpc admin route: ${req.method} ${path}` });
    } catch (e) {
      return json(400, { message: (e as Error).message });
    }
  };
}

function json(status: number, body: unknown): HttpResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new Error('request body is not JSON');
  }
}

/**
 * The execute-api front door: TLS on port 443 of its host address (public-services.ts), the
 * place `https://{api}.execute-api.{region}.amazonaws.com` reaches through a vantage proxy.
 * API Gateway serves HTTPS only (apigateway-rest.md §2.1).
 *
 * The certificate is issued by the local CA for `*.execute-api.{region}.amazonaws.com` (and
 * `execute-api.{region}.amazonaws.com`), one per region on first use, picked by SNI; a name
 * that is not an execute-api name gets the default region's (us-east-1). Certificates are made
 * on first use, not at start (loading the X.509 library costs ~200 ms), so a client that sends
 * no SNI at all cannot complete the handshake.
 *
 * SNI naming a REGIONAL or EDGE custom domain gets that domain's ACM certificate
 * (custom-domain-certificates.ts), so `https://api.example.com` verifies once Route 53 points the
 * name at API Gateway (apigateway-rest.md §1.10).
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import tls from 'node:tls';
import type { Logger } from '../../kernel/log.js';
import type { PortMap } from '../listeners/port-map.js';
import { EXECUTE_API_HOST_ADDRESS } from '../network/public-services.js';
import type { LocalCa } from '../tls/ca.js';

const DEFAULT_REGION = 'us-east-1';
const REGION_OF_NAME = /(?:^|\.)execute-api\.([a-z0-9-]+)\.amazonaws\.com$/;

export interface FrontDoor {
  readonly hostAddress: string;
  readonly boundPort: number;
  close(): Promise<void>;
}

export interface FrontDoorOptions {
  readonly ca: () => Promise<LocalCa>;
  readonly portMap: PortMap;
  readonly logger: Logger;
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** The certificate of a public custom domain named by SNI, when it has one. */
  readonly customDomain?: (servername: string) => tls.SecureContext | undefined;
}

export async function startFrontDoor(options: FrontDoorOptions): Promise<FrontDoor> {
  const contexts = new Map<string, Promise<tls.SecureContextOptions>>();
  const credentialsFor = (region: string) => {
    let ctx = contexts.get(region);
    if (!ctx) {
      ctx = options.ca().then(async (ca) => {
        const cert = await ca.issue([`*.execute-api.${region}.amazonaws.com`, `execute-api.${region}.amazonaws.com`]);
        return { cert: cert.certPem + cert.chainPem, key: cert.keyPem };
      });
      ctx.catch(() => contexts.delete(region));
      contexts.set(region, ctx);
    }
    return ctx;
  };
  const secureContexts = new Map<string, tls.SecureContext>();
  const server = https.createServer(
    {
      SNICallback: (servername, callback) => {
        const custom = options.customDomain?.(servername);
        if (custom) return callback(null, custom);
        const region = REGION_OF_NAME.exec(servername.toLowerCase())?.[1] ?? DEFAULT_REGION;
        const ready = secureContexts.get(region);
        if (ready) return callback(null, ready);
        credentialsFor(region).then(
          (credentials) => {
            const ctx = secureContexts.get(region) ?? tls.createSecureContext(credentials);
            secureContexts.set(region, ctx);
            callback(null, ctx);
          },
          (e: unknown) => callback(e instanceof Error ? e : new Error(String(e))),
        );
      },
      keepAliveTimeout: 60_000,
    },
    options.handler,
  );
  server.on('tlsClientError', (e) => options.logger.debug('execute-api TLS error', { error: e.message }));
  const boundPort = await options.portMap.listen(server, EXECUTE_API_HOST_ADDRESS, 443);
  return {
    hostAddress: EXECUTE_API_HOST_ADDRESS,
    boundPort,
    close: () =>
      new Promise<void>((resolve) => {
        options.portMap.release(EXECUTE_API_HOST_ADDRESS, 443);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

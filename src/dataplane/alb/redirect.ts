/**
 * The `redirect` action (elbv2-vpc-endpoints.md §1.9; ALB user guide, "Redirect actions"):
 * `protocol://host:port/path?query`, each component either configured or kept from the request
 * through the reserved keywords:
 *
 * - `#{protocol}`: `http` or `https`, the listener's protocol;
 * - `#{host}`: the host name the client sent (Host header, without its port);
 * - `#{port}`: the listener port;
 * - `#{path}`: the request path without its leading `/` (so the default path `/#{path}` keeps it);
 * - `#{query}`: the query string without its `?`.
 *
 * Components left out keep their value (Protocol `#{protocol}`, Host `#{host}`, Port `#{port}`,
 * Path `/#{path}`, Query `#{query}`). The Location always names the port, also the protocol's
 * default one (`https://example.com:443/`, as ALB redirects are observed to) [infer from
 * captures]; an empty query leaves no `?`.
 *
 * `HTTP_301` answers `301 Moved Permanently`, `HTTP_302` `302 Found`, with the ALB's own page
 * (local-reply.ts) and the Location header after the common ones.
 */
import type { ListenerAction } from '../../state/records/elbv2.js';
import { errorPage, type LocalReply } from './local-reply.js';

export interface RedirectSource {
  readonly protocol: 'http' | 'https';
  /** Host header name without the port; the node's address when the request had none. */
  readonly host: string;
  readonly port: number;
  /** The request path as received (starts with `/`), without the query. */
  readonly path: string;
  /** The query string as received, without `?`; empty when there was none. */
  readonly query: string;
}

export function redirectLocation(config: NonNullable<ListenerAction['RedirectConfig']>, from: RedirectSource): string {
  const fill = (template: string) =>
    template.replace(/#\{(protocol|host|port|path|query)\}/g, (_m, key: string) => {
      switch (key) {
        case 'protocol':
          return from.protocol;
        case 'host':
          return from.host;
        case 'port':
          return String(from.port);
        case 'path':
          return from.path.replace(/^\//, '');
        default:
          return from.query;
      }
    });
  const protocol = fill(config.Protocol ?? '#{protocol}').toLowerCase();
  const host = fill(config.Host ?? '#{host}');
  const port = fill(config.Port ?? '#{port}');
  const path = fill(config.Path ?? '/#{path}');
  const query = fill(config.Query ?? '#{query}');
  return `${protocol}://${host}:${port}${path}${query ? `?${query}` : ''}`;
}

export function redirectResponse(config: NonNullable<ListenerAction['RedirectConfig']>, from: RedirectSource, now = new Date()): LocalReply {
  const status = config.StatusCode === 'HTTP_302' ? 302 : 301;
  return errorPage(status, { now, extra: [['Location', redirectLocation(config, from)]] });
}

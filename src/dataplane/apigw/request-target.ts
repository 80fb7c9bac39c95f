/**
 * From where a request came in and what it names to the API, stage and resource path that serve
 * it, or the refusal (apigateway-rest.md §5 steps 1–3):
 *
 * 1. host-routing.ts picks an API or a custom domain (or refuses: 403 Forbidden);
 * 2. an API named directly serves the stage of the first path segment (§2.1);
 * 3. a PRIVATE custom domain reached through an endpoint with an access association must be
 *    admitted by the domain's policy (§3 [doc]); then custom-domain-routing.ts maps the path
 *    (no mapping → 403 Forbidden [inf], §2.9).
 *
 * Which APIs each arrival may reach is checked once the API is known (apiRefusal).
 */
import { firstSegment, mapBasePath } from './custom-domain-routing.js';
import { resolveHost, type ApiForm, type Arrival } from './host-routing.js';
import { domainArn, domainDenial, type ConditionKeys } from './invoke-authorization.js';
import type { ApiEntry, ApiGwSnapshot, DomainNameEntry } from './snapshot.js';

export interface RequestTarget {
  readonly apiId: string;
  /** The region the name (or the custom domain, or the endpoint) belongs to. */
  readonly region: string;
  readonly stageName: string;
  /** After the stage (and base path): `/x`, `/` or `` (routes.ts). */
  readonly resourcePath: string;
  /** How the API was reached: one of its default execute-api forms, or a custom domain. */
  readonly via: ApiForm | 'path-style' | 'custom-domain';
  readonly domain?: DomainNameEntry;
}

export type Refusal =
  /** 403 `{"message":"Forbidden"}`. */
  | { readonly kind: 'forbidden'; readonly reason: string }
  /** 403 AccessDeniedException with `message`. */
  | { readonly kind: 'denied'; readonly message: string; readonly reason: string };

export function requestTarget(snapshot: ApiGwSnapshot, arrival: Arrival, host: string, apiIdHeader: string | undefined, path: string, keys: () => ConditionKeys): RequestTarget | Refusal {
  const resolved = resolveHost(snapshot, arrival, host, apiIdHeader);
  switch (resolved.kind) {
    case 'forbidden':
      return resolved;
    case 'api': {
      const stageName = firstSegment(path);
      return { apiId: resolved.apiId, region: resolved.region, stageName, resourcePath: path.slice(stageName.length + 1), via: resolved.form };
    }
    case 'custom-domain': {
      const domain = resolved.domain;
      if (domain.endpointType === 'PRIVATE') {
        const message = domainDenial(domain.policy, domainArn(domain.region, domain.domainName, domain.domainNameId), keys());
        if (message) return { kind: 'denied', message, reason: `the policy of the private custom domain ${domain.domainName} denies` };
      }
      const mapped = mapBasePath(domain, path);
      if (!mapped) return { kind: 'forbidden', reason: `no base path mapping of ${domain.domainName} matches ${path}` };
      return { apiId: mapped.restApiId, region: domain.region, stageName: mapped.stageName, resourcePath: mapped.resourcePath, via: 'custom-domain', domain };
    }
  }
}

/**
 * Why `api` may not serve `target` for this arrival (403 Forbidden), or undefined:
 * - the API must exist in the region the request named;
 * - the public door and path style never reach a PRIVATE API (its names resolve only inside
 *   VPCs, §5 step 2 [doc][inf]);
 * - an endpoint reaches APIs named directly only when they are PRIVATE (§3 [doc], checklist 38);
 *   through a custom domain it serves whatever the mapping names (the ALB "trick", §3 [obs]);
 * - `disableExecuteApiEndpoint` closes the default endpoint forms, not custom domains (§2.1
 *   [doc], checklist 40).
 */
export function apiRefusal(api: ApiEntry | undefined, target: RequestTarget, arrival: Arrival): string | undefined {
  if (!api || api.region !== target.region) return `no API ${target.apiId} in ${target.region}`;
  if (arrival.kind === 'front-door' && api.endpointType === 'PRIVATE') return `${api.id} is PRIVATE: reachable only through an execute-api VPC endpoint`;
  if (arrival.kind === 'vpc-endpoint' && target.via !== 'custom-domain' && api.endpointType !== 'PRIVATE') return `${api.id} is ${api.endpointType}: VPC endpoints route only to private APIs`;
  if (target.via !== 'custom-domain' && api.disableExecuteApiEndpoint) return `the default endpoint of ${api.id} is disabled`;
  return undefined;
}

/** `a` of `a.b.c` (`$context.domainPrefix`). */
export function domainPrefix(domainName: string): string {
  const dot = domainName.indexOf('.');
  return dot < 0 ? domainName : domainName.slice(0, dot);
}

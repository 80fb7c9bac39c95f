/**
 * Listener rules compiled for the ALB data plane (elbv2-vpc-endpoints.md §1.10): the stored
 * conditions become matchers once per snapshot, so a request only runs regular expressions.
 *
 * Wildcards: `*` matches 0 or more characters, `?` exactly one; every other character is
 * literal. Patterns are anchored (the whole host, path, header value, key or value must match).
 * - host-header: case-insensitive ("A hostname is case-insensitive").
 * - path-pattern: case-sensitive.
 * - http-header: name case-insensitive without wildcards; values case-insensitive.
 * - http-request-method: exact, case-sensitive.
 * - query-string: keys and values case-insensitive; `\*`, `\?` (and `\\`) stand for the literal
 *   character ("To search for a literal '*' or '?' character … escape these characters in Values
 *   using a '\' character", API reference QueryStringConditionConfig).
 * - source-ip: IPv4 and IPv6 CIDRs.
 *
 * A value the compiler cannot use (a malformed CIDR: the control plane validates, so this only
 * guards inconsistent records) is left out and reported; a condition left without values never
 * matches.
 */
import net from 'node:net';
import type { Listener, ListenerAction, ListenerRule, RuleCondition } from '../../state/records/elbv2.js';
import type { ConditionMatcher, QueryPairMatcher, RuleEntry } from './snapshot.js';

/** A wildcard value as an anchored regular expression. */
export function wildcardPattern(value: string, options: { ignoreCase: boolean; escapes?: boolean }): RegExp {
  let source = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (options.escapes && c === '\\' && i + 1 < value.length) source += escapeRegExp(value[++i]!);
    else if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`, options.ignoreCase ? 'is' : 's');
}

function escapeRegExp(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

/** Actions in the order they run: by Order, ties (and unordered single actions) as stored. */
export function orderedActions(actions: readonly ListenerAction[]): readonly ListenerAction[] {
  return Object.freeze(
    actions
      .map((a, i) => ({ a, i }))
      .sort((x, y) => (x.a.Order ?? Infinity) - (y.a.Order ?? Infinity) || x.i - y.i)
      .map((x) => x.a),
  );
}

export function compileRule(rule: ListenerRule, issues: string[]): RuleEntry {
  return Object.freeze({
    arn: rule.id,
    priority: rule.priority,
    conditions: Object.freeze(rule.conditions.map((c) => compileCondition(c, (m) => issues.push(`rule ${rule.priority}: ${m}`)))),
    actions: orderedActions(rule.actions),
  });
}

/** The listener's default rule: no conditions, its default actions (§1.10). */
export function defaultRule(listener: Pick<Listener, 'id' | 'defaultActions'>): RuleEntry {
  return Object.freeze({ arn: listener.id, priority: 'default' as const, conditions: Object.freeze([]), actions: orderedActions(listener.defaultActions) });
}

export function compileCondition(c: RuleCondition, report: (message: string) => void): ConditionMatcher {
  switch (c.Field) {
    case 'host-header':
      return { field: 'host-header', patterns: patterns(c.HostHeaderConfig?.Values ?? c.Values, { ignoreCase: true }) };
    case 'path-pattern':
      return { field: 'path-pattern', patterns: patterns(c.PathPatternConfig?.Values ?? c.Values, { ignoreCase: false }) };
    case 'http-header':
      return {
        field: 'http-header',
        headerName: (c.HttpHeaderConfig?.HttpHeaderName ?? '').toLowerCase(),
        patterns: patterns(c.HttpHeaderConfig?.Values, { ignoreCase: true }),
      };
    case 'http-request-method':
      return { field: 'http-request-method', methods: Object.freeze([...(c.HttpRequestMethodConfig?.Values ?? [])]) };
    case 'query-string':
      return {
        field: 'query-string',
        pairs: Object.freeze(
          (c.QueryStringConfig?.Values ?? []).map(
            (v): QueryPairMatcher => ({
              key: v.Key === undefined ? undefined : wildcardPattern(v.Key, { ignoreCase: true, escapes: true }),
              value: wildcardPattern(v.Value, { ignoreCase: true, escapes: true }),
            }),
          ),
        ),
      };
    case 'source-ip':
      return { field: 'source-ip', networks: blockList(c.SourceIpConfig?.Values ?? [], report) };
  }
}

function patterns(values: readonly string[] | undefined, options: { ignoreCase: boolean }): readonly RegExp[] {
  return Object.freeze((values ?? []).map((v) => wildcardPattern(v, options)));
}

function blockList(cidrs: readonly string[], report: (message: string) => void): net.BlockList {
  const list = new net.BlockList();
  for (const text of cidrs) {
    const slash = text.indexOf('/');
    const address = slash < 0 ? text : text.slice(0, slash);
    const family = net.isIPv4(address) ? 'ipv4' : net.isIPv6(address) ? 'ipv6' : undefined;
    const prefix = slash < 0 ? (family === 'ipv6' ? 128 : 32) : Number(text.slice(slash + 1));
    const max = family === 'ipv6' ? 128 : 32;
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      report(`source-ip value '${text}' is not a CIDR block; left out`);
      continue;
    }
    list.addSubnet(address, prefix, family);
  }
  return list;
}

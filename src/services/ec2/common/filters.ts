import type { Tag } from '../../../state/records/ec2.js';
import { AwsError } from '../../../kernel/errors.js';
import { invalidParameterValue } from './errors.js';

/**
 * EC2 Describe* filters (`Filter.N.Name`, `Filter.N.Value.M`). Within a filter the values are
 * OR-ed, across filters AND-ed; values may use `*` and `?` wildcards; `tag:<key>`, `tag-key` and
 * `tag-value` work on every taggable resource (ec2-route53-acm.md §1.14). An unknown filter name
 * is refused as EC2 refuses it: `InvalidParameterValue`, `The filter 'x' is invalid`.
 */
export interface Filter {
  Name?: string;
  Values?: string[];
}

/** Accessors per filter name: the values of that attribute on one item. */
export type FilterFields<T> = Record<string, (item: T) => string | number | boolean | undefined | readonly (string | number | boolean | undefined)[]>;

const patternCache = new Map<string, RegExp>();

function matcher(value: string): (candidate: string) => boolean {
  if (!value.includes('*') && !value.includes('?')) return (c) => c === value;
  let re = patternCache.get(value);
  if (!re) {
    const src = value.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${src}$`, 's');
    patternCache.set(value, re);
  }
  const r = re;
  return (c) => r.test(c);
}

export function applyFilters<T extends { tags?: readonly Tag[] }>(items: readonly T[], filters: readonly Filter[] | undefined, fields: FilterFields<T>): T[] {
  if (!filters || filters.length === 0) return [...items];
  const tests = filters.map((f) => {
    const name = f.Name ?? '';
    const wanted = (f.Values ?? []).map(matcher);
    let get: (item: T) => readonly (string | number | boolean | undefined)[];
    if (name.startsWith('tag:')) {
      const key = name.slice(4);
      get = (item) => (item.tags ?? []).filter((t) => t.Key === key).map((t) => t.Value);
    } else if (name === 'tag-key') {
      get = (item) => (item.tags ?? []).map((t) => t.Key);
    } else if (name === 'tag-value') {
      get = (item) => (item.tags ?? []).map((t) => t.Value);
    } else {
      const field = fields[name];
      if (!field) throw invalidParameterValue(`The filter '${name}' is invalid`);
      get = (item) => {
        const v = field(item);
        return Array.isArray(v) ? v : [v as string | number | boolean | undefined];
      };
    }
    return (item: T) => {
      const values = get(item);
      return values.some((v) => v !== undefined && wanted.some((m) => m(String(v))));
    };
  });
  return items.filter((item) => tests.every((t) => t(item)));
}

/**
 * Refuses unknown filter names with another code than `InvalidParameterValue`: the VPC endpoint
 * operations answer `InvalidFilter` `The filter 'vpc-id' is invalid` (observed for
 * DescribeVpcEndpointServices, mondoohq/mql#4454). Run it before `applyFilters`.
 */
export function checkFilterNames(filters: readonly Filter[] | undefined, known: Readonly<Record<string, unknown>>, code: string): void {
  for (const f of filters ?? []) {
    const name = f.Name ?? '';
    if (name.startsWith('tag:') || name === 'tag-key' || name === 'tag-value' || Object.hasOwn(known, name)) continue;
    throw new AwsError(code, `The filter '${name}' is invalid`);
  }
}

/**
 * Route 53's page sizes (ec2-route53-acm.md §2.3, §2.8): `maxitems` travels as a string and is
 * echoed as one in `MaxItems`. Lists of zones return at most 100 per page and record sets at most
 * 300; a larger request returns that many (ListHostedZones docs: "If you set MaxItems to a value
 * greater than 100, Route 53 returns only the first 100").
 */
import { invalidInput } from './errors.js';

export interface PageSize {
  /** Items to return. */
  readonly size: number;
  /** What `MaxItems` echoes. */
  readonly echo: string;
}

export function pageSize(requested: string | number | undefined, fallback: number, max: number): PageSize {
  if (requested === undefined || requested === '') return { size: fallback, echo: String(fallback) };
  const text = String(requested);
  // Wording [infer]: AWS's text for a non-numeric maxitems is not recorded.
  if (!/^\d+$/.test(text) || Number(text) < 1) throw invalidInput(`Invalid value for maxitems: '${text}'. It must be a positive integer.`);
  return { size: Math.min(Number(text), max), echo: text };
}

/**
 * `Matcher.HttpCode` of a target group's health check, compiled to a predicate over response
 * status codes. Grammar (elbv2-vpc-endpoints.md §1.5, "Matcher grammar"): a comma-separated list
 * of codes (`200`) and inclusive ranges (`200-399`), e.g. `200,403` or `200-299,404`.
 *
 * The control plane validates the value before it is stored; a part that still does not parse
 * (a record written by hand) matches nothing, so a bad matcher fails its checks instead of
 * passing them.
 */

/** Default when a health check has no matcher: `200` (ALB target groups, §1.5 table). */
export const DEFAULT_HTTP_CODE = '200';

export type StatusMatcher = (status: number) => boolean;

export function compileHttpCodeMatcher(spec: string | undefined): StatusMatcher {
  const ranges: [number, number][] = [];
  for (const part of (spec ?? DEFAULT_HTTP_CODE).split(',')) {
    const m = /^\s*(\d{3})\s*(?:-\s*(\d{3})\s*)?$/.exec(part);
    if (!m) continue;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (lo <= hi) ranges.push([lo, hi]);
  }
  return (status) => ranges.some(([lo, hi]) => status >= lo && status <= hi);
}

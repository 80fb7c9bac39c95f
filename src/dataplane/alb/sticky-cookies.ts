/**
 * The stickiness cookies an ALB issues (elbv2-vpc-endpoints.md §2.1; ALB user guide, "Sticky
 * sessions"):
 *
 * - target stickiness, `stickiness.type` `lb_cookie`: `AWSALB`, plus `AWSALBCORS` carrying the
 *   same value with `SameSite=None; Secure` for cross-origin requests; both are set on every
 *   response with a fresh expiry of `stickiness.lb_cookie.duration_seconds` ("the Application
 *   Load Balancer resets the expiry of the cookies it generates after every request");
 * - target group stickiness (`ForwardConfig.TargetGroupStickinessConfig`): `AWSALBTG` and
 *   `AWSALBTGCORS` the same way, with the action's `DurationSeconds`.
 *
 * Cookies carry `Expires` (not `Max-Age`) and `Path=/` (observed `AWSALB=…; Expires=…; Path=/`).
 * AWS encrypts the value with a rotating key; localvpc's value is an opaque base64 encoding of
 * what it names (the target's registration, or the target group), which round-trips across
 * restarts. A value that does not decode is ignored, as AWS ignores one it cannot decrypt. URL-
 * encoded cookie values are not supported (AWS: "do not support cookie values that are URL
 * encoded"), so the value is read as sent.
 */

export const TARGET_COOKIE = 'AWSALB';
export const TARGET_CORS_COOKIE = 'AWSALBCORS';
export const TARGET_GROUP_COOKIE = 'AWSALBTG';
export const TARGET_GROUP_CORS_COOKIE = 'AWSALBTGCORS';

const PREFIX = 'lvpc1:';

/** The value of cookie `name` in the request's Cookie headers (the first occurrence). */
export function readCookie(rawHeaders: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() !== 'cookie') continue;
    for (const part of rawHeaders[i + 1]!.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0) continue;
      if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
    }
  }
  return undefined;
}

export function encodeSticky(subject: string): string {
  return Buffer.from(PREFIX + subject, 'utf8').toString('base64');
}

/** What an encoded value names; undefined when it is not one of localvpc's. */
export function decodeSticky(value: string | undefined): string | undefined {
  if (!value || !/^[A-Za-z0-9+/]+=*$/.test(value)) return undefined;
  const text = Buffer.from(value, 'base64').toString('utf8');
  return text.startsWith(PREFIX) ? text.slice(PREFIX.length) : undefined;
}

/** The two Set-Cookie values of one stickiness cookie pair, expiring `durationSeconds` after `now`. */
export function stickyCookies(name: string, corsName: string, subject: string, durationSeconds: number, now: Date): [string, string] {
  const value = encodeSticky(subject);
  const expires = new Date(now.getTime() + durationSeconds * 1000).toUTCString();
  return [`${name}=${value}; Expires=${expires}; Path=/`, `${corsName}=${value}; Expires=${expires}; Path=/; SameSite=None; Secure`];
}

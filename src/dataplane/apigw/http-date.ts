/**
 * The current time as an HTTP date (IMF-fixdate, RFC 9110 §5.6.7), computed at most once per
 * second: every API Gateway request and response carries one.
 */
let cachedSecond = -1;
let cachedText = '';

export function httpDate(nowMs: number = Date.now()): string {
  const second = Math.floor(nowMs / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedText = new Date(second * 1000).toUTCString();
  }
  return cachedText;
}

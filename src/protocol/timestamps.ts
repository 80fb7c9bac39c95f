/**
 * Timestamp reading and writing for the wire formats botocore names `iso8601`, `unixTimestamp`
 * and `rfc822` (Smithy date-time, epoch-seconds, http-date).
 *
 * Defaults per protocol (aws-protocols.md §2–§6): query, ec2 and restXml bodies use ISO 8601
 * (`2016-03-25T21:26:12.920Z`); JSON bodies use epoch seconds; HTTP headers use http-date.
 */
import type { TimestampFormat } from './model.js';

/**
 * Output values may be a Date, an ISO (or any Date-parsable) string, or an epoch number in
 * seconds. Numbers above 1e11 are taken as milliseconds: 1e11 seconds is the year 5138, and a
 * service passing `Date.now()` should not land there.
 */
export function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return new Date(Math.abs(value) > 1e11 ? value : value * 1000);
  }
  if (typeof value === 'string') return parseTimestamp(value);
  return undefined;
}

const EPOCH = /^-?\d+(\.\d+)?$/;
/** V8's Date.parse is lenient; only ISO 8601 dates and http-dates get that far. */
const ISO_OR_HTTP_DATE = /^(\d{4}-\d{2}-\d{2}|[A-Za-z]{3}, )/;

/**
 * Reads a timestamp from wire text in any of the three formats (clients differ: botocore sends
 * `2015-01-25T08:00:00Z`, v3 adds milliseconds; both accept epoch numbers). Undefined when the
 * text is none of them.
 */
export function parseTimestamp(text: string): Date | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (EPOCH.test(t)) {
    const d = new Date(Number(t) * 1000);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  if (!ISO_OR_HTTP_DATE.test(t)) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** ISO 8601 with milliseconds and `Z`, as AWS writes it. */
export function formatIso(d: Date): string {
  return d.toISOString();
}

/** Epoch seconds, fractional when the date has milliseconds. */
export function formatEpochSeconds(d: Date): number {
  return d.getTime() / 1000;
}

/** RFC 7231 http-date (`Wed, 21 Oct 2015 07:28:00 GMT`). */
export function formatHttpDate(d: Date): string {
  return d.toUTCString();
}

/** Writes a date in the given format; strings for text formats, a number for epoch seconds. */
export function formatTimestamp(d: Date, format: TimestampFormat): string | number {
  switch (format) {
    case 'iso8601':
      return formatIso(d);
    case 'unixTimestamp':
      return formatEpochSeconds(d);
    case 'rfc822':
      return formatHttpDate(d);
  }
}

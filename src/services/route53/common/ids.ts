/**
 * Route 53 ids (ec2-route53-acm.md §2.1): hosted zones `Z` + uppercase alphanumerics (current ones
 * are 21 characters beginning `Z0`, e.g. `Z00090642S8F2T4TXPD0J`); changes `C` + the same shape
 * (`C08306303J11Q4EV6SCQD`). On the wire both travel prefixed (`/hostedzone/…`, `/change/…`).
 */
import { randomBytes } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function upperAlnum(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += UPPER_ALNUM[bytes[i]! % UPPER_ALNUM.length];
  return out;
}

/** A fresh 21-character id `${letter}0…` for which `taken` is false. */
function freshId(letter: 'Z' | 'C', taken: (id: string) => boolean): string {
  for (;;) {
    const id = `${letter}0${upperAlnum(19)}`;
    if (!taken(id)) return id;
  }
}

export const freshZoneId = (taken: (id: string) => boolean): string => freshId('Z', taken);
export const freshChangeId = (taken: (id: string) => boolean): string => freshId('C', taken);

export const zoneIdOnWire = (id: string): string => `/hostedzone/${id}`;
export const changeIdOnWire = (id: string): string => `/change/${id}`;

/**
 * The bare id of a value that may still carry its prefix. The codec strips it from ResourceId
 * members already (aws-protocols.md §5); this covers members of other shapes (TagResourceId) and
 * handler callers.
 */
export function bareId(value: string): string {
  return value.replace(/^\/(hostedzone|change|delegationset|healthcheck)\//, '');
}

import { randomBytes, randomUUID } from 'node:crypto';

/** Account every resource belongs to (DESIGN.md, external contract). */
export const ACCOUNT_ID = '000000000000';

/**
 * EC2-style resource id: `<prefix>-` and 17 lowercase hex digits, the long format every EC2
 * resource type has used since 2018 (ec2-route53-acm.md §1.1).
 */
export function ec2Id(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString('hex').slice(0, 17)}`;
}

/** Lowercase hex of the given length. */
export function hexId(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Lowercase alphanumeric id, e.g. API Gateway's 10-character rest API ids. */
export function alnumId(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[bytes[i]! % ALNUM.length];
  return out;
}

export function requestId(): string {
  return randomUUID();
}

export function uuid(): string {
  return randomUUID();
}

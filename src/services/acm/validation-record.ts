/**
 * The DNS validation record of one domain name (ec2-route53-acm.md §3.4):
 *
 *   Name   `_<32 hex>.<domain>.`
 *   Value  `_<32 hex>.<10 lowercase letters>.acm-validations.aws.`
 *
 * A wildcard `*.example.com` validates through `example.com` (the `*.` label is dropped), so a
 * certificate for both shows the same record twice. ACM derives the record from the account and
 * the domain, so requesting the same name again (in any region) gives the same record (§3.4,
 * [obs] terraform-aws-acm#8, [doc] dns-validation.html); here both parts are hashes of the
 * account and the name, which gives the same property.
 */
import { createHash } from 'node:crypto';
import type { DomainValidation } from '../../state/records/acm.js';

export const VALIDATION_SUFFIX = 'acm-validations.aws.';

/** The name DNS validation proves control of: the domain without a leading `*.`, lowercase. */
export function validationBase(domainName: string): string {
  return domainName.replace(/^\*\./, '').replace(/\.$/, '').toLowerCase();
}

function digest(label: string, accountId: string, base: string): Buffer {
  return createHash('sha256').update(`${label}\n${accountId}\n${base}`).digest();
}

function letters(bytes: Buffer, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += String.fromCharCode(97 + (bytes[i]! % 26));
  return out;
}

/** The pending DNS validation of `domainName` (a SAN of the certificate) for `accountId`. */
export function dnsValidation(accountId: string, domainName: string): DomainValidation {
  const base = validationBase(domainName);
  const name = digest('name', accountId, base).toString('hex').slice(0, 32);
  const value = digest('value', accountId, base);
  return {
    domainName,
    validationDomain: domainName,
    validationStatus: 'PENDING_VALIDATION',
    validationMethod: 'DNS',
    resourceRecord: {
      name: `_${name}.${base}.`,
      type: 'CNAME',
      value: `_${value.subarray(0, 16).toString('hex')}.${letters(value.subarray(16), 10)}.${VALIDATION_SUFFIX}`,
    },
  };
}

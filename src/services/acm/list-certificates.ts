/**
 * ListCertificates (ec2-route53-acm.md §3.6).
 *
 * - `CertificateStatuses`: none means every status.
 * - `Includes.keyTypes`: by default only RSA_2048 certificates are listed; EC certificates need
 *   their key type named (§3.6). The other `Includes` filters are not implemented.
 * - Order: creation time, then ARN; `SortBy` CREATED_AT with `SortOrder` (the two go together,
 *   §3.6) picks the direction.
 * - Paging: `MaxItems` (1–1000, default 1000 [infer]) and an opaque `NextToken` that carries
 *   the sort key of the last certificate returned, so deletions between pages skip nothing.
 *   A token this server did not write is InvalidArgsException [infer].
 */
import { AwsError } from '../../kernel/errors.js';
import { ACM_KIND, type AcmCertificate } from '../../state/records/acm.js';
import type { OperationHandler } from '../context.js';
import { notImplemented, rejectUnsupported, validationException } from './common/errors.js';
import { certificateSummary } from './certificate-wire.js';
import { certificatesInUse } from './in-use.js';

const DEFAULT_MAX_ITEMS = 1000;
const DEFAULT_KEY_TYPES = ['RSA_2048'];

interface ListCertificatesInput {
  CertificateStatuses?: string[];
  Includes?: { keyTypes?: string[] } & Record<string, unknown>;
  NextToken?: string;
  MaxItems?: number;
  SortBy?: string;
  SortOrder?: string;
}

const sortKey = (c: AcmCertificate): string => `${c.createdAt}|${c.id}`;

function encodeToken(key: string): string {
  return Buffer.from(JSON.stringify({ after: key })).toString('base64url');
}

function decodeToken(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // Falls through.
  }
  throw new AwsError('InvalidArgsException', 'The NextToken is not valid.');
}

const listCertificates: OperationHandler = (ctx, input: ListCertificatesInput) => {
  rejectUnsupported('ListCertificates', input as Record<string, unknown>, ['CertificateStatuses', 'Includes', 'NextToken', 'MaxItems', 'SortBy', 'SortOrder']);
  for (const [key, value] of Object.entries(input.Includes ?? {})) {
    if (key !== 'keyTypes' && value !== undefined && !(Array.isArray(value) && value.length === 0)) throw notImplemented(`The filter Includes.${key} of ListCertificates`);
  }
  if ((input.SortBy === undefined) !== (input.SortOrder === undefined)) throw validationException('SortBy and SortOrder must be specified together.');
  const maxItems = input.MaxItems ?? DEFAULT_MAX_ITEMS;
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) throw validationException(`1 validation error detected: Value '${maxItems}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`);
  const statuses = input.CertificateStatuses?.length ? new Set(input.CertificateStatuses) : undefined;
  const keyTypes = new Set(input.Includes?.keyTypes?.length ? input.Includes.keyTypes : DEFAULT_KEY_TYPES);
  const descending = input.SortOrder === 'DESCENDING';
  const after = input.NextToken ? decodeToken(input.NextToken) : undefined;

  const matching = ctx.store
    .list<AcmCertificate>(ACM_KIND.certificate, (c) => c.region === ctx.region && (!statuses || statuses.has(c.status)) && keyTypes.has(c.keyAlgorithm))
    .map((c) => ({ c, key: sortKey(c) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) * (descending ? -1 : 1))
    .filter(({ key }) => after === undefined || (descending ? key < after : key > after));
  const page = matching.slice(0, maxItems);
  const inUse = certificatesInUse(ctx.store);
  return {
    CertificateSummaryList: page.map(({ c }) => certificateSummary(c, inUse.has(c.id))),
    NextToken: matching.length > maxItems ? encodeToken(page.at(-1)!.key) : undefined,
  };
};

export const listCertificateHandlers: Record<string, OperationHandler> = {
  ListCertificates: listCertificates,
};

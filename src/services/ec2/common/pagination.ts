import { invalidParameterValue } from './errors.js';

/**
 * EC2 pagination: `MaxResults` and `NextToken` in, `NextToken` out only when more pages exist
 * (aws-protocols.md §3). Items are paged in a stable order (creation time, then id). The token
 * is opaque to clients: base64 of the offset and the id it points at.
 */
export interface PageRequest {
  MaxResults?: number;
  NextToken?: string;
}

export interface PageLimits {
  /** Smallest MaxResults the operation accepts (DescribeVpcs: 5). */
  min: number;
  /** Largest MaxResults (DescribeVpcs: 1000). */
  max: number;
}

export function paginate<T extends { id: string; createdAt?: string }>(items: readonly T[], req: PageRequest, limits: PageLimits = { min: 5, max: 1000 }): { page: T[]; nextToken?: string } {
  const sorted = [...items].sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.id.localeCompare(b.id));
  let start = 0;
  if (req.NextToken) {
    const decoded = decodeToken(req.NextToken);
    if (!decoded) throw invalidParameterValue(`The token '${req.NextToken}' is invalid`);
    const at = sorted.findIndex((i) => i.id === decoded.id);
    start = at >= 0 ? at : Math.min(decoded.offset, sorted.length);
  }
  if (req.MaxResults === undefined) return { page: sorted.slice(start) };
  if (req.MaxResults < limits.min || req.MaxResults > limits.max) {
    throw invalidParameterValue(`Value ( ${req.MaxResults} ) for parameter maxResults is invalid. Expecting a value between ${limits.min} and ${limits.max}.`);
  }
  const page = sorted.slice(start, start + req.MaxResults);
  const next = sorted[start + req.MaxResults];
  return next ? { page, nextToken: encodeToken(start + req.MaxResults, next.id) } : { page };
}

function encodeToken(offset: number, id: string): string {
  return Buffer.from(JSON.stringify([offset, id])).toString('base64url');
}

function decodeToken(token: string): { offset: number; id: string } | undefined {
  try {
    const [offset, id] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof offset === 'number' && typeof id === 'string') return { offset, id };
  } catch {
    // fall through: not one of our tokens
  }
  return undefined;
}

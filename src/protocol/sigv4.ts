/**
 * Reads the SigV4 credential scope of a request: who (access key), when (date), where (region) and
 * for which service (signing name). Signatures are not verified: any key is accepted by default
 * (DESIGN.md, external contract).
 *
 * Forms (aws-protocols.md §1):
 * - header: `AWS4-HMAC-SHA256 Credential=AKID/YYYYMMDD/REGION/SERVICE/aws4_request,
 *   SignedHeaders=…, Signature=…`
 * - SigV4a: `AWS4-ECDSA-P256-SHA256 Credential=AKID/YYYYMMDD/SERVICE/aws4_request`; no region in
 *   the scope, the region set travels in `X-Amz-Region-Set`
 * - presigned: `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F…%2Faws4_request&…`
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-authentication-methods.html
 */
import { FormError, parseForm } from './form.js';
import type { HttpRequest } from './types.js';

export type SigV4Algorithm = 'AWS4-HMAC-SHA256' | 'AWS4-ECDSA-P256-SHA256';

export interface SigV4Scope {
  readonly algorithm: SigV4Algorithm;
  readonly accessKeyId: string;
  /** `YYYYMMDD` from the scope. */
  readonly date: string;
  /** The scope's region; for SigV4a the first region of `X-Amz-Region-Set` unless it is a wildcard; undefined when absent. */
  readonly region: string | undefined;
  /** The signing name (`ec2`, `elasticloadbalancing`, `apigateway`, …). */
  readonly service: string;
}

const ALGORITHMS: readonly SigV4Algorithm[] = ['AWS4-HMAC-SHA256', 'AWS4-ECDSA-P256-SHA256'];

/** Reads the scope from the Authorization header, else from a presigned query string; undefined when unsigned. */
export function parseSigV4(req: HttpRequest): SigV4Scope | undefined {
  const auth = req.headers['authorization'];
  if (auth) {
    const scope = parseAuthorizationHeader(auth, req.headers['x-amz-region-set']);
    if (scope) return scope;
  }
  if (req.rawQuery.includes('X-Amz-Credential=')) {
    let q: Map<string, string>;
    try {
      q = parseForm(req.rawQuery);
    } catch (e) {
      if (e instanceof FormError) return undefined;
      throw e;
    }
    const credential = q.get('X-Amz-Credential');
    const algorithm = (q.get('X-Amz-Algorithm') ?? 'AWS4-HMAC-SHA256') as SigV4Algorithm;
    if (credential && ALGORITHMS.includes(algorithm)) return parseCredential(algorithm, credential, q.get('X-Amz-Region-Set'));
  }
  return undefined;
}

/** Parses an `Authorization` header value; undefined if it is not a SigV4/SigV4a header. */
export function parseAuthorizationHeader(value: string, regionSet?: string): SigV4Scope | undefined {
  const text = value.trim();
  const space = text.indexOf(' ');
  if (space === -1) return undefined;
  const algorithm = text.slice(0, space) as SigV4Algorithm;
  if (!ALGORITHMS.includes(algorithm)) return undefined;
  for (const part of text.slice(space + 1).split(',')) {
    const p = part.trim();
    if (p.startsWith('Credential=')) return parseCredential(algorithm, p.slice('Credential='.length), regionSet);
  }
  return undefined;
}

/**
 * `AKID/DATE/REGION/SERVICE/aws4_request` (SigV4) or `AKID/DATE/SERVICE/aws4_request` (SigV4a).
 * The service is always the field just before `aws4_request`.
 */
function parseCredential(algorithm: SigV4Algorithm, credential: string, regionSet: string | undefined): SigV4Scope | undefined {
  const fields = credential.trim().split('/');
  if (fields.length < 4 || fields[fields.length - 1] !== 'aws4_request') return undefined;
  const accessKeyId = fields[0]!;
  const date = fields[1]!;
  const service = fields[fields.length - 2]!;
  let region: string | undefined;
  if (algorithm === 'AWS4-HMAC-SHA256') region = fields.length >= 5 ? fields[2] : undefined;
  else {
    const first = regionSet?.split(',')[0]?.trim();
    region = first && !first.includes('*') ? first : undefined;
  }
  if (!accessKeyId || !service) return undefined;
  return { algorithm, accessKeyId, date, region: region || undefined, service };
}

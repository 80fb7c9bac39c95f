/**
 * Custom domain names as the execute-api data plane routes them (apigateway-rest.md §1.10, §2.9,
 * §3): by lowercase name, each with its base path mappings ordered for longest-prefix matching,
 * its ACM certificate (what the TLS listener presents for the name) and, for PRIVATE domains, its
 * policy and the VPC endpoints with an access association.
 */
import { ACM_KIND, type AcmCertificate } from '../../state/records/acm.js';
import { KIND, type BasePathMapping, type DomainName, type DomainNameAccessAssociation } from '../../state/records/apigateway.js';
import type { RecordReader } from '../../state/store.js';
import { parseOrError } from './compile-vpc-endpoints.js';
import type { BasePathMappingEntry, DomainCertificate, DomainNameEntry } from './snapshot.js';
import { pemWithChain } from '../tls/secure-contexts.js';

/** The empty base path as the API spells it (BOTO CreateBasePathMappingRequest.basePath). */
export const NONE_BASE_PATH = '(none)';

export function compileDomainNames(store: RecordReader): Map<string, DomainNameEntry[]> {
  const mappings = new Map<string, BasePathMapping[]>();
  for (const m of store.list<BasePathMapping>(KIND.basePathMapping)) {
    const list = mappings.get(m.domainKey);
    if (list) list.push(m);
    else mappings.set(m.domainKey, [m]);
  }
  const associations = new Map<string, Set<string>>();
  for (const a of store.list<DomainNameAccessAssociation>(KIND.domainNameAccessAssociation)) {
    if (a.accessAssociationSourceType !== 'VPCE') continue;
    const set = associations.get(a.domainNameArn) ?? new Set<string>();
    set.add(a.accessAssociationSource);
    associations.set(a.domainNameArn, set);
  }
  const out = new Map<string, DomainNameEntry[]>();
  for (const d of store.list<DomainName>(KIND.domainName)) {
    const name = d.domainName.toLowerCase();
    const entry: DomainNameEntry = {
      key: d.id,
      domainName: name,
      domainNameId: d.domainNameId,
      domainNameArn: d.domainNameArn,
      region: d.region,
      endpointType: d.endpointType,
      status: d.domainNameStatus,
      policy: d.endpointType === 'PRIVATE' && d.policy !== undefined ? parseOrError(d.policy) : undefined,
      accessAssociations: associations.get(d.domainNameArn) ?? new Set(),
      certificate: certificateOf(store, d.endpointType === 'REGIONAL' ? d.regionalCertificateArn : d.certificateArn),
      mappings: compileMappings(mappings.get(d.id) ?? []),
    };
    const list = out.get(name);
    if (list) list.push(entry);
    else out.set(name, [entry]);
  }
  return out;
}

/** Longest base path first (by segments), `(none)` last (§2.9). */
export function compileMappings(records: readonly Pick<BasePathMapping, 'basePath' | 'restApiId' | 'stage'>[]): BasePathMappingEntry[] {
  return records
    .map((m) => ({
      basePath: m.basePath,
      segments: m.basePath === NONE_BASE_PATH || m.basePath === '' ? [] : m.basePath.split('/').filter((s) => s !== ''),
      restApiId: m.restApiId,
      stage: m.stage === undefined || m.stage === NONE_BASE_PATH || m.stage === '' ? undefined : m.stage,
    }))
    .sort((a, b) => b.segments.length - a.segments.length);
}

/**
 * The PEMs of the domain's certificate: present once ACM issued it or it was imported
 * (state/records/acm.ts); undefined before that.
 */
function certificateOf(store: RecordReader, arn: string | undefined): DomainCertificate | undefined {
  if (!arn) return undefined;
  const cert = store.get<AcmCertificate>(ACM_KIND.certificate, arn);
  if (!cert?.certificatePem || !cert.privateKeyPem) return undefined;
  return { arn, certificatePem: pemWithChain(cert.certificatePem, cert.certificateChainPem), privateKeyPem: cert.privateKeyPem };
}

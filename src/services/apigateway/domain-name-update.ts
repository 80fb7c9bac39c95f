/**
 * UpdateDomainName (PATCH `/domainnames/{name}[?domainNameId=]`, apigateway-rest.md §1.10).
 * Implemented `replace` paths:
 * - `/certificateArn` (EDGE, PRIVATE) and `/regionalCertificateArn` (REGIONAL): the same
 *   certificate checks as CreateDomainName (domain-name-certificate.ts);
 * - `/securityPolicy`;
 * - `/policy` and `/managementPolicy` (PRIVATE only) [doc] (apigateway-private-custom-domains-provider-share-cli);
 * - `/routingMode` (BASE_PATH_MAPPING_ONLY only; routing rules are not implemented).
 * - `/endpointConfiguration/types/{0|current type}` to the current type: a no-op, which Terraform
 *   sends with every certificate change [obs] (terraform-provider-aws domain_name update).
 * Endpoint type migration (to another type), certificate names, mutual TLS,
 * `endpointAccessMode` and ownership verification are not implemented; any other path is a
 * BadRequestException. The domain stays AVAILABLE (AWS shows UPDATING for a while).
 */
import type { OperationContext, OperationHandler } from '../context.js';
import { KIND, type DomainName } from '../../state/records/apigateway.js';
import type { RecordReader } from '../../state/store.js';
import { badRequest, notImplemented } from './common/errors.js';
import { mustGetDomainName } from './common/domain-identity.js';
import { invalidPatchPath, patchOperations, pointerSegments, requireOp, requireValue, type PatchOperation } from './common/patch.js';
import { mustUseCertificate } from './domain-name-certificate.js';
import { domainExecuteApiArn, normaliseDomainPolicy, normaliseManagementPolicy } from './domain-name-policy.js';
import { checkRoutingMode, checkSecurityPolicy } from './domain-name-rules.js';
import { domainNameToWire } from './domain-name.js';

const NOT_IMPLEMENTED_PATHS = ['certificateName', 'regionalCertificateName', 'mutualTlsAuthentication', 'endpointAccessMode', 'ownershipVerificationCertificateArn'];

function privateOnly(d: DomainName, op: PatchOperation): void {
  // Wording [infer].
  if (d.endpointType !== 'PRIVATE') throw badRequest(`Invalid patch path ${op.path}: only PRIVATE custom domain names have a ${op.path.slice(1)}`);
}

/** Keeping the endpoint type is accepted; migrating between EDGE and REGIONAL is not implemented. */
function patchEndpointType(d: DomainName, op: PatchOperation, rest: string[]): DomainName {
  if (rest[0] === 'types' && rest.length === 2 && op.op === 'replace' && (rest[1] === '0' || rest[1] === d.endpointType) && op.value === d.endpointType) return d;
  throw notImplemented(`UpdateDomainName ${op.op} ${op.path} (endpoint type migration)`);
}

function patchDomainName(ctx: OperationContext, reader: RecordReader, d: DomainName, op: PatchOperation): DomainName {
  const [head, ...rest] = pointerSegments(op.path);
  if (NOT_IMPLEMENTED_PATHS.includes(head ?? '')) throw notImplemented(`UpdateDomainName ${op.op} ${op.path}`);
  if (head === 'endpointConfiguration') return patchEndpointType(d, op, rest);
  const check = { region: ctx.region, accountId: ctx.accountId, endpointType: d.endpointType, domainName: d.domainName };
  switch (op.path) {
    case '/certificateArn': {
      requireOp(op, ['replace']);
      if (d.endpointType === 'REGIONAL') throw badRequest('Cannot import certificates for EDGE while REGIONAL is active.');
      const arn = requireValue(op);
      mustUseCertificate(reader, arn, check);
      return { ...d, certificateArn: arn };
    }
    case '/regionalCertificateArn': {
      requireOp(op, ['replace']);
      if (d.endpointType !== 'REGIONAL') throw badRequest(`Cannot import certificates for REGIONAL while ${d.endpointType} is active.`);
      const arn = requireValue(op);
      mustUseCertificate(reader, arn, check);
      return { ...d, regionalCertificateArn: arn };
    }
    case '/securityPolicy':
      requireOp(op, ['replace']);
      return { ...d, securityPolicy: checkSecurityPolicy(requireValue(op), d.endpointType, 'updateDomainNameInput.securityPolicy') };
    case '/routingMode':
      requireOp(op, ['replace']);
      return { ...d, routingMode: checkRoutingMode(requireValue(op), 'updateDomainNameInput.routingMode') };
    case '/policy': {
      requireOp(op, ['replace']);
      privateOnly(d, op);
      const arn = domainExecuteApiArn(ctx.region, ctx.accountId, d.domainName, d.domainNameId!);
      return { ...d, policy: op.value ? normaliseDomainPolicy(op.value, arn) : undefined };
    }
    case '/managementPolicy':
      requireOp(op, ['replace']);
      privateOnly(d, op);
      return { ...d, managementPolicy: op.value ? normaliseManagementPolicy(op.value) : undefined };
    default:
      throw invalidPatchPath(op);
  }
}

const updateDomainName: OperationHandler = (ctx, input: { domainName: string; domainNameId?: string; patchOperations?: PatchOperation[] }) => {
  return ctx.store.transact((tx) => {
    let d = mustGetDomainName(ctx, input.domainName, input.domainNameId, tx);
    for (const op of patchOperations(input)) d = patchDomainName(ctx, tx, d, op);
    tx.put(KIND.domainName, d);
    return domainNameToWire(d);
  });
};

export const domainNameUpdateHandlers: Record<string, OperationHandler> = {
  UpdateDomainName: updateDomainName,
};

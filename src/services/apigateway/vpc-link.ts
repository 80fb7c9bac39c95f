/**
 * VPC links v1: CreateVpcLink, GetVpcLink, GetVpcLinks, UpdateVpcLink, DeleteVpcLink
 * (apigateway-rest.md §1.9). CreateVpcLink answers 202 with `status: PENDING`; reads compute the
 * status from the target NLB (vpc-link-status.ts).
 */
import type { OperationContext, OperationHandler } from '../context.js';
import type { RecordReader } from '../../state/store.js';
import { KIND, type Resource, type VpcLink } from '../../state/records/apigateway.js';
import { AwsError } from '../../kernel/errors.js';
import { badRequest, notFound, rejectUnsupported } from './common/errors.js';
import { freshId } from './common/ids.js';
import { page } from './common/paging.js';
import { invalidPatchPath, patchOperations, requireOp, requireValue, type PatchOperation } from './common/patch.js';
import { validTags } from './common/tags.js';
import { vpcLinkStatus } from '../../state/views/vpc-link-status.js';

/** 20 VPC links per account per Region (§1.9). */
export const VPC_LINK_QUOTA = 20;

const ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:.+$/;

export function vpcLinkToWire(reader: RecordReader, link: VpcLink, status = vpcLinkStatus(reader, link)): Record<string, unknown> {
  return {
    id: link.id,
    name: link.name,
    description: link.description,
    targetArns: [...link.targetArns],
    status: status.status,
    statusMessage: status.statusMessage,
    tags: Object.keys(link.tags).length ? link.tags : undefined,
  };
}

export function mustGetVpcLink(ctx: OperationContext, id: string, reader: RecordReader = ctx.store): VpcLink {
  const link = reader.get<VpcLink>(KIND.vpcLink, id);
  if (!link || link.region !== ctx.region) throw notFound('Invalid Vpc Link identifier specified');
  return link;
}

const createVpcLink: OperationHandler = (ctx, input: { name: string; description?: string; targetArns: string[]; tags?: Record<string, string> }) => {
  rejectUnsupported('CreateVpcLink', input as unknown as Record<string, unknown>, ['name', 'description', 'targetArns', 'tags']);
  if (!input.name) throw badRequest('Name cannot be empty');
  const arns = input.targetArns ?? [];
  for (const arn of arns) if (!ARN.test(arn)) throw badRequest(`Invalid ARN. ARN is not well formed ${arn}`);
  // "exactly the NLB ARN" (§1.9); AWS's wording for a count other than one is not recorded. [inf]
  if (arns.length !== 1) throw badRequest('A VPC link must target exactly one Network Load Balancer ARN');
  const tags = validTags(input.tags);
  return ctx.store.transact((tx) => {
    if (tx.list<VpcLink>(KIND.vpcLink, (l) => l.region === ctx.region).length >= VPC_LINK_QUOTA) {
      throw new AwsError('LimitExceededException', `The maximum number of VPC links (${VPC_LINK_QUOTA}) has been reached`, 429); // [inf]
    }
    const link: VpcLink = {
      id: freshId(6, (x) => tx.get(KIND.vpcLink, x) !== undefined),
      region: ctx.region,
      name: input.name,
      description: input.description,
      targetArns: [...arns],
      tags,
      createdDate: ctx.clock.now().toISOString(),
    };
    tx.put(KIND.vpcLink, link);
    // The create answer is always PENDING (§1.9).
    return vpcLinkToWire(tx, link, { status: 'PENDING' });
  });
};

const getVpcLink: OperationHandler = (ctx, input: { vpcLinkId: string }) => vpcLinkToWire(ctx.store, mustGetVpcLink(ctx, input.vpcLinkId));

const getVpcLinks: OperationHandler = (ctx, input: { limit?: number; position?: string }) => {
  const { items, position } = page(ctx.store.list<VpcLink>(KIND.vpcLink, (l) => l.region === ctx.region), input);
  return { items: items.map((l) => vpcLinkToWire(ctx.store, l)), position };
};

function patchVpcLink(link: VpcLink, op: PatchOperation): VpcLink {
  requireOp(op, ['replace']);
  if (op.path === '/name') {
    const name = requireValue(op);
    if (!name) throw badRequest('Name cannot be empty');
    return { ...link, name };
  }
  if (op.path === '/description') return { ...link, description: op.value || undefined };
  throw invalidPatchPath(op);
}

const updateVpcLink: OperationHandler = (ctx, input: { vpcLinkId: string; patchOperations?: PatchOperation[] }) => {
  return ctx.store.transact((tx) => {
    let link = mustGetVpcLink(ctx, input.vpcLinkId, tx);
    for (const op of patchOperations(input)) link = patchVpcLink(link, op);
    tx.put(KIND.vpcLink, link);
    return vpcLinkToWire(tx, link);
  });
};

/**
 * Refused while a live integration names the link literally; references through stage variables
 * are not tracked, as in AWS (§1.6, KNOWN). Wording [inf].
 */
const deleteVpcLink: OperationHandler = (ctx, input: { vpcLinkId: string }) => {
  ctx.store.transact((tx) => {
    const link = mustGetVpcLink(ctx, input.vpcLinkId, tx);
    const users: string[] = [];
    for (const r of tx.list<Resource>(KIND.resource)) {
      for (const m of Object.values(r.methods)) {
        if (m.methodIntegration?.connectionType === 'VPC_LINK' && m.methodIntegration.connectionId === link.id) users.push(`${m.httpMethod}:${r.resourceId}`);
      }
    }
    if (users.length) throw badRequest(`Cannot delete vpc link. Vpc link '${link.id}', is referenced in [${users.join(', ')}] in format of [Method:Resource].`);
    tx.delete(KIND.vpcLink, link.id);
  });
  return {};
};

export const vpcLinkHandlers: Record<string, OperationHandler> = {
  CreateVpcLink: createVpcLink,
  GetVpcLink: getVpcLink,
  GetVpcLinks: getVpcLinks,
  UpdateVpcLink: updateVpcLink,
  DeleteVpcLink: deleteVpcLink,
};

import type { OperationContext } from '../../context.js';
import type { Ec2Base, Tag } from '../../../state/records/ec2.js';
import { ec2Id } from '../../../kernel/ids.js';

/**
 * The fields every new EC2 record starts with: a fresh `<prefix>-` id, the request's region,
 * the account, its tags and the creation time (now, unless the caller shares one timestamp
 * across several records of one transaction).
 */
export function ec2Base(ctx: OperationContext, prefix: string, tags: readonly Tag[], createdAt: string = ctx.clock.now().toISOString()): Ec2Base {
  return { id: ec2Id(prefix), region: ctx.region, ownerId: ctx.accountId, tags, createdAt };
}

/**
 * GetChange (ec2-route53-acm.md §2.7): answers the stored change, whose status is INSYNC once
 * committed (the convention is in common/changes.ts). Unknown id → NoSuchChange (404); the text is
 * [infer].
 */
import { AwsError } from '../../kernel/errors.js';
import type { OperationHandler } from '../context.js';
import { ROUTE53_KIND, type Route53Change } from '../../state/records/route53.js';
import { changeInfoWire } from './common/changes.js';
import { bareId } from './common/ids.js';

const getChange: OperationHandler = (ctx, input: { Id: string }) => {
  const id = bareId(input.Id ?? '');
  const change = ctx.store.get<Route53Change>(ROUTE53_KIND.change, id);
  if (!change) throw new AwsError('NoSuchChange', `A change with the specified change ID does not exist: ${id}`, 404);
  return { ChangeInfo: changeInfoWire(change) };
};

export const changeHandlers: Record<string, OperationHandler> = { GetChange: getChange };

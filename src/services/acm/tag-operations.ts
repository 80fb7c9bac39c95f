/**
 * AddTagsToCertificate, RemoveTagsFromCertificate, ListTagsForCertificate
 * (ec2-route53-acm.md §3.7; common/tags.ts for the rules).
 */
import { ACM_KIND } from '../../state/records/acm.js';
import type { OperationHandler } from '../context.js';
import { findCertificate } from './common/arns.js';
import { rejectUnsupported, validationException } from './common/errors.js';
import { checkTags, mergeTags, removeTags } from './common/tags.js';

interface TagsInput {
  CertificateArn?: string;
  Tags?: { Key?: string; Value?: string }[];
}

const NO_TAGS = "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null";

const addTags: OperationHandler = (ctx, input: TagsInput) => {
  rejectUnsupported('AddTagsToCertificate', input as Record<string, unknown>, ['CertificateArn', 'Tags']);
  const c = findCertificate(ctx, input.CertificateArn);
  if (!input.Tags?.length) throw validationException(NO_TAGS);
  const tags = mergeTags(c.tags, checkTags(input.Tags));
  ctx.store.transact((tx) => tx.put(ACM_KIND.certificate, { ...c, tags }));
  return {};
};

const removeTagsFromCertificate: OperationHandler = (ctx, input: TagsInput) => {
  rejectUnsupported('RemoveTagsFromCertificate', input as Record<string, unknown>, ['CertificateArn', 'Tags']);
  const c = findCertificate(ctx, input.CertificateArn);
  if (!input.Tags?.length) throw validationException(NO_TAGS);
  const tags = removeTags(c.tags, checkTags(input.Tags));
  ctx.store.transact((tx) => tx.put(ACM_KIND.certificate, { ...c, tags }));
  return {};
};

const listTags: OperationHandler = (ctx, input: { CertificateArn?: string }) => {
  rejectUnsupported('ListTagsForCertificate', input, ['CertificateArn']);
  const c = findCertificate(ctx, input.CertificateArn);
  return { Tags: c.tags.map((t) => ({ ...t })) };
};

export const tagHandlers: Record<string, OperationHandler> = {
  AddTagsToCertificate: addTags,
  RemoveTagsFromCertificate: removeTagsFromCertificate,
  ListTagsForCertificate: listTags,
};

/**
 * API Gateway ids (apigateway-rest.md §1.2): rest APIs and root resources 10 lowercase
 * alphanumerics; child resources, deployments and VPC links 6. Lengths inferred from examples.
 */
import { alnumId } from '../../../kernel/ids.js';

/** A fresh id of `length` for which `taken` is false. */
export function freshId(length: number, taken: (id: string) => boolean): string {
  for (;;) {
    const id = alnumId(length);
    if (!taken(id)) return id;
  }
}

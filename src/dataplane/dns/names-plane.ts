/**
 * NamesPlane keeps the names snapshot (names-snapshot.ts) current with a SnapshotCell
 * (snapshot-cell.ts): a change to a Route 53 zone or record set, a VPC endpoint or one of its
 * ENIs, a REST API (its `vpcEndpointIds`) or a custom domain name marks it stale. Lookups read
 * the snapshot in service; the store is read only when compiling.
 */
import type { Logger } from '../../kernel/log.js';
import { KIND as APIGW_KIND } from '../../state/records/apigateway.js';
import { KIND as EC2_KIND } from '../../state/records/ec2.js';
import { ROUTE53_KIND } from '../../state/records/route53.js';
import type { Change } from '../../state/store.js';
import type { ChangeFeedReader } from '../network/network-plane.js';
import { SnapshotCell } from '../snapshot-cell.js';
import { compileNames, type NamesSnapshot } from './names-snapshot.js';

const KINDS: ReadonlySet<string> = new Set([ROUTE53_KIND.hostedZone, ROUTE53_KIND.recordSet, EC2_KIND.vpcEndpoint, APIGW_KIND.restApi, APIGW_KIND.domainName]);

export class NamesPlane {
  private readonly cell: SnapshotCell<NamesSnapshot>;
  private readonly unsubscribe: () => void;

  constructor(store: ChangeFeedReader, logger: Logger) {
    const log = logger.child('names');
    this.cell = new SnapshotCell((generation) => compileNames(store, generation, (message, fields) => log.warn(message, fields)), log, 'names');
    this.unsubscribe = store.onChange((changes: readonly Change[]) => {
      if (changes.some((c) => this.matters(c))) this.cell.markStale();
    });
  }

  snapshot(): NamesSnapshot {
    return this.cell.get();
  }

  close(): void {
    this.unsubscribe();
    this.cell.close();
  }

  private matters(change: Change): boolean {
    if (KINDS.has(change.kind)) return true;
    return change.kind === EC2_KIND.networkInterface && this.cell.get().endpointInterfaceIds.has(change.id);
  }
}

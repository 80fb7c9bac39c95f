/**
 * ApiGwPlane keeps the execute-api snapshot current with a SnapshotCell (snapshot-cell.ts): a
 * change to an API Gateway record, to an ELBv2 record a VPC link's status depends on, to a VPC
 * endpoint, or to an ACM certificate a custom domain serves marks it stale. Deployments are
 * immutable, so their route tables are compiled once and cached by deployment id.
 */
import type { Logger } from '../../kernel/log.js';
import { ACM_KIND } from '../../state/records/acm.js';
import { KIND, deploymentKey, type Deployment, type RestApi, type Stage, type VpcLink } from '../../state/records/apigateway.js';
import { KIND as EC2_KIND } from '../../state/records/ec2.js';
import { ELBV2_KIND } from '../../state/records/elbv2.js';
import type { Change } from '../../state/store.js';
import { vpcLinkStatus } from '../../state/views/vpc-link-status.js';
import type { ChangeFeedReader } from '../network/network-plane.js';
import { SnapshotCell, type SnapshotListener } from '../snapshot-cell.js';
import { compileDomainNames } from './compile-domain-names.js';
import { compileVpcEndpoints } from './compile-vpc-endpoints.js';
import { compileRoutes } from './routes.js';
import type { ApiEntry, ApiGwSnapshot, CompiledDeployment, StageEntry, VpcLinkEntry } from './snapshot.js';

const KINDS: ReadonlySet<string> = new Set([...Object.values(KIND), ELBV2_KIND.loadBalancer, EC2_KIND.vpcEndpoint, ACM_KIND.certificate]);

export class ApiGwPlane {
  private readonly cell: SnapshotCell<ApiGwSnapshot>;
  private readonly deployments = new Map<string, CompiledDeployment>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: ChangeFeedReader,
    logger: Logger,
  ) {
    this.cell = new SnapshotCell((generation) => this.compile(generation), logger.child('execute-api'), 'APIs');
    this.unsubscribe = store.onChange((changes: readonly Change[]) => {
      if (changes.some((c) => KINDS.has(c.kind))) this.cell.markStale();
    });
  }

  snapshot(): ApiGwSnapshot {
    return this.cell.get();
  }

  /** Hears every new snapshot after it is in service; returns the unsubscribe function. */
  onSnapshot(listener: SnapshotListener<ApiGwSnapshot>): () => void {
    return this.cell.onSnapshot(listener);
  }

  close(): void {
    this.unsubscribe();
    this.cell.close();
  }

  private compile(generation: number): ApiGwSnapshot {
    const apis = new Map<string, ApiEntry>();
    for (const api of this.store.list<RestApi>(KIND.restApi)) {
      apis.set(api.id, {
        id: api.id,
        region: api.region,
        name: api.name,
        endpointType: api.endpointConfiguration.types[0] ?? 'EDGE',
        disableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
        vpcEndpointIds: api.endpointConfiguration.vpcEndpointIds ?? [],
      });
    }
    const live = new Set<string>();
    const stages = new Map<string, StageEntry>();
    for (const stage of this.store.list<Stage>(KIND.stage)) {
      const key = deploymentKey(stage.restApiId, stage.deploymentId);
      const deployment = this.compiledDeployment(key);
      if (!deployment) continue;
      live.add(key);
      stages.set(`${stage.restApiId}/${stage.stageName}`, { restApiId: stage.restApiId, stageName: stage.stageName, variables: stage.variables, deployment });
    }
    for (const key of this.deployments.keys()) if (!live.has(key)) this.deployments.delete(key);
    const vpcLinks = new Map<string, VpcLinkEntry>();
    for (const link of this.store.list<VpcLink>(KIND.vpcLink)) {
      vpcLinks.set(link.id, { id: link.id, region: link.region, targetArn: link.targetArns[0] ?? '', status: vpcLinkStatus(this.store, link).status });
    }
    return { generation, apis, stages, vpcLinks, vpcEndpoints: compileVpcEndpoints(this.store), domainNames: compileDomainNames(this.store) };
  }

  private compiledDeployment(key: string): CompiledDeployment | undefined {
    const cached = this.deployments.get(key);
    if (cached) return cached;
    const record = this.store.get<Deployment>(KIND.deployment, key);
    if (!record) return undefined;
    const compiled: CompiledDeployment = { id: record.deploymentId, snapshot: record.snapshot, routes: compileRoutes(record.snapshot.resources) };
    this.deployments.set(key, compiled);
    return compiled;
  }
}

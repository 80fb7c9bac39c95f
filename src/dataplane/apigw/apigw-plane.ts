/**
 * ApiGwPlane keeps the execute-api snapshot current (the NetworkPlane pattern): a change to an
 * API Gateway record, or to an ELBv2 record a VPC link's status depends on, marks the snapshot
 * stale; it is recompiled once per microtask batch or on the next read. Deployments are
 * immutable, so their route tables are compiled once and cached by deployment id.
 */
import type { Logger } from '../../kernel/log.js';
import { KIND, deploymentKey, type Deployment, type RestApi, type Stage, type VpcLink } from '../../state/records/apigateway.js';
import { ELBV2_KIND } from '../../state/records/elbv2.js';
import type { Change } from '../../state/store.js';
import { vpcLinkStatus } from '../../state/views/vpc-link-status.js';
import type { ChangeFeedReader } from '../network/network-plane.js';
import { compileRoutes } from './routes.js';
import type { ApiEntry, ApiGwSnapshot, CompiledDeployment, StageEntry, VpcLinkEntry } from './snapshot.js';

const KINDS: ReadonlySet<string> = new Set([...Object.values(KIND), ELBV2_KIND.loadBalancer]);

export class ApiGwPlane {
  private current: ApiGwSnapshot;
  private generation = 0;
  private stale = false;
  private readonly deployments = new Map<string, CompiledDeployment>();
  private readonly unsubscribe: () => void;
  private readonly log: Logger;

  constructor(
    private readonly store: ChangeFeedReader,
    logger: Logger,
  ) {
    this.log = logger.child('execute-api');
    this.current = this.compile();
    this.unsubscribe = store.onChange((changes: readonly Change[]) => {
      if (changes.some((c) => KINDS.has(c.kind))) this.stale = true;
    });
  }

  snapshot(): ApiGwSnapshot {
    if (this.stale) {
      this.stale = false;
      try {
        this.current = this.compile();
      } catch (e) {
        this.log.error('compile failed; the previous APIs stay in service', { error: e instanceof Error ? e.message : String(e) });
      }
    }
    return this.current;
  }

  close(): void {
    this.unsubscribe();
  }

  private compile(): ApiGwSnapshot {
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
    return { generation: ++this.generation, apis, stages, vpcLinks };
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

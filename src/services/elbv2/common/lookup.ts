/**
 * Region-scoped reads of ELBv2 records, and the relations between them that are derived rather
 * than stored (which load balancers use a target group).
 */
import type { RecordReader } from '../../../state/store.js';
import { ELBV2_KIND, type Elbv2Base, type Listener, type LoadBalancer, type TargetGroup } from '../../../state/records/elbv2.js';
import { listenerNotFound, loadBalancerNotFound, targetGroupNotFound } from './errors.js';

export function listInRegion<T extends Elbv2Base>(reader: RecordReader, kind: string, region: string, predicate?: (r: T) => boolean): T[] {
  return reader.list<T>(kind, (r) => r.region === region && (!predicate || predicate(r)));
}

function getInRegion<T extends Elbv2Base>(reader: RecordReader, kind: string, region: string, arn: string | undefined): T | undefined {
  if (!arn) return undefined;
  const r = reader.get<T>(kind, arn);
  return r && r.region === region ? r : undefined;
}

export function mustGetLoadBalancer(reader: RecordReader, region: string, arn: string | undefined): LoadBalancer {
  const lb = getInRegion<LoadBalancer>(reader, ELBV2_KIND.loadBalancer, region, arn);
  if (!lb) throw loadBalancerNotFound();
  return lb;
}

export function mustGetTargetGroup(reader: RecordReader, region: string, arn: string | undefined): TargetGroup {
  const tg = getInRegion<TargetGroup>(reader, ELBV2_KIND.targetGroup, region, arn);
  if (!tg) throw targetGroupNotFound();
  return tg;
}

export function mustGetListener(reader: RecordReader, region: string, arn: string | undefined): Listener {
  const l = getInRegion<Listener>(reader, ELBV2_KIND.listener, region, arn);
  if (!l) throw listenerNotFound();
  return l;
}

export { forwardedTargetGroups, loadBalancersOfTargetGroup, rulesOfListener, targetGroupsOfLoadBalancer } from '../../../state/views/load-balancing.js';

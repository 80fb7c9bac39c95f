/**
 * The `TargetGroup` output structure (elbv2-vpc-endpoints.md §1.5), by model member names.
 * `LoadBalancerArns` is derived from the listeners that forward to the group.
 */
import type { RecordReader } from '../../state/store.js';
import type { TargetGroup } from '../../state/records/elbv2.js';
import { loadBalancersOfTargetGroup } from './common/lookup.js';

export function targetGroupToWire(reader: RecordReader, tg: TargetGroup): Record<string, unknown> {
  const hc = tg.healthCheck;
  return {
    TargetGroupArn: tg.id,
    TargetGroupName: tg.name,
    Protocol: tg.protocol,
    Port: tg.port,
    VpcId: tg.vpcId,
    HealthCheckProtocol: hc.protocol,
    HealthCheckPort: hc.port,
    HealthCheckEnabled: hc.enabled,
    HealthCheckIntervalSeconds: hc.intervalSeconds,
    HealthCheckTimeoutSeconds: hc.timeoutSeconds,
    HealthyThresholdCount: hc.healthyThresholdCount,
    UnhealthyThresholdCount: hc.unhealthyThresholdCount,
    HealthCheckPath: hc.path,
    Matcher: hc.httpCode === undefined ? undefined : { HttpCode: hc.httpCode },
    LoadBalancerArns: loadBalancersOfTargetGroup(reader, tg.id),
    TargetType: tg.targetType,
    ProtocolVersion: tg.protocolVersion,
    IpAddressType: tg.ipAddressType,
  };
}

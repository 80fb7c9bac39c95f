/**
 * Target group health checks: AWS's defaults per protocol, the allowed ranges, and the Matcher
 * grammar (elbv2-vpc-endpoints.md §1.5 table and notes).
 */
import { AwsError, NotImplementedError } from '../../kernel/errors.js';
import type { ElbProtocol, HealthCheck } from '../../state/records/elbv2.js';
import { validationError } from './common/errors.js';

export interface HealthCheckInput {
  HealthCheckProtocol?: string;
  HealthCheckPort?: string;
  HealthCheckEnabled?: boolean;
  HealthCheckPath?: string;
  HealthCheckIntervalSeconds?: number;
  HealthCheckTimeoutSeconds?: number;
  HealthyThresholdCount?: number;
  UnhealthyThresholdCount?: number;
  Matcher?: { HttpCode?: string; GrpcCode?: string };
}

export const isHttpFamily = (p: ElbProtocol): boolean => p === 'HTTP' || p === 'HTTPS';

/**
 * Defaults: HTTP/HTTPS target groups check with their own protocol (moto, observed output),
 * `/`, 30 s, 5 s, 5/2, matcher `200`; TCP-family target groups check with TCP, 30 s, 10 s, 5/2,
 * and with 6 s / matcher `200-399` when the check is HTTP (§1.5 table and note).
 */
function defaultTimeout(tgProtocol: ElbProtocol, hcProtocol: HealthCheck['protocol']): number {
  if (isHttpFamily(tgProtocol)) return 5;
  return hcProtocol === 'HTTP' ? 6 : 10;
}

const inRange = (name: string, v: number, min: number, max: number) => {
  if (!Number.isInteger(v) || v < min || v > max) throw validationError(`1 validation error detected: Value '${v}' at '${name}' failed to satisfy constraint: Member must have value between ${min} and ${max}`);
};

/**
 * Matcher.HttpCode: comma-separated codes and `a-b` ranges, each within 200–499 (ALB target
 * groups) or 200–599 (NLB); otherwise `InvalidParameterValue` (§1.5, moto's wording).
 */
export function checkHttpCode(code: string, tgProtocol: ElbProtocol): string {
  const max = isHttpFamily(tgProtocol) ? 499 : 599;
  const bad = () => new AwsError('InvalidParameterValue', 'HttpCode must be like 200 | 200-399 | 200,201 ...');
  for (const part of code.split(',')) {
    const m = /^(\d{3})(?:-(\d{3}))?$/.exec(part.trim());
    if (!m) throw bad();
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (lo < 200 || hi > max || lo > hi) throw bad();
  }
  return code;
}

/** Applies `input` over `base` (or over AWS's defaults for a new target group) and validates the result. */
export function resolveHealthCheck(tgProtocol: ElbProtocol, input: HealthCheckInput, base?: HealthCheck): HealthCheck {
  if (input.Matcher?.GrpcCode !== undefined) throw new NotImplementedError('Matcher.GrpcCode is not implemented by localvpc (elbv2 2015-12-01).');
  const protocol = (input.HealthCheckProtocol ?? base?.protocol ?? (isHttpFamily(tgProtocol) ? tgProtocol : 'TCP')) as HealthCheck['protocol'];
  if (!['HTTP', 'HTTPS', 'TCP'].includes(protocol)) throw validationError(`Health check protocol '${protocol}' is not supported`);
  // TCP checks are not allowed for HTTP/HTTPS target groups (§1.5 table); wording [infer].
  if (protocol === 'TCP' && isHttpFamily(tgProtocol)) throw validationError(`Health check protocol 'TCP' is not supported for target groups with the '${tgProtocol}' protocol`);
  const httpCheck = protocol !== 'TCP';
  const protocolChanged = base !== undefined && base.protocol !== protocol;
  const enabled = input.HealthCheckEnabled ?? base?.enabled ?? true;
  // Instance and IP target groups always health-check (§1.5 table).
  if (!enabled) throw validationError('Health checks cannot be disabled for target groups with target type instance or ip');
  const port = input.HealthCheckPort ?? base?.port ?? 'traffic-port';
  if (port !== 'traffic-port' && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    throw validationError(`Health check port '${port}' must be 'traffic-port' or a port between 1 and 65535`);
  }
  const intervalSeconds = input.HealthCheckIntervalSeconds ?? base?.intervalSeconds ?? 30;
  const timeoutSeconds = input.HealthCheckTimeoutSeconds ?? (protocolChanged || !base ? defaultTimeout(tgProtocol, protocol) : base.timeoutSeconds);
  const healthyThresholdCount = input.HealthyThresholdCount ?? base?.healthyThresholdCount ?? 5;
  const unhealthyThresholdCount = input.UnhealthyThresholdCount ?? base?.unhealthyThresholdCount ?? 2;
  inRange('healthCheckIntervalSeconds', intervalSeconds, 5, 300);
  inRange('healthCheckTimeoutSeconds', timeoutSeconds, 2, 120);
  inRange('healthyThresholdCount', healthyThresholdCount, 2, 10);
  inRange('unhealthyThresholdCount', unhealthyThresholdCount, 2, 10);
  // "must be smaller than" (HTTP/HTTPS target groups) / "smaller than or equal to" (others) (§1.5, moto).
  if (isHttpFamily(tgProtocol) ? timeoutSeconds >= intervalSeconds : timeoutSeconds > intervalSeconds) {
    throw validationError(`Health check timeout '${timeoutSeconds}' must be smaller than${isHttpFamily(tgProtocol) ? '' : ' or equal to'} the interval '${intervalSeconds}'`);
  }
  if (!httpCheck) {
    if (input.HealthCheckPath !== undefined) throw validationError('Health check path cannot be set when the health check protocol is TCP');
    if (input.Matcher?.HttpCode !== undefined) throw validationError('Health check matcher cannot be set when the health check protocol is TCP');
    return { enabled, protocol, port, intervalSeconds, timeoutSeconds, healthyThresholdCount, unhealthyThresholdCount };
  }
  const path = input.HealthCheckPath ?? base?.path ?? '/';
  if (path.length < 1 || path.length > 1024 || !path.startsWith('/')) throw validationError(`Health check path '${path}' must begin with '/' and be at most 1024 characters`);
  const httpCode = checkHttpCode(input.Matcher?.HttpCode ?? base?.httpCode ?? (isHttpFamily(tgProtocol) ? '200' : '200-399'), tgProtocol);
  return { enabled, protocol, port, path, intervalSeconds, timeoutSeconds, healthyThresholdCount, unhealthyThresholdCount, httpCode };
}

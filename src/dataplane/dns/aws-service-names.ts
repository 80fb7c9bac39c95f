/**
 * Names AWS publishes in public DNS for the services localvpc runs, as name sources
 * (name-source.ts), answered the same in every view:
 *
 * - Load balancers: `NAME-ID16.elb.REGION.amazonaws.com` (NLB), `[internal-]NAME-N.REGION.elb.amazonaws.com`
 *   (ALB) answer the nodes' private addresses, one per enabled zone. An internal load balancer's
 *   name is public DNS that returns private addresses, so a peered VPC or an on-premises
 *   network resolves it without configuration (elbv2-vpc-endpoints.md §1.2, §5). NLBs also have
 *   one name per zone, `ZONE.NAME-ID16.elb.REGION.amazonaws.com`, answering that zone's node.
 *   `dualstack.` before a load balancer's name answers the same (Route 53 aliases created in the
 *   console carry it; ec2-route53-acm.md §2.6); with IPv4-only nodes it has A records only.
 * - execute-api: `{apiId}.execute-api.{region}.amazonaws.com` answers the execute-api front
 *   door's public address for an API that exists in that region and is not PRIVATE; other API
 *   ids under the suffix are NXDOMAIN (apigateway-rest.md §2.1: "in AWS no such DNS name
 *   resolves").
 *
 * TTL 60 s, the TTL of ELB answers (ec2-route53-acm.md §2.6).
 */
import type { ApiGwSnapshot } from '../apigw/snapshot.js';
import type { LbSnapshot } from '../lb/snapshot.js';
import { EXECUTE_API_PUBLIC_IP } from '../network/public-services.js';
import type { NameSource } from './name-source.js';

const TTL_SECONDS = 60;
const DUALSTACK = 'dualstack.';

export function loadBalancerNames(lb: () => LbSnapshot): NameSource {
  return {
    name: 'elb',
    lookup(name) {
      if (!name.endsWith('.amazonaws.com') || !name.includes('elb')) return undefined;
      const snapshot = lb();
      const whole = snapshot.byDnsName.get(name) ?? (name.startsWith(DUALSTACK) ? snapshot.byDnsName.get(name.slice(DUALSTACK.length)) : undefined);
      if (whole) return { kind: 'found', records: whole.nodes.map((n) => ({ type: 'A' as const, address: n.privateIp, ttl: TTL_SECONDS })), source: this.name };
      const dot = name.indexOf('.');
      const zonal = dot > 0 ? snapshot.byDnsName.get(name.slice(dot + 1)) : undefined;
      if (zonal && zonal.type === 'network') {
        const zone = name.slice(0, dot);
        const nodes = zonal.nodes.filter((n) => n.zoneName === zone);
        if (nodes.length > 0) return { kind: 'found', records: nodes.map((n) => ({ type: 'A' as const, address: n.privateIp, ttl: TTL_SECONDS })), source: this.name };
      }
      return undefined;
    },
  };
}

const EXECUTE_API = /^([a-z0-9]{10})\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/;

export function executeApiNames(apigw: () => ApiGwSnapshot): NameSource {
  return {
    name: 'execute-api',
    lookup(name) {
      const m = EXECUTE_API.exec(name);
      if (!m) return undefined;
      const api = apigw().apis.get(m[1]!);
      if (!api || api.region !== m[2] || api.endpointType === 'PRIVATE') return { kind: 'nxdomain', source: this.name };
      return { kind: 'found', records: [{ type: 'A', address: EXECUTE_API_PUBLIC_IP, ttl: TTL_SECONDS }], source: this.name };
    },
  };
}

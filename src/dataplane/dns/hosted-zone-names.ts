/**
 * Route 53 hosted zones as name sources, in the Route 53 Resolver's order (ec2-route53-acm.md
 * §2.10; https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html):
 *
 * 1. `privateZoneNames`, asked first, only in a VPC view: the private zones associated with that
 *    VPC, and the hidden zones of the private DNS of interface endpoints in that VPC
 *    (elbv2-vpc-endpoints.md §4.2, apigateway-rest.md §3). The zone with the most specific name
 *    that is a suffix of the query answers; when it lacks the name the answer is NXDOMAIN,
 *    with no fallback to a less specific or a public zone. Private zones need the VPC's
 *    `enableDnsSupport` and `enableDnsHostnames` both true (§2.4); otherwise the VPC sees none.
 *    Peered VPCs, customer networks behind a VPN and the internet never see them
 *    (elbv2-vpc-endpoints.md §5).
 * 2. EC2 private names (ec2-names.ts) come next: `*.compute.internal` is the Resolver's own
 *    namespace for the VPC, answered after associated private zones ([infer] the Resolver
 *    checks private zones before its own VPC names, §2.10 "matched against private zones …
 *    first").
 * 3. `publicZoneNames`, in every view: the most specific public zone, treated as if its domain
 *    were delegated to it ([infer] localvpc has no registrar; every public zone here is the
 *    one the world sees).
 * 4. The names AWS publishes for its resources (aws-service-names.ts, endpoint-names.ts).
 */
import type { NameSource } from './name-source.js';
import type { NamesSnapshot } from './names-snapshot.js';
import { parentOf } from './names.js';
import { lookupInZone, type CompiledZone } from './zone.js';

export function privateZoneNames(names: () => NamesSnapshot): NameSource {
  return {
    name: 'route53-private',
    lookup(name, view, snapshot) {
      if (view.kind !== 'vpc') return undefined;
      const vpc = snapshot.vpcs.get(view.vpcId);
      if (!vpc?.enableDnsSupport || !vpc.enableDnsHostnames) return undefined;
      const zones = names().privateZones.get(view.vpcId);
      const zone = zones && closestZone(zones, name);
      return zone && lookupInZone(zone, name);
    },
  };
}

export function publicZoneNames(names: () => NamesSnapshot): NameSource {
  return {
    name: 'route53-public',
    lookup(name) {
      const zone = closestZone(names().publicZones, name);
      return zone && lookupInZone(zone, name);
    },
  };
}

/** The zone whose apex is `name` or its nearest ancestor. */
function closestZone(zones: ReadonlyMap<string, CompiledZone>, name: string): CompiledZone | undefined {
  if (zones.size === 0) return undefined;
  for (let n: string | undefined = name; n !== undefined; n = parentOf(n)) {
    const zone = zones.get(n);
    if (zone) return zone;
  }
  return undefined;
}

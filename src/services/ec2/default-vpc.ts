/**
 * The default VPC every region has (ec2-route53-acm.md §1.3): 172.31.0.0/16, one /20 default
 * subnet per Availability Zone in zone order, an attached internet gateway and a main route table
 * with `0.0.0.0/0 → igw`. Created the first time a region is used, once: a marker record keeps a
 * deleted default VPC deleted, as in AWS.
 */
import type { OperationContext } from '../context.js';
import { KIND, type InternetGateway, type RouteTable, type Subnet } from '../../state/records/ec2.js';
import type { StoredRecord } from '../../state/store.js';
import { formatIp, parseIp } from '../../kernel/cidr.js';
import { createVpcRecords } from './vpc.js';
import { zonesOf } from './common/regions.js';
import { ec2Base } from './common/base.js';

const DEFAULT_VPC_CIDR = '172.31.0.0/16';

/** Regions already checked in this process, so the hot path skips the store lookup. */
const initialised = new WeakMap<object, Set<string>>();

export function ensureDefaultVpc(ctx: OperationContext): void {
  let seen = initialised.get(ctx.store);
  if (!seen) initialised.set(ctx.store, (seen = new Set()));
  if (seen.has(ctx.region)) return;
  zonesOf(ctx.region); // refuses an unknown region before anything is written
  if (!ctx.store.get(KIND.regionInit, ctx.region)) {
    ctx.store.transact((tx) => {
      if (tx.get(KIND.regionInit, ctx.region)) return;
      const vpc = createVpcRecords(tx, ctx, DEFAULT_VPC_CIDR, { isDefault: true, tags: [] });
      const now = ctx.clock.now().toISOString();
      const base = parseIp('172.31.0.0')!;
      zonesOf(ctx.region).forEach((zone, i) => {
        const subnet: Subnet = {
          ...ec2Base(ctx, 'subnet', [], now),
          vpcId: vpc.id,
          cidrBlock: `${formatIp(base + i * 4096)}/20`,
          availabilityZone: zone.name,
          availabilityZoneId: zone.id,
          defaultForAz: true,
          mapPublicIpOnLaunch: true,
          state: 'available',
        };
        tx.put(KIND.subnet, subnet);
      });
      const igw: InternetGateway = { ...ec2Base(ctx, 'igw', [], now), attachments: [{ vpcId: vpc.id, state: 'available' }] };
      tx.put(KIND.internetGateway, igw);
      const main = tx.list<RouteTable>(KIND.routeTable, (t) => t.vpcId === vpc.id)[0]!;
      tx.put(KIND.routeTable, { ...main, routes: [...main.routes, { destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id, origin: 'CreateRoute', state: 'active' }] });
      tx.put<StoredRecord & { region: string; defaultVpcId: string }>(KIND.regionInit, { id: ctx.region, region: ctx.region, defaultVpcId: vpc.id });
    });
  }
  seen.add(ctx.region);
}

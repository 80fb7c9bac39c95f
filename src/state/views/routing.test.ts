import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../store.js';
import { KIND, type Route } from '../records/ec2.js';
import { effectiveRoutes, longestPrefixMatch, routeTableForSubnet } from './routing.js';
import { Ec2Fixture } from './testing-fixtures.js';

function setup() {
  const store = Store.open(':memory:');
  const f = new Ec2Fixture(store);
  return { store, f };
}

const route = (destinationCidrBlock: string, target: Partial<Route>, origin: Route['origin'] = 'CreateRoute'): Route => ({
  destinationCidrBlock,
  origin,
  state: 'active',
  ...target,
});

test('routeTableForSubnet: main table unless the subnet is explicitly associated', () => {
  const { store, f } = setup();
  const vpc = f.vpc('10.0.0.0/16');
  const a = f.subnet(vpc, '10.0.1.0/24');
  const b = f.subnet(vpc, '10.0.2.0/24');
  const custom = f.routeTable(vpc, [b]);
  assert.equal(routeTableForSubnet(store, a.id)?.id, f.mainRouteTable(vpc).id);
  assert.equal(routeTableForSubnet(store, b.id)?.id, custom.id);
  assert.equal(routeTableForSubnet(store, 'subnet-nope'), undefined);
});

test('effectiveRoutes: stored routes keep active while their targets are usable', () => {
  const { store, f } = setup();
  const a = f.vpc('10.0.0.0/16');
  const b = f.vpc('10.1.0.0/16');
  const pcx = f.peering(a, b);
  const igw = f.internetGateway(a);
  f.route(f.mainRouteTable(a), '10.1.0.0/16', { vpcPeeringConnectionId: pcx.id });
  f.route(f.mainRouteTable(a), '0.0.0.0/0', { gatewayId: igw.id });
  const routes = effectiveRoutes(store, f.mainRouteTable(a));
  assert.deepEqual(
    routes.map((r) => [r.destinationCidrBlock, r.state]),
    [
      ['10.0.0.0/16', 'active'],
      ['10.1.0.0/16', 'active'],
      ['0.0.0.0/0', 'active'],
    ],
  );
});

test('effectiveRoutes: blackhole when the peering is not active, the IGW is detached or gone, the VGW is detached', () => {
  const { store, f } = setup();
  const a = f.vpc('10.0.0.0/16');
  const b = f.vpc('10.1.0.0/16');
  const c = f.vpc('10.2.0.0/16');
  const pending = f.peering(a, b, 'pending-acceptance');
  const other = f.peering(b, c); // active, but not a peering of a's
  const detachedIgw = f.internetGateway();
  const vgw = f.vpnGateway(a, 'detached');
  const instance = f.instance(f.subnet(a, '10.0.1.0/24'), '10.0.1.10', { state: 'stopped' });
  const rtb = f.mainRouteTable(a);
  f.route(rtb, '10.1.0.0/16', { vpcPeeringConnectionId: pending.id });
  f.route(rtb, '10.2.0.0/16', { vpcPeeringConnectionId: other.id });
  f.route(rtb, '0.0.0.0/0', { gatewayId: detachedIgw.id });
  f.route(rtb, '192.168.0.0/16', { gatewayId: vgw.id });
  f.route(rtb, '172.16.0.0/12', { gatewayId: 'igw-00000000000000099' });
  f.route(rtb, '100.64.0.0/10', { instanceId: instance.id });
  f.route(rtb, '198.18.0.0/15', { networkInterfaceId: 'eni-00000000000000099' });
  const states = Object.fromEntries(effectiveRoutes(store, f.mainRouteTable(a)).map((r) => [r.destinationCidrBlock, r.state]));
  assert.deepEqual(states, {
    '10.0.0.0/16': 'active',
    '10.1.0.0/16': 'blackhole',
    '10.2.0.0/16': 'blackhole',
    '0.0.0.0/0': 'blackhole',
    '192.168.0.0/16': 'blackhole',
    '172.16.0.0/12': 'blackhole',
    '100.64.0.0/10': 'blackhole',
    '198.18.0.0/15': 'blackhole',
  });
  // Activating the peering brings its route back.
  f.setPeeringStatus(pending, 'active');
  assert.equal(effectiveRoutes(store, f.mainRouteTable(a)).find((r) => r.destinationCidrBlock === '10.1.0.0/16')?.state, 'active');
  // Deleting the peering record turns it into a blackhole again.
  f.delete(KIND.vpcPeeringConnection, pending.id);
  assert.equal(effectiveRoutes(store, f.mainRouteTable(a)).find((r) => r.destinationCidrBlock === '10.1.0.0/16')?.state, 'blackhole');
});

test('effectiveRoutes: VGW propagation adds the available static routes of available VPN connections', () => {
  const { store, f } = setup();
  const vpc = f.vpc('10.0.0.0/16');
  const vgw = f.vpnGateway(vpc);
  f.vpnConnection(vgw, ['192.168.0.0/16', '172.16.5.0/24']);
  f.vpnConnection(vgw, ['172.20.0.0/16'], { state: 'pending' });
  f.vpnConnection(vgw, ['172.21.0.0/16'], { routeState: 'pending' });
  const rtb = f.mainRouteTable(vpc);
  assert.equal(effectiveRoutes(store, rtb).length, 1, 'nothing propagates before EnableVgwRoutePropagation');
  f.enablePropagation(rtb, vgw);
  const propagated = effectiveRoutes(store, f.mainRouteTable(vpc)).filter((r) => r.origin === 'EnableVgwRoutePropagation');
  assert.deepEqual(propagated, [
    { destinationCidrBlock: '192.168.0.0/16', gatewayId: vgw.id, origin: 'EnableVgwRoutePropagation', state: 'active' },
    { destinationCidrBlock: '172.16.5.0/24', gatewayId: vgw.id, origin: 'EnableVgwRoutePropagation', state: 'active' },
  ]);
  // A detached VGW propagates nothing.
  f.setVgwAttachments(vgw, [{ vpcId: vpc.id, state: 'detached' }]);
  assert.equal(effectiveRoutes(store, f.mainRouteTable(vpc)).filter((r) => r.origin === 'EnableVgwRoutePropagation').length, 0);
});

test('effectiveRoutes: a static route hides a propagated route with the same destination', () => {
  const { store, f } = setup();
  const vpc = f.vpc('10.0.0.0/16');
  const vgw = f.vpnGateway(vpc);
  f.vpnConnection(vgw, ['192.168.0.0/16']);
  const rtb = f.enablePropagation(f.mainRouteTable(vpc), vgw);
  f.route(rtb, '192.168.0.0/16', { gatewayId: vgw.id });
  const routes = effectiveRoutes(store, f.mainRouteTable(vpc)).filter((r) => r.destinationCidrBlock === '192.168.0.0/16');
  assert.deepEqual(routes.map((r) => r.origin), ['CreateRoute']);
});

test('longestPrefixMatch: most specific wins', () => {
  const routes = [
    route('10.0.0.0/16', { gatewayId: 'local' }, 'CreateRouteTable'),
    route('0.0.0.0/0', { gatewayId: 'igw-1' }),
    route('10.1.0.0/16', { vpcPeeringConnectionId: 'pcx-1' }),
    route('10.1.2.0/24', { vpcPeeringConnectionId: 'pcx-2' }),
  ];
  assert.equal(longestPrefixMatch(routes, '10.0.3.4')?.gatewayId, 'local');
  assert.equal(longestPrefixMatch(routes, '10.1.3.4')?.vpcPeeringConnectionId, 'pcx-1');
  assert.equal(longestPrefixMatch(routes, '10.1.2.4')?.vpcPeeringConnectionId, 'pcx-2');
  assert.equal(longestPrefixMatch(routes, '8.8.8.8')?.gatewayId, 'igw-1');
  assert.equal(longestPrefixMatch(routes.slice(0, 1), '8.8.8.8'), undefined);
  assert.equal(longestPrefixMatch(routes, 'not-an-ip'), undefined);
});

test('longestPrefixMatch: local beats a more specific propagated route; static beats propagated at equal prefix', () => {
  const routes = [
    route('10.0.0.0/16', { gatewayId: 'local' }, 'CreateRouteTable'),
    route('10.0.5.0/24', { gatewayId: 'vgw-1' }, 'EnableVgwRoutePropagation'),
    route('192.168.0.0/16', { gatewayId: 'vgw-1' }, 'EnableVgwRoutePropagation'),
    route('192.168.0.0/16', { gatewayId: 'vgw-2' }),
    route('192.168.7.0/24', { gatewayId: 'vgw-1' }, 'EnableVgwRoutePropagation'),
  ];
  assert.equal(longestPrefixMatch(routes, '10.0.5.9')?.gatewayId, 'local');
  assert.equal(longestPrefixMatch(routes, '192.168.1.1')?.gatewayId, 'vgw-2');
  assert.equal(longestPrefixMatch(routes, '192.168.7.1')?.gatewayId, 'vgw-1', 'a more specific propagated route still wins over a static one');
});

test('longestPrefixMatch: a matching blackhole route is returned, not skipped', () => {
  const routes = [route('0.0.0.0/0', { gatewayId: 'igw-1' }), { ...route('10.1.0.0/16', { vpcPeeringConnectionId: 'pcx-1' }), state: 'blackhole' as const }];
  assert.equal(longestPrefixMatch(routes, '10.1.0.5')?.state, 'blackhole');
});

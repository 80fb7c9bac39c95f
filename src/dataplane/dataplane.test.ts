import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClock } from '../kernel/clock.js';
import { silentLogger } from '../kernel/log.js';
import { openFixture } from './testing-fixtures.js';
import { startDataplane } from './index.js';

test('startDataplane: CA bundle, status with wires and address book, proxies, close', async () => {
  const { store, f } = openFixture();
  const vpc = f.vpc('10.0.0.0/16', { wires: [121] });
  const subnet = f.subnet(vpc, '10.0.1.0/24');
  const instance = f.instance(subnet, '10.0.1.5');
  const stateDir = mkdtempSync(join(tmpdir(), 'localvpc-dataplane-'));
  const dataplane = await startDataplane({ store, clock: createClock(), log: silentLogger, stateDir });
  try {
    assert.equal(existsSync(join(stateDir, 'ca')), false, 'the CA is created on first use, not at start');
    assert.equal(await dataplane.caBundlePath(), join(stateDir, 'ca', 'bundle.pem'));
    assert.ok(existsSync(await dataplane.caBundlePath()));
    assert.ok(existsSync(await dataplane.caCertPath()));
    const status = dataplane.status();
    assert.deepEqual(status.wires, [{ wire: 121, hostRange: '127.121.0.0/16', cidrBlock: '10.0.0.0/16', network: vpc.id }]);
    assert.deepEqual(status.addressBook, [
      { privateIp: '10.0.1.5', hostAddress: '127.121.1.5', owner: `${instance.id} (instance)`, vpcId: vpc.id, subnetId: subnet.id, networkInterfaceId: instance.networkInterfaceIds[0] },
    ]);
    assert.deepEqual(status.processes, []);
    const proxy = await dataplane.openVantageProxy(vpc.id);
    assert.match(proxy.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  } finally {
    await dataplane.close();
    store.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
});

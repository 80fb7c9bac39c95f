/**
 * Issue acceptance, driven by Debian's aws CLI v2 and `localvpc exec`: two VPCs with subnets in
 * two AZs, security groups, a peering connection with routes, a VPN connection with a static
 * route, and an instance serving HTTP from user data. Reachability follows routes and security
 * groups; what AWS would drop times out.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aws, awsFails, localvpcExec, removeDir, startServer, type ServerProcess } from '../helpers/localvpc-process.js';
import { eventually } from '../helpers/eventually.js';

const REGION = 'eu-west-1';
/** Root may bind port 80 as on AWS; elsewhere the backend uses 8080. */
const PORT = process.getuid?.() === 0 ? 80 : 8080;
/** curl's exit code for a time-out: what a client sees when AWS drops its packets. */
const CURL_TIMEOUT = 28;

function curl(url: string, maxTime = 2): string[] {
  return ['curl', '-sS', '--max-time', String(maxTime), url];
}

describe('foundation: VPCs, peering, VPN and an instance backend, with the aws CLI', () => {
  let server: ServerProcess;
  const ids: Record<string, string> = {};
  let url = '';
  const ec2 = (...args: string[]) => aws(server.endpoint, REGION, ['ec2', ...args]);

  before(async () => {
    server = await startServer({ args: ['--exec-user-data', '--time-scale', '20'] });
  });
  after(async () => {
    await server?.stop();
    if (server) removeDir(server.stateDir);
  });

  test('builds the layout step by step', async () => {
    ids.vpcA = (await ec2('create-vpc', '--cidr-block', '10.0.0.0/16', '--tag-specifications', 'ResourceType=vpc,Tags=[{Key=Name,Value=app}]')).Vpc.VpcId;
    ids.vpcB = (await ec2('create-vpc', '--cidr-block', '10.1.0.0/16')).Vpc.VpcId;
    ids.subA1 = (await ec2('create-subnet', '--vpc-id', ids.vpcA, '--cidr-block', '10.0.1.0/24', '--availability-zone', 'eu-west-1a')).Subnet.SubnetId;
    ids.subA2 = (await ec2('create-subnet', '--vpc-id', ids.vpcA, '--cidr-block', '10.0.2.0/24', '--availability-zone', 'eu-west-1b')).Subnet.SubnetId;
    ids.subB1 = (await ec2('create-subnet', '--vpc-id', ids.vpcB, '--cidr-block', '10.1.1.0/24', '--availability-zone', 'eu-west-1a')).Subnet.SubnetId;
    ids.subB2 = (await ec2('create-subnet', '--vpc-id', ids.vpcB, '--cidr-block', '10.1.2.0/24', '--availability-zone', 'eu-west-1b')).Subnet.SubnetId;
    const subnets = await ec2('describe-subnets', '--filters', `Name=vpc-id,Values=${ids.vpcA}`);
    assert.deepEqual(subnets.Subnets.map((s: any) => s.AvailabilityZone).sort(), ['eu-west-1a', 'eu-west-1b']);

    ids.sg = (await ec2('create-security-group', '--group-name', 'web', '--description', 'web servers', '--vpc-id', ids.vpcA)).GroupId;
    await ec2('authorize-security-group-ingress', '--group-id', ids.sg, '--protocol', 'tcp', '--port', String(PORT), '--cidr', '10.1.0.0/16');
    await ec2('authorize-security-group-ingress', '--group-id', ids.sg, '--protocol', 'tcp', '--port', String(PORT), '--cidr', '192.168.50.0/24');

    const userData = join(server.stateDir, 'user-data.sh');
    writeFileSync(
      userData,
      `#!/bin/sh\nexec "${process.execPath}" -e "require('http').createServer((q,s)=>s.end('hello from '+process.env.LOCALVPC_PRIVATE_IP+' '+q.url)).listen(${PORT}, process.env.LOCALVPC_HOST_ADDRESS)"\n`,
    );
    const run = await ec2('run-instances', '--image-id', 'ami-0123456789abcdef0', '--instance-type', 't3.micro', '--subnet-id', ids.subA1, '--security-group-ids', ids.sg, '--user-data', `file://${userData}`);
    ids.instance = run.Instances[0].InstanceId;
    ids.ip = run.Instances[0].PrivateIpAddress;
    assert.equal(run.Instances[0].State.Name, 'pending');
    await eventually(async () => {
      const d = await ec2('describe-instances', '--instance-ids', ids.instance);
      assert.equal(d.Reservations[0].Instances[0].State.Name, 'running');
    });
    url = `http://${ids.ip}:${PORT}/hello?x=1`;

    ids.pcx = (await ec2('create-vpc-peering-connection', '--vpc-id', ids.vpcB, '--peer-vpc-id', ids.vpcA)).VpcPeeringConnection.VpcPeeringConnectionId;
    await ec2('accept-vpc-peering-connection', '--vpc-peering-connection-id', ids.pcx);
    const mainRtb = async (vpc: string) =>
      (await ec2('describe-route-tables', '--filters', `Name=vpc-id,Values=${vpc}`, 'Name=association.main,Values=true')).RouteTables[0].RouteTableId;
    ids.rtbA = await mainRtb(ids.vpcA);
    ids.rtbB = await mainRtb(ids.vpcB);
    await ec2('create-route', '--route-table-id', ids.rtbB, '--destination-cidr-block', '10.0.0.0/16', '--vpc-peering-connection-id', ids.pcx);
    await ec2('create-route', '--route-table-id', ids.rtbA, '--destination-cidr-block', '10.1.0.0/16', '--vpc-peering-connection-id', ids.pcx);
  });

  test('a host in the peered VPC reaches the instance backend', async () => {
    await eventually(async () => {
      const r = await localvpcExec(server.endpoint, ids.vpcB, curl(url));
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `hello from ${ids.ip} /hello?x=1`);
    });
  });

  test('without the return route in the instance VPC, the request times out', async () => {
    await ec2('delete-route', '--route-table-id', ids.rtbA, '--destination-cidr-block', '10.1.0.0/16');
    const r = await localvpcExec(server.endpoint, ids.vpcB, curl(url, 1));
    assert.equal(r.code, CURL_TIMEOUT, r.stderr);
    await ec2('create-route', '--route-table-id', ids.rtbA, '--destination-cidr-block', '10.1.0.0/16', '--vpc-peering-connection-id', ids.pcx);
    assert.equal((await localvpcExec(server.endpoint, ids.subB2, curl(url))).code, 0);
  });

  test('without the ingress rule, the request times out', async () => {
    await ec2('revoke-security-group-ingress', '--group-id', ids.sg, '--protocol', 'tcp', '--port', String(PORT), '--cidr', '10.1.0.0/16');
    assert.equal((await localvpcExec(server.endpoint, ids.vpcB, curl(url, 1))).code, CURL_TIMEOUT);
    await ec2('authorize-security-group-ingress', '--group-id', ids.sg, '--protocol', 'tcp', '--port', String(PORT), '--cidr', '10.1.0.0/16');
    assert.equal((await localvpcExec(server.endpoint, ids.vpcB, curl(url))).code, 0);
  });

  test('the internet never reaches a private instance', async () => {
    assert.equal((await localvpcExec(server.endpoint, 'internet', curl(url, 1))).code, CURL_TIMEOUT);
  });

  test('a VPN customer network reaches the instance only through the VPN route', async () => {
    const cgw = (await ec2('create-customer-gateway', '--type', 'ipsec.1', '--public-ip', '203.0.113.10', '--bgp-asn', '65000')).CustomerGateway.CustomerGatewayId;
    const vgw = (await ec2('create-vpn-gateway', '--type', 'ipsec.1')).VpnGateway.VpnGatewayId;
    await ec2('attach-vpn-gateway', '--vpn-gateway-id', vgw, '--vpc-id', ids.vpcA);
    const vpn = (await ec2('create-vpn-connection', '--type', 'ipsec.1', '--customer-gateway-id', cgw, '--vpn-gateway-id', vgw, '--options', 'StaticRoutesOnly=true')).VpnConnection.VpnConnectionId;
    await ec2('create-vpn-connection-route', '--vpn-connection-id', vpn, '--destination-cidr-block', '192.168.50.0/24');
    assert.equal((await localvpcExec(server.endpoint, vpn, curl(url, 1))).code, CURL_TIMEOUT, 'no route to the customer network yet');
    await ec2('create-route', '--route-table-id', ids.rtbA, '--destination-cidr-block', '192.168.50.0/24', '--gateway-id', vgw);
    const r = await localvpcExec(server.endpoint, vpn, curl(url));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^hello from /);
  });

  test('errors come back in EC2 shapes through the CLI', async () => {
    assert.match(await awsFails(server.endpoint, REGION, ['ec2', 'describe-vpcs', '--vpc-ids', 'vpc-0123456789abcdef0']), /InvalidVpcID\.NotFound.*The vpc ID 'vpc-0123456789abcdef0' does not exist/);
    assert.match(await awsFails(server.endpoint, REGION, ['ec2', 'create-vpc', '--cidr-block', '10.0.0.0/8']), /InvalidVpc\.Range/);
    assert.match(await awsFails(server.endpoint, REGION, ['ec2', 'create-subnet', '--vpc-id', ids.vpcA, '--cidr-block', '10.0.1.128/25']), /InvalidSubnet\.Conflict/);
    assert.match(await awsFails(server.endpoint, REGION, ['ec2', 'create-subnet', '--vpc-id', ids.vpcA, '--cidr-block', '10.9.0.0/24']), /InvalidSubnet\.Range/);
    assert.match(await awsFails(server.endpoint, REGION, ['ec2', 'create-vpc', '--cidr-block', '10.0.0.0/16', '--dry-run']), /DryRunOperation/);
    assert.match(await awsFails(server.endpoint, REGION, ['ec2', 'describe-transit-gateways']), /InvalidAction.*not implemented by localvpc/);
  });

  test('status lists the address book and the instance process', async () => {
    const { execFile } = await import('node:child_process');
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [new URL('../../bin/localvpc.js', import.meta.url).pathname, 'status', '--json', '--endpoint', server.endpoint], (e, stdout) => (e ? reject(e) : resolve(stdout))),
    );
    const status = JSON.parse(out);
    assert.ok(status.addressBook.some((a: any) => a.privateIp === ids.ip && a.owner.includes(ids.instance)));
    assert.ok(status.processes.some((p: any) => p.instanceId === ids.instance && p.running));
  });
});

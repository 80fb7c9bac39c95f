/**
 * Issue acceptance through the AWS SDK v3 and the library entry point (`startLocalVpc`): the same
 * layout as the aws CLI test, with the VPN route coming from VGW route propagation this time.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EC2Client,
  CreateVpcCommand,
  CreateSubnetCommand,
  CreateSecurityGroupCommand,
  AuthorizeSecurityGroupIngressCommand,
  RunInstancesCommand,
  DescribeInstancesCommand,
  CreateVpcPeeringConnectionCommand,
  AcceptVpcPeeringConnectionCommand,
  DescribeRouteTablesCommand,
  CreateRouteCommand,
  CreateCustomerGatewayCommand,
  CreateVpnGatewayCommand,
  AttachVpnGatewayCommand,
  CreateVpnConnectionCommand,
  CreateVpnConnectionRouteCommand,
  EnableVgwRoutePropagationCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import { startLocalVpc, type LocalVpcHandle } from '../../src/index.js';
import { eventually } from '../helpers/eventually.js';

const PORT = 8080;
const CURL_TIMEOUT = 28;

describe('foundation through the AWS SDK v3 and startLocalVpc()', () => {
  let vpc: LocalVpcHandle;
  let ec2: EC2Client;
  const ids: Record<string, string> = {};
  let url = '';
  const curl = (from: string, maxTime = 2) => vpc.exec(from, ['curl', '-sS', '--max-time', String(maxTime), url]);

  before(async () => {
    vpc = await startLocalVpc({ port: 0, dnsPort: 0, stateDir: ':memory:', timeScale: 20, execUserData: true, logLevel: 'warn' });
    ec2 = new EC2Client({ region: 'us-east-1', endpoint: vpc.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  });
  after(async () => {
    ec2?.destroy();
    await vpc?.stop();
  });

  test('builds two VPCs, a backend instance and a peering connection', async () => {
    ids.app = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.30.0.0/16' }))).Vpc!.VpcId!;
    ids.client = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.31.0.0/16' }))).Vpc!.VpcId!;
    ids.appSubnet = (await ec2.send(new CreateSubnetCommand({ VpcId: ids.app, CidrBlock: '10.30.1.0/24', AvailabilityZone: 'us-east-1a' }))).Subnet!.SubnetId!;
    await ec2.send(new CreateSubnetCommand({ VpcId: ids.app, CidrBlock: '10.30.2.0/24', AvailabilityZone: 'us-east-1b' }));
    ids.clientSubnet = (await ec2.send(new CreateSubnetCommand({ VpcId: ids.client, CidrBlock: '10.31.1.0/24', AvailabilityZoneId: 'use1-az1' }))).Subnet!.SubnetId!;
    ids.clientSg = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'callers', Description: 'callers', VpcId: ids.client }))).GroupId!;
    ids.sg = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'backend', Description: 'backend', VpcId: ids.app }))).GroupId!;
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: ids.sg,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: PORT, ToPort: PORT, IpRanges: [{ CidrIp: '10.31.0.0/16' }, { CidrIp: '172.16.8.0/24' }] }],
      }),
    );
    const userData = `#!/bin/sh\nexec "${process.execPath}" -e "require('http').createServer((q,s)=>s.end(q.method+' '+q.url+' from '+q.socket.remoteAddress)).listen(${PORT}, process.env.LOCALVPC_HOST_ADDRESS)"\n`;
    const inst = (await ec2.send(new RunInstancesCommand({ ImageId: 'ami-0123456789abcdef0', MinCount: 1, MaxCount: 1, SubnetId: ids.appSubnet, SecurityGroupIds: [ids.sg], UserData: Buffer.from(userData).toString('base64') }))).Instances![0]!;
    ids.instance = inst.InstanceId!;
    url = `http://${inst.PrivateIpAddress}:${PORT}/path?q=1`;
    await eventually(async () => {
      const d = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [ids.instance] }));
      assert.equal(d.Reservations![0]!.Instances![0]!.State!.Name, 'running');
    });
    ids.pcx = (await ec2.send(new CreateVpcPeeringConnectionCommand({ VpcId: ids.client, PeerVpcId: ids.app }))).VpcPeeringConnection!.VpcPeeringConnectionId!;
    await ec2.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: ids.pcx }));
    const main = async (vpcId: string) =>
      (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'association.main', Values: ['true'] }] }))).RouteTables![0]!.RouteTableId!;
    ids.appRtb = await main(ids.app);
    await ec2.send(new CreateRouteCommand({ RouteTableId: await main(ids.client), DestinationCidrBlock: '10.30.0.0/16', VpcPeeringConnectionId: ids.pcx }));
    await ec2.send(new CreateRouteCommand({ RouteTableId: ids.appRtb, DestinationCidrBlock: '10.31.0.0/16', VpcPeeringConnectionId: ids.pcx }));
  });

  test('the peered VPC reaches the backend, which sees the caller on the client VPC wire', async () => {
    await eventually(async () => {
      const r = await curl(ids.clientSubnet);
      assert.equal(r.code, 0, r.stderr);
      // The caller's host address is on the client VPC's wire (127.W.x.y), not 127.0.0.1.
      assert.match(r.stdout, /^GET \/path\?q=1 from 127\.(\d+)\.\d+\.\d+$/);
      assert.doesNotMatch(r.stdout, /from 127\.0\.0\.1$/);
    });
  });

  test('the internet does not reach it', async () => {
    assert.equal((await curl('internet', 1)).code, CURL_TIMEOUT);
  });

  test('a VPN customer network reaches it once VGW route propagation is on', async () => {
    const cgw = (await ec2.send(new CreateCustomerGatewayCommand({ Type: 'ipsec.1', PublicIp: '198.51.100.7', BgpAsn: 65010 }))).CustomerGateway!.CustomerGatewayId!;
    const vgw = (await ec2.send(new CreateVpnGatewayCommand({ Type: 'ipsec.1' }))).VpnGateway!.VpnGatewayId!;
    await ec2.send(new AttachVpnGatewayCommand({ VpnGatewayId: vgw, VpcId: ids.app }));
    const vpn = (await ec2.send(new CreateVpnConnectionCommand({ Type: 'ipsec.1', CustomerGatewayId: cgw, VpnGatewayId: vgw, Options: { StaticRoutesOnly: true } }))).VpnConnection!.VpnConnectionId!;
    await ec2.send(new CreateVpnConnectionRouteCommand({ VpnConnectionId: vpn, DestinationCidrBlock: '172.16.8.0/24' }));
    assert.equal((await vpc.exec(vpn, ['curl', '-sS', '--max-time', '1', url])).code, CURL_TIMEOUT);
    await ec2.send(new EnableVgwRoutePropagationCommand({ RouteTableId: ids.appRtb, GatewayId: vgw }));
    const rt = await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [ids.appRtb] }));
    assert.ok(rt.RouteTables![0]!.Routes!.some((r) => r.DestinationCidrBlock === '172.16.8.0/24' && r.GatewayId === vgw && r.Origin === 'EnableVgwRoutePropagation'));
    const r = await vpc.exec(vpn, ['curl', '-sS', '--max-time', '2', url]);
    assert.equal(r.code, 0, r.stderr);
  });

  test('a stopped instance stops serving', async () => {
    await ec2.send(new StopInstancesCommand({ InstanceIds: [ids.instance] }));
    await eventually(async () => {
      const d = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [ids.instance] }));
      assert.equal(d.Reservations![0]!.Instances![0]!.State!.Name, 'stopped');
    });
    assert.equal((await curl(ids.clientSubnet, 1)).code, CURL_TIMEOUT);
  });
});

/**
 * DNS end to end: `startLocalVpc` serves DNS over UDP and TCP next to the AWS endpoint, status
 * and the start summary say where, and names created through the EC2 API answer in the view of
 * the querying source address.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { EC2Client, CreateVpcCommand, CreateSubnetCommand, RunInstancesCommand, ModifyVpcAttributeCommand } from '@aws-sdk/client-ec2';
import { startLocalVpc, type LocalVpcHandle } from '../../src/index.js';
import { startLocalVpc as startRuntime } from '../../src/runtime/localvpc.js';
import { query, rcodeOf, TcpClient, udpExchange } from '../../src/dataplane/dns/testing-client.js';

interface Status {
  dns?: string;
  wires: { wire: number; network: string }[];
}

describe('DNS through startLocalVpc()', () => {
  let vpc: LocalVpcHandle;
  let ec2: EC2Client;
  const status = async () => (await (await fetch(`${vpc.endpoint}/_localvpc/status`)).json()) as Status;

  before(async () => {
    vpc = await startLocalVpc({ port: 0, dnsPort: 0, stateDir: ':memory:', logLevel: 'warn' });
    ec2 = new EC2Client({ region: 'eu-west-1', endpoint: vpc.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  });
  after(async () => {
    ec2?.destroy();
    await vpc?.stop();
  });

  test('status reports DNS as udp+tcp on loopback', async () => {
    assert.match((await status()).dns ?? '', /^udp\+tcp 127\.0\.0\.1:\d+$/);
  });

  test("an instance's private DNS name answers from its VPC's wire, not from the internet, and follows enableDnsSupport", async () => {
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.60.0.0/16' }))).Vpc!.VpcId!;
    const subnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.60.1.0/24' }))).Subnet!.SubnetId!;
    const instance = (await ec2.send(new RunInstancesCommand({ ImageId: 'ami-0123456789abcdef0', MinCount: 1, MaxCount: 1, SubnetId: subnetId }))).Instances![0]!;
    const name = instance.PrivateDnsName!;
    assert.match(name, /^ip-10-60-1-\d+\.eu-west-1\.compute\.internal$/);

    const s = await status();
    const port = Number(/:(\d+)$/.exec(s.dns!)![1]);
    const wire = s.wires.find((w) => w.network === vpcId)!.wire;
    const inVpc = `127.${wire}.1.9`;

    const udp = await udpExchange(port, query(name, 'A'), { source: inVpc });
    assert.equal(rcodeOf(udp), 0);
    assert.deepEqual(
      udp.answers?.map((a) => (a as { data: string }).data),
      [instance.PrivateIpAddress],
    );
    const tcp = await TcpClient.connect(port, { source: inVpc });
    try {
      tcp.send(query(name, 'A'), query(name, 'AAAA'));
      assert.deepEqual((await tcp.next()).answers?.map((a) => (a as { data: string }).data), [instance.PrivateIpAddress]);
      const aaaa = await tcp.next();
      assert.equal(rcodeOf(aaaa), 0);
      assert.deepEqual(aaaa.answers, []);
    } finally {
      tcp.close();
    }
    assert.equal(rcodeOf(await udpExchange(port, query(name, 'A'), { source: '127.0.0.1' })), 3);

    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: false } }));
    assert.equal(rcodeOf(await udpExchange(port, query(name, 'A'), { source: inVpc })), 3);
  });
});

describe('DNS in the start summary and the --dns-port error', () => {
  test('the summary names dns udp+tcp host:port', async () => {
    const runtime = await startRuntime({ port: 0, dnsPort: 0, stateDir: ':memory:', logLevel: 'warn' });
    try {
      assert.ok(runtime.dataplane.dns);
      assert.match(runtime.summary, new RegExp(`, dns udp\\+tcp 127\\.0\\.0\\.1:${runtime.dataplane.dns.port}, `));
    } finally {
      await runtime.stop();
    }
  });

  test('a DNS port in use stops the start with an error that names --dns-port', async () => {
    const holder = net.createServer().listen(0, '127.0.0.1');
    await once(holder, 'listening');
    try {
      const port = (holder.address() as net.AddressInfo).port;
      await assert.rejects(startRuntime({ port: 0, dnsPort: port, stateDir: ':memory:', logLevel: 'warn' }), /DNS port \d+ is already in use .*--dns-port/);
    } finally {
      holder.close();
    }
  });
});

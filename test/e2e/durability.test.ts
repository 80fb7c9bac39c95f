/**
 * kill -9 in the middle of a burst of API calls loses no acknowledged change, and a restart
 * restores every resource and the instance's backend (issue acceptance; DESIGN.md robustness).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EC2Client, CreateSecurityGroupCommand, DescribeSecurityGroupsCommand, CreateVpcCommand, CreateSubnetCommand, AuthorizeSecurityGroupIngressCommand, RunInstancesCommand, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { localvpcExec, removeDir, startServer } from '../helpers/localvpc-process.js';
import { eventually } from '../helpers/eventually.js';

const PORT = 8080;

function client(endpoint: string): EC2Client {
  return new EC2Client({ region: 'eu-west-1', endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
}

test('kill -9 mid-burst keeps every acknowledged change; restart restores resources and the backend', async () => {
  let server = await startServer({ args: ['--exec-user-data', '--time-scale', '20'] });
  const stateDir = server.stateDir;
  try {
    let ec2 = client(server.endpoint);
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }))).Vpc!.VpcId!;
    const subnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.20.1.0/24' }))).Subnet!.SubnetId!;
    const sg = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'backend', Description: 'backend', VpcId: vpcId }))).GroupId!;
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: PORT, ToPort: PORT, IpRanges: [{ CidrIp: '10.20.0.0/16' }] }] }));
    const userData = `#!/bin/sh\nexec "${process.execPath}" -e "require('http').createServer((q,s)=>s.end('up '+process.env.LOCALVPC_PRIVATE_IP)).listen(${PORT}, process.env.LOCALVPC_HOST_ADDRESS)"\n`;
    const inst = (await ec2.send(new RunInstancesCommand({ ImageId: 'ami-0123456789abcdef0', MinCount: 1, MaxCount: 1, SubnetId: subnetId, SecurityGroupIds: [sg], UserData: Buffer.from(userData).toString('base64') }))).Instances![0]!;
    const url = `http://${inst.PrivateIpAddress}:${PORT}/`;
    await eventually(async () => {
      const r = await localvpcExec(server.endpoint, subnetId, ['curl', '-sS', '--max-time', '2', url]);
      assert.equal(r.stdout, `up ${inst.PrivateIpAddress}`, r.stderr);
    });

    // A burst of creates on 8 connections; kill -9 once 60 have been acknowledged.
    const acknowledged: string[] = [];
    let n = 0;
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const name = `burst-${n++}`;
        try {
          const out = await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: 'burst', VpcId: vpcId }));
          acknowledged.push(out.GroupId!);
          if (acknowledged.length >= 60 && !killed) {
            killed = true;
            await server.kill9();
          }
        } catch {
          if (!killed) throw new Error('a call failed before the kill');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    ec2.destroy();

    server = await startServer({ stateDir, args: ['--exec-user-data', '--time-scale', '20'] });
    ec2 = client(server.endpoint);
    const groups = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    const present = new Set(groups.SecurityGroups!.map((g) => g.GroupId));
    for (const id of acknowledged) assert.ok(present.has(id), `acknowledged ${id} was lost`);
    const d = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [inst.InstanceId!] }));
    assert.equal(d.Reservations![0]!.Instances![0]!.State!.Name, 'running');
    await eventually(async () => {
      const r = await localvpcExec(server.endpoint, subnetId, ['curl', '-sS', '--max-time', '2', url]);
      assert.equal(r.stdout, `up ${inst.PrivateIpAddress}`, r.stderr);
    });
    ec2.destroy();
  } finally {
    await server.stop();
    removeDir(stateDir);
  }
});

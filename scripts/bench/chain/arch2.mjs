// Leg (b): localvpc's reference architecture 2 (DESIGN.md), built with the AWS SDK v3:
//   wrk → API Gateway REST API (stage `test`, ANY /{proxy+}, HTTP_PROXY over VPC_LINK, link and
//   NLB from stage variables) → VPC link → internal NLB (TCP:80) → TCP target group (an ip target
//   that is the backend, a loopback host service) → backend,
// called through the path-style URL http://127.0.0.1:<port>/_aws/execute-api/<apiId>/test/<path>.
import { REQUEST_PATH } from './constants.mjs';
import { checkTarget } from './probe.mjs';
import { localvpcServer, sdkConfig, step, waitFor, withServerLog } from './localvpc.mjs';

export async function setupArchitecture2(backend) {
  const server = await localvpcServer();
  try {
    return await buildArchitecture2(server.endpoint, backend);
  } catch (err) {
    throw withServerLog(err, server);
  }
}

async function buildArchitecture2(endpoint, backend) {
  const { EC2Client, CreateVpcCommand, CreateSubnetCommand } = await import('@aws-sdk/client-ec2');
  const elbv2 = await import('@aws-sdk/client-elastic-load-balancing-v2');
  const apigw = await import('@aws-sdk/client-api-gateway');
  const config = sdkConfig(endpoint);
  const ec2 = new EC2Client(config);
  const elb = new elbv2.ElasticLoadBalancingV2Client(config);
  const api = new apigw.APIGatewayClient(config);
  try {
    const vpcId = (await step('ec2 CreateVpc', () => ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' })))).Vpc.VpcId;
    const subnetId = (await step('ec2 CreateSubnet', () =>
      ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'eu-west-1a' })))).Subnet.SubnetId;

    const nlb = (await step('elbv2 CreateLoadBalancer', () =>
      elb.send(new elbv2.CreateLoadBalancerCommand({ Name: 'bench-nlb', Type: 'network', Scheme: 'internal', Subnets: [subnetId] })))).LoadBalancers[0];
    const targetGroupArn = (await step('elbv2 CreateTargetGroup', () =>
      elb.send(new elbv2.CreateTargetGroupCommand({
        Name: 'bench-targets', Protocol: 'TCP', Port: backend.port, VpcId: vpcId, TargetType: 'ip',
        // A 5 s interval needs a timeout no longer than it (TCP's default timeout is 10 s).
        HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 5,
      })))).TargetGroups[0].TargetGroupArn;
    // The backend is a loopback host service: an ip target outside the VPC, AvailabilityZone all.
    await step('elbv2 RegisterTargets', () =>
      elb.send(new elbv2.RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: [{ Id: '127.0.0.1', Port: backend.port, AvailabilityZone: 'all' }] })));
    await step('elbv2 CreateListener', () =>
      elb.send(new elbv2.CreateListenerCommand({
        LoadBalancerArn: nlb.LoadBalancerArn, Protocol: 'TCP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
      })));

    const vpcLinkId = (await step('apigateway CreateVpcLink', () =>
      api.send(new apigw.CreateVpcLinkCommand({ name: 'bench-link', targetArns: [nlb.LoadBalancerArn] })))).id;
    await waitFor('VPC link AVAILABLE', 30_000, async () => {
      const link = await step('apigateway GetVpcLink', () => api.send(new apigw.GetVpcLinkCommand({ vpcLinkId })));
      if (link.status === 'FAILED') throw new Error(`VPC link ${vpcLinkId} FAILED: ${link.statusMessage ?? ''}`);
      return { done: link.status === 'AVAILABLE', state: `${link.status} ${link.statusMessage ?? ''}`.trim() };
    });

    const restApiId = (await step('apigateway CreateRestApi', () =>
      api.send(new apigw.CreateRestApiCommand({ name: 'bench-api', endpointConfiguration: { types: ['REGIONAL'] } })))).id;
    const resources = await step('apigateway GetResources', () => api.send(new apigw.GetResourcesCommand({ restApiId })));
    const rootId = resources.items.find((item) => item.path === '/').id;
    const resourceId = (await step('apigateway CreateResource', () =>
      api.send(new apigw.CreateResourceCommand({ restApiId, parentId: rootId, pathPart: '{proxy+}' })))).id;
    await step('apigateway PutMethod', () =>
      api.send(new apigw.PutMethodCommand({
        restApiId, resourceId, httpMethod: 'ANY', authorizationType: 'NONE', requestParameters: { 'method.request.path.proxy': true },
      })));
    await step('apigateway PutIntegration', () =>
      api.send(new apigw.PutIntegrationCommand({
        restApiId, resourceId, httpMethod: 'ANY',
        type: 'HTTP_PROXY', integrationHttpMethod: 'ANY',
        connectionType: 'VPC_LINK', connectionId: '${stageVariables.VPCLINK}',
        uri: 'http://${stageVariables.VPCNLB}/{proxy}',
        requestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
      })));
    await step('apigateway CreateDeployment', () =>
      api.send(new apigw.CreateDeploymentCommand({ restApiId, stageName: 'test', variables: { VPCLINK: vpcLinkId, VPCNLB: nlb.DNSName } })));

    await waitFor('target 127.0.0.1:' + backend.port + ' healthy', 30_000, async () => {
      const health = await step('elbv2 DescribeTargetHealth', () =>
        elb.send(new elbv2.DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn })));
      const target = health.TargetHealthDescriptions?.[0]?.TargetHealth;
      return {
        done: target?.State === 'healthy',
        state: target ? [target.State, target.Reason, target.Description].filter(Boolean).join(' ') : 'no target listed',
      };
    });

    const target = { url: `${endpoint}/_aws/execute-api/${restApiId}/test/${REQUEST_PATH}` };
    await checkTarget(target);
    return { target, detail: `API ${restApiId}, VPC link ${vpcLinkId}, NLB ${nlb.DNSName}` };
  } finally {
    ec2.destroy();
    elb.destroy();
    api.destroy();
  }
}

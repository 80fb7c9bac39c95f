// Leg (d): localvpc's reference architecture 1 (DESIGN.md; the seed walkthrough
// private-api-over-vpn-via-alb), built with the AWS SDK v3:
//   wrk → `localvpc proxy --from <vpc>` (a client inside the VPC; the internal ALB is not
//   reachable from the internet) → bench.example.com, a Route 53 alias A record → internal ALB
//   (HTTP:80) → target group of type ip, HTTPS:443, health check HTTPS with matcher 200,403 →
//   the ENI IPs of an execute-api interface VPC endpoint (2 subnets in 2 AZs) → the endpoint
//   routes by Host → Regional custom domain bench.example.com (ACM certificate, DNS validation),
//   base path mapping (none) → stage `test` of a PRIVATE REST API (resource policy: Allow, and
//   Deny unless aws:SourceVpce is the endpoint) → ANY /{proxy+}, HTTP_PROXY over the internet →
//   the backend (a loopback host service: the internet).
import { ARCH1_DOMAIN, ARCH1_URL, ARCH1_ZONE, REGION } from './constants.mjs';
import { checkTarget, freePort, waitForTarget } from './probe.mjs';
import { localvpcServer, sdkConfig, startVantageProxy, step, waitFor, withServerLog } from './localvpc.mjs';
import { stopChild } from './children.mjs';

const VPC_CIDR = '10.1.0.0/16';
const SUBNETS = [
  { cidr: '10.1.1.0/24', az: `${REGION}a` },
  { cidr: '10.1.2.0/24', az: `${REGION}b` },
];
const STAGE = 'test';

/** `script`: the wrk script that sends ARCH1_URL in absolute form (wrk.mjs). */
export async function setupArchitecture1(backend, { script }) {
  const server = await localvpcServer();
  try {
    return await buildArchitecture1(server, backend, script);
  } catch (err) {
    throw withServerLog(err, server);
  }
}

function resourcePolicy(vpceId) {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
      { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*', Condition: { StringNotEquals: { 'aws:SourceVpce': vpceId } } },
    ],
  });
}

const tcpFrom = (cidr, port) => [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: cidr }] }];

async function clients(endpoint) {
  const [ec2, elbv2, apigw, acm, route53] = await Promise.all([
    import('@aws-sdk/client-ec2'),
    import('@aws-sdk/client-elastic-load-balancing-v2'),
    import('@aws-sdk/client-api-gateway'),
    import('@aws-sdk/client-acm'),
    import('@aws-sdk/client-route-53'),
  ]);
  const config = sdkConfig(endpoint);
  return {
    ec2, elbv2, apigw, acm, route53,
    ec2Client: new ec2.EC2Client(config),
    elbClient: new elbv2.ElasticLoadBalancingV2Client(config),
    apiClient: new apigw.APIGatewayClient(config),
    acmClient: new acm.ACMClient(config),
    r53Client: new route53.Route53Client(config),
  };
}

async function buildArchitecture1(server, backend, script) {
  const sdk = await clients(server.endpoint);
  const { ec2, elbv2, apigw, acm, route53 } = sdk;
  const ec2c = (command) => sdk.ec2Client.send(command);
  const elb = (command) => sdk.elbClient.send(command);
  const api = (command) => sdk.apiClient.send(command);
  const acmc = (command) => sdk.acmClient.send(command);
  const r53 = (command) => sdk.r53Client.send(command);
  try {
    // The VPC: 2 subnets in 2 AZs, a group for the endpoint (443 from the VPC) and one for the ALB (80).
    const vpcId = (await step('ec2 CreateVpc', () => ec2c(new ec2.CreateVpcCommand({ CidrBlock: VPC_CIDR })))).Vpc.VpcId;
    const subnetIds = [];
    for (const { cidr, az } of SUBNETS) {
      subnetIds.push((await step(`ec2 CreateSubnet ${cidr}`, () =>
        ec2c(new ec2.CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: az })))).Subnet.SubnetId);
    }
    const group = async (name, description, port) => {
      const groupId = (await step(`ec2 CreateSecurityGroup ${name}`, () =>
        ec2c(new ec2.CreateSecurityGroupCommand({ GroupName: name, Description: description, VpcId: vpcId })))).GroupId;
      await step(`ec2 AuthorizeSecurityGroupIngress ${name}`, () =>
        ec2c(new ec2.AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: tcpFrom(VPC_CIDR, port) })));
      return groupId;
    };
    const endpointGroupId = await group('bench-execute-api-endpoint', 'HTTPS from the VPC', 443);
    const albGroupId = await group('bench-alb', 'HTTP from the VPC', 80);

    // The certificate first: its validation runs while the rest is built.
    const zoneId = (await step(`route53 CreateHostedZone ${ARCH1_ZONE}`, () =>
      r53(new route53.CreateHostedZoneCommand({ Name: ARCH1_ZONE, CallerReference: `localvpc-bench-${process.pid}-${Date.now()}` })))).HostedZone.Id;
    const certificateArn = (await step(`acm RequestCertificate ${ARCH1_DOMAIN}`, () =>
      acmc(new acm.RequestCertificateCommand({ DomainName: ARCH1_DOMAIN, ValidationMethod: 'DNS' })))).CertificateArn;
    const validationRecord = await waitFor('the DNS validation record in acm DescribeCertificate', 30_000, async () => {
      const cert = (await step('acm DescribeCertificate', () => acmc(new acm.DescribeCertificateCommand({ CertificateArn: certificateArn })))).Certificate;
      const record = cert?.DomainValidationOptions?.[0]?.ResourceRecord;
      return { done: Boolean(record), state: `${cert?.Status} without ResourceRecord`, value: record };
    });
    await step('route53 ChangeResourceRecordSets (validation CNAME)', () =>
      r53(new route53.ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: {
          Changes: [{
            Action: 'UPSERT',
            ResourceRecordSet: { Name: validationRecord.Name, Type: validationRecord.Type ?? 'CNAME', TTL: 300, ResourceRecords: [{ Value: validationRecord.Value }] },
          }],
        },
      })));

    // The execute-api interface endpoint; its ENI IPs are the ALB's targets.
    const vpce = (await step('ec2 CreateVpcEndpoint', () =>
      ec2c(new ec2.CreateVpcEndpointCommand({
        VpcEndpointType: 'Interface', VpcId: vpcId, ServiceName: `com.amazonaws.${REGION}.execute-api`,
        SubnetIds: subnetIds, SecurityGroupIds: [endpointGroupId],
        // Not needed here: the custom domain carries the routing (and private DNS would need the
        // VPC's enableDnsHostnames).
        PrivateDnsEnabled: false,
      })))).VpcEndpoint;
    const vpceId = vpce.VpcEndpointId;
    const networkInterfaceIds = await waitFor(`VPC endpoint ${vpceId} available`, 30_000, async () => {
      const found = (await step('ec2 DescribeVpcEndpoints', () => ec2c(new ec2.DescribeVpcEndpointsCommand({ VpcEndpointIds: [vpceId] })))).VpcEndpoints?.[0];
      if (found?.State === 'failed' || found?.State === 'rejected') throw new Error(`VPC endpoint ${vpceId} is ${found.State}`);
      return { done: found?.State === 'available', state: found?.State ?? 'not listed', value: found?.NetworkInterfaceIds ?? [] };
    });
    const interfaces = (await step('ec2 DescribeNetworkInterfaces', () =>
      ec2c(new ec2.DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: networkInterfaceIds })))).NetworkInterfaces ?? [];
    const eniIps = interfaces.map((eni) => eni.PrivateIpAddress).filter(Boolean).sort();
    if (eniIps.length !== SUBNETS.length) {
      throw new Error(`VPC endpoint ${vpceId}: expected ${SUBNETS.length} ENI IPs, DescribeNetworkInterfaces of ${JSON.stringify(networkInterfaceIds)} gave ${JSON.stringify(eniIps)}`);
    }

    // The PRIVATE REST API: ANY /{proxy+} → HTTP_PROXY over the internet to the backend.
    const restApiId = (await step('apigateway CreateRestApi (PRIVATE)', () =>
      api(new apigw.CreateRestApiCommand({
        name: 'bench-private-api',
        endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: [vpceId] },
        policy: resourcePolicy(vpceId),
      })))).id;
    const resources = await step('apigateway GetResources', () => api(new apigw.GetResourcesCommand({ restApiId })));
    const rootId = resources.items.find((item) => item.path === '/').id;
    const resourceId = (await step('apigateway CreateResource {proxy+}', () =>
      api(new apigw.CreateResourceCommand({ restApiId, parentId: rootId, pathPart: '{proxy+}' })))).id;
    await step('apigateway PutMethod ANY', () =>
      api(new apigw.PutMethodCommand({
        restApiId, resourceId, httpMethod: 'ANY', authorizationType: 'NONE', requestParameters: { 'method.request.path.proxy': true },
      })));
    await step('apigateway PutIntegration (HTTP_PROXY, INTERNET)', () =>
      api(new apigw.PutIntegrationCommand({
        restApiId, resourceId, httpMethod: 'ANY',
        type: 'HTTP_PROXY', integrationHttpMethod: 'ANY', connectionType: 'INTERNET',
        uri: `http://127.0.0.1:${backend.port}/{proxy}`,
        requestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
      })));
    await step(`apigateway CreateDeployment (stage ${STAGE})`, () =>
      api(new apigw.CreateDeploymentCommand({ restApiId, stageName: STAGE })));

    // The Regional custom domain, once its certificate is issued, mapped to the stage.
    await waitFor(`ACM certificate for ${ARCH1_DOMAIN} ISSUED`, 60_000, async () => {
      const cert = (await step('acm DescribeCertificate', () => acmc(new acm.DescribeCertificateCommand({ CertificateArn: certificateArn })))).Certificate;
      if (cert?.Status && !['PENDING_VALIDATION', 'ISSUED'].includes(cert.Status)) {
        throw new Error(`ACM certificate ${certificateArn} is ${cert.Status}${cert.FailureReason ? ` (${cert.FailureReason})` : ''}`);
      }
      const validation = cert?.DomainValidationOptions?.[0]?.ValidationStatus;
      return { done: cert?.Status === 'ISSUED', state: `${cert?.Status}, validation ${validation}` };
    });
    await step(`apigateway CreateDomainName ${ARCH1_DOMAIN} (REGIONAL)`, () =>
      api(new apigw.CreateDomainNameCommand({ domainName: ARCH1_DOMAIN, regionalCertificateArn: certificateArn, endpointConfiguration: { types: ['REGIONAL'] } })));
    await step('apigateway CreateBasePathMapping (none)', () =>
      api(new apigw.CreateBasePathMappingCommand({ domainName: ARCH1_DOMAIN, restApiId, stage: STAGE })));

    // The internal ALB: HTTP:80 → HTTPS:443 ip targets = the endpoint's ENI IPs.
    const alb = (await step('elbv2 CreateLoadBalancer (application, internal)', () =>
      elb(new elbv2.CreateLoadBalancerCommand({ Name: 'bench-alb', Type: 'application', Scheme: 'internal', Subnets: subnetIds, SecurityGroups: [albGroupId] })))).LoadBalancers[0];
    const targetGroupArn = (await step('elbv2 CreateTargetGroup (HTTPS:443, ip, matcher 200,403)', () =>
      elb(new elbv2.CreateTargetGroupCommand({
        Name: 'bench-execute-api', Protocol: 'HTTPS', Port: 443, VpcId: vpcId, TargetType: 'ip',
        HealthCheckProtocol: 'HTTPS', Matcher: { HttpCode: '200,403' },
      })))).TargetGroups[0].TargetGroupArn;
    await step('elbv2 RegisterTargets (endpoint ENI IPs)', () =>
      elb(new elbv2.RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: eniIps.map((ip) => ({ Id: ip, Port: 443 })) })));
    await step('elbv2 CreateListener (HTTP:80)', () =>
      elb(new elbv2.CreateListenerCommand({
        LoadBalancerArn: alb.LoadBalancerArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
      })));
    await step(`route53 ChangeResourceRecordSets (alias A ${ARCH1_DOMAIN} → ALB)`, () =>
      r53(new route53.ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: {
          Changes: [{
            Action: 'UPSERT',
            ResourceRecordSet: {
              Name: ARCH1_DOMAIN, Type: 'A',
              AliasTarget: { HostedZoneId: alb.CanonicalHostedZoneId, DNSName: alb.DNSName, EvaluateTargetHealth: false },
            },
          }],
        },
      })));

    await waitFor(`ALB ${alb.DNSName} active`, 30_000, async () => {
      const found = (await step('elbv2 DescribeLoadBalancers', () =>
        elb(new elbv2.DescribeLoadBalancersCommand({ LoadBalancerArns: [alb.LoadBalancerArn] })))).LoadBalancers?.[0];
      const state = found?.State;
      if (state?.Code === 'failed') throw new Error(`ALB ${alb.DNSName} failed: ${state.Reason ?? ''}`);
      return { done: state?.Code === 'active', state: state ? `${state.Code} ${state.Reason ?? ''}`.trim() : 'not listed' };
    });
    await waitFor(`targets ${eniIps.join(', ')} healthy`, 30_000, async () => {
      const health = await step('elbv2 DescribeTargetHealth', () => elb(new elbv2.DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn })));
      const descriptions = health.TargetHealthDescriptions ?? [];
      const states = descriptions.map(({ Target, TargetHealth }) =>
        `${Target?.Id}:${Target?.Port} ${[TargetHealth?.State, TargetHealth?.Reason, TargetHealth?.Description].filter(Boolean).join(' ')}`);
      return {
        done: descriptions.length === eniIps.length && descriptions.every((d) => d.TargetHealth?.State === 'healthy'),
        state: states.join('; ') || 'no target listed',
      };
    });

    // The client: a vantage proxy inside the VPC, which resolves the custom domain in the VPC's view.
    const proxyPort = await freePort();
    const proxy = await step(`localvpc proxy --from ${vpcId} --port ${proxyPort}`, () => startVantageProxy(server, vpcId, proxyPort));
    const target = { url: ARCH1_URL, proxy: proxy.url, script };
    try {
      await waitForTarget(target, proxy.child, 15_000);
      await checkTarget(target);
    } catch (err) {
      await stopChild(proxy.child);
      throw err;
    }
    return {
      target,
      detail: `vantage proxy ${proxy.url} in ${vpcId} → ALB ${alb.DNSName} → ${vpceId} (${eniIps.join(', ')}) → ${ARCH1_DOMAIN} → API ${restApiId}/${STAGE}`,
    };
  } finally {
    for (const client of [sdk.ec2Client, sdk.elbClient, sdk.apiClient, sdk.acmClient, sdk.r53Client]) client.destroy();
  }
}

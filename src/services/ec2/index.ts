/**
 * The EC2 service: every implemented operation, each run after the region's default VPC exists.
 * Operations of the EC2 model that are not listed here answer "not implemented by localvpc".
 */
import type { OperationHandler } from '../context.js';
import type { ServiceDefinition } from '../registry.js';
import { ensureDefaultVpc } from './default-vpc.js';
import { vpcHandlers } from './vpc.js';
import { networkInterfaceHandlers } from './network-interface.js';
import { instanceHandlers } from './instance.js';
import { vpcPeeringHandlers } from './vpc-peering.js';
import { customerGatewayHandlers } from './customer-gateway.js';
import { vpnGatewayHandlers } from './vpn-gateway.js';
import { vpnConnectionHandlers } from './vpn-connection.js';
import { subnetHandlers } from './subnet.js';
import { routeTableHandlers } from './route-table.js';
import { internetGatewayHandlers } from './internet-gateway.js';
import { securityGroupHandlers } from './security-group.js';
import { tagHandlers } from './tag-operations.js';
import { regionHandlers } from './region-operations.js';
import { vpcEndpointHandlers } from './vpc-endpoint.js';
import { vpcEndpointServiceHandlers } from './vpc-endpoint-services.js';

const modules: Record<string, OperationHandler>[] = [
  vpcHandlers,
  networkInterfaceHandlers,
  instanceHandlers,
  vpcPeeringHandlers,
  customerGatewayHandlers,
  vpnGatewayHandlers,
  vpnConnectionHandlers,
  subnetHandlers,
  routeTableHandlers,
  internetGatewayHandlers,
  securityGroupHandlers,
  tagHandlers,
  regionHandlers,
  vpcEndpointHandlers,
  vpcEndpointServiceHandlers,
];

const handlers: Record<string, OperationHandler> = {};
for (const m of modules) {
  for (const [name, handler] of Object.entries(m)) {
    if (handlers[name]) throw new Error(`EC2 operation ${name} is registered twice`);
    handlers[name] = (ctx, input) => {
      ensureDefaultVpc(ctx);
      return handler(ctx, input);
    };
  }
}

export const ec2Service: ServiceDefinition = { service: 'ec2', handlers };

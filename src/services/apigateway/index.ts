/**
 * The API Gateway v1 (REST) control plane (apigateway-rest.md §1). Operations of the model that
 * are not listed here answer "not implemented by localvpc".
 */
import { defineService, type ServiceDefinition } from '../registry.js';
import { restApiHandlers } from './rest-api.js';
import { resourceHandlers } from './resource.js';
import { methodHandlers } from './method.js';
import { methodResponseHandlers } from './method-response.js';
import { integrationHandlers } from './integration.js';
import { integrationResponseHandlers } from './integration-response.js';
import { deploymentHandlers } from './deployment.js';
import { stageHandlers } from './stage.js';
import { vpcLinkHandlers } from './vpc-link.js';
import { gatewayResponseHandlers } from './gateway-response.js';
import { tagHandlers } from './tag-operations.js';
import { domainNameHandlers } from './domain-name.js';
import { domainNameUpdateHandlers } from './domain-name-update.js';
import { basePathMappingHandlers } from './base-path-mapping.js';
import { accessAssociationHandlers } from './domain-name-access-association.js';

export const apigatewayService: ServiceDefinition = defineService('apigateway', 'API Gateway', [
  restApiHandlers,
  resourceHandlers,
  methodHandlers,
  methodResponseHandlers,
  integrationHandlers,
  integrationResponseHandlers,
  deploymentHandlers,
  stageHandlers,
  vpcLinkHandlers,
  gatewayResponseHandlers,
  tagHandlers,
  domainNameHandlers,
  domainNameUpdateHandlers,
  basePathMappingHandlers,
  accessAssociationHandlers,
]);

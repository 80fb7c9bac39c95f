/**
 * The ELBv2 service (API version 2015-12-01): load balancers, target groups, targets and their
 * health, listeners, their certificates and rules, attributes and tags. Operations of the model
 * without a handler here (trust stores, SetSubnets, ...) answer "not implemented by localvpc".
 */
import { defineService, type ServiceDefinition } from '../registry.js';
import { loadBalancerHandlers } from './load-balancer.js';
import { loadBalancerAttributeHandlers } from './load-balancer-attributes.js';
import { targetGroupHandlers } from './target-group.js';
import { targetGroupAttributeHandlers } from './target-group-attributes.js';
import { targetHandlers } from './targets.js';
import { targetHealthHandlers } from './target-health.js';
import { listenerHandlers } from './listener.js';
import { listenerCertificateHandlers } from './listener-certificates.js';
import { ruleHandlers } from './rules.js';
import { tagHandlers } from './tag-operations.js';

export const elbv2Service: ServiceDefinition = defineService('elbv2', 'ELBv2', [
  loadBalancerHandlers,
  loadBalancerAttributeHandlers,
  targetGroupHandlers,
  targetGroupAttributeHandlers,
  targetHandlers,
  targetHealthHandlers,
  listenerHandlers,
  listenerCertificateHandlers,
  ruleHandlers,
  tagHandlers,
]);

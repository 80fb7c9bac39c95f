/**
 * The Route 53 control plane (API 2013-04-01, ec2-route53-acm.md §2): hosted zones (public and
 * private), VPC associations, record sets (simple and weighted, alias records), changes and zone
 * tags. Route 53 is global: records carry no Region. Operations of the model not listed here
 * (health checks, traffic policies, DNSSEC, delegation sets, query logging, CIDR collections, …)
 * answer "not implemented by localvpc".
 */
import { defineService, type ServiceDefinition } from '../registry.js';
import { changeHandlers } from './change.js';
import { changeBatchHandlers } from './change-batch.js';
import { hostedZoneHandlers } from './hosted-zone.js';
import { hostedZoneListHandlers } from './hosted-zone-lists.js';
import { recordSetListHandlers } from './record-set-list.js';
import { tagHandlers } from './tags.js';
import { vpcAssociationHandlers } from './vpc-association.js';

export const route53Service: ServiceDefinition = defineService('route53', 'Route 53', [
  hostedZoneHandlers,
  hostedZoneListHandlers,
  vpcAssociationHandlers,
  changeBatchHandlers,
  recordSetListHandlers,
  changeHandlers,
  tagHandlers,
]);

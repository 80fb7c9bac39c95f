/**
 * The services the endpoint serves. A service not listed here (but detected) answers every
 * operation with "not implemented by localvpc".
 */
import type { ServiceId } from '../protocol/types.js';
import type { ServiceDefinition } from '../services/registry.js';
import { ec2Service } from '../services/ec2/index.js';

export const SERVICES: ReadonlyMap<ServiceId, ServiceDefinition> = new Map([[ec2Service.service, ec2Service]]);

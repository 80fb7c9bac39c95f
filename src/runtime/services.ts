/**
 * The services the endpoint serves. A service not listed here (but detected) answers every
 * operation with "not implemented by localvpc".
 */
import type { ServiceId } from '../protocol/types.js';
import type { ServiceDefinition } from '../services/registry.js';
import { acmService } from '../services/acm/index.js';
import { apigatewayService } from '../services/apigateway/index.js';
import { ec2Service } from '../services/ec2/index.js';
import { elbv2Service } from '../services/elbv2/index.js';
import { route53Service } from '../services/route53/index.js';

export const SERVICES: ReadonlyMap<ServiceId, ServiceDefinition> = new Map([ec2Service, elbv2Service, apigatewayService, acmService, route53Service].map((s) => [s.service, s]));

/**
 * AWS's public service front doors that localvpc serves itself: today the execute-api endpoint
 * of API Gateway (`https://{api}.execute-api.{region}.amazonaws.com`). Each has an AWS-style
 * public address, which names resolve to and the API shows, and a host address on this
 * machine where its listener runs.
 *
 * The host addresses sit in 127.0.0.0/16, the internet's range (no wire), beside the internet
 * vantage's own 127.0.0.1, so they never collide with a VPC's addresses.
 *
 * The public address is one per service for every region. [infer] Real regions answer from
 * many addresses; nothing a client does depends on which. 3.248.0.0/16 is an AWS range
 * (eu-west-1, https://ip-ranges.amazonaws.com/ip-ranges.json), never contacted: the vantage
 * proxy maps it onto the host address.
 */
import type { PublicEndpoint } from './snapshot.js';

export const EXECUTE_API_PUBLIC_IP = '3.248.0.10';
/** Where the execute-api front door listens (TLS on 443, through the port map). */
export const EXECUTE_API_HOST_ADDRESS = '127.0.0.2';

export const PUBLIC_SERVICES: readonly PublicEndpoint[] = Object.freeze([
  Object.freeze({ address: EXECUTE_API_PUBLIC_IP, hostAddress: EXECUTE_API_HOST_ADDRESS, networkInterfaceId: undefined, description: 'API Gateway execute-api front door' }),
]);

/**
 * EC2 private DNS names: `ip-10-0-1-5.eu-west-1.compute.internal` (and `ip-10-0-1-5.ec2.internal`
 * in us-east-1) stand for the private address they spell
 * (ec2-route53-acm.md §1.9, https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-naming.html).
 *
 * `ec2PrivateDnsResolver` is what a vantage proxy started on its own uses (tests). The data
 * plane gives its proxies the shared resolver of dns/resolver.ts instead, which also serves the
 * DNS server, checks the VPC's `enableDnsSupport`, and is where Route 53 zones, load balancer
 * and endpoint names plug in.
 */
import { parseIp } from '../../kernel/cidr.js';
import type { Endpoint } from './reachability.js';

/**
 * A NameResolver answers a host name with an AWS-style IPv4 address, as seen from `from`
 * (names resolve per vantage: private names only inside VPCs), or undefined when the name does
 * not resolve there.
 */
export type NameResolver = (name: string, from: Endpoint) => string | undefined | Promise<string | undefined>;

const EC2_PRIVATE_NAME = /^ip-(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})\.(?:ec2\.internal|[a-z]{2}(?:-[a-z]+)+-\d+\.compute\.internal)\.?$/i;

/** `parseEc2PrivateDnsName` returns the address a private DNS name spells, or undefined. */
export function parseEc2PrivateDnsName(name: string): string | undefined {
  const m = EC2_PRIVATE_NAME.exec(name);
  if (!m) return undefined;
  const ip = `${m[1]}.${m[2]}.${m[3]}.${m[4]}`;
  return parseIp(ip) === undefined ? undefined : ip;
}

/**
 * `ec2PrivateDnsResolver` resolves EC2 private DNS names for hosts inside a VPC, where the
 * Amazon-provided DNS server answers them. From the internet or a customer network they do not
 * resolve (those networks use their own DNS servers).
 */
export const ec2PrivateDnsResolver: NameResolver = (name, from) => (from.kind === 'vpc' ? parseEc2PrivateDnsName(name) : undefined);

/**
 * EC2 private DNS names as a name source: `ip-10-0-1-5.eu-west-1.compute.internal` (and
 * `ip-10-0-1-5.ec2.internal` in us-east-1) answer the address they spell
 * (ec2-route53-acm.md §1.9, https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-naming.html).
 *
 * The Amazon DNS server answers them only to hosts inside a VPC whose `enableDnsSupport` is true
 * (ec2-route53-acm.md §1.4 and §2.10, https://docs.aws.amazon.com/vpc/latest/userguide/vpc-dns.html).
 * Anywhere else (the internet, a customer network behind a VPN, a VPC with DNS support off) the
 * name is not this source's business, and with no other source knowing it the query ends in
 * NXDOMAIN.
 *
 * The names are synthetic: they spell an address, whether or not an ENI holds it, which is how
 * the existing vantage-proxy resolution (network/ec2-private-dns.ts) already treats them.
 * They have no IPv6 form, so AAAA is NODATA.
 */
import { parseEc2PrivateDnsName } from '../network/ec2-private-dns.js';
import type { NameSource } from './name-source.js';

/**
 * TTL of the answers, in seconds. [infer] AWS documents no TTL for these names; 60 s is what
 * the VPC resolver is seen to serve (it caps forwarded answers at 60 s, observed in
 * https://blog.clarence.tw/2019/05/22/use-dig-command-to-understand-the-characteristics-of-aws-vpc-in-dns/)
 * and the TTL of ELB alias answers (ec2-route53-acm.md §2.6).
 */
export const EC2_PRIVATE_NAME_TTL = 60;

export const ec2PrivateNames: NameSource = {
  name: 'ec2-private-dns',
  lookup(name, view, snapshot) {
    if (view.kind !== 'vpc') return undefined;
    if (snapshot.vpcs.get(view.vpcId)?.enableDnsSupport !== true) return undefined;
    const address = parseEc2PrivateDnsName(name);
    if (address === undefined) return undefined;
    return { kind: 'found', records: [{ type: 'A', address, ttl: EC2_PRIVATE_NAME_TTL }], source: this.name };
  },
};

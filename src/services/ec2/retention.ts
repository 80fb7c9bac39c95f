/**
 * How long resources that reached a final state stay visible to Describe calls before they
 * vanish (and their ids answer NotFound). These are AWS durations, so `--time-scale` shortens
 * them like every other AWS timer (DESIGN.md, external contract).
 */
import type { Clock } from '../../kernel/clock.js';

/** Terminated instances stay listed for about an hour (ec2-route53-acm.md §1.10, terminating-instances.html). */
export const TERMINATED_INSTANCE_SECONDS = 3600;

/**
 * Peering connections (same account): `failed`, `rejected` and `deleted` ones for 2 hours,
 * `expired` ones for 2 days (VPC peering connection lifecycle, vpc-peering-basics.html; the
 * same-account windows are inferred).
 */
export const PEERING_FINAL_SECONDS = 2 * 3600;
export const PEERING_EXPIRED_SECONDS = 2 * 86400;
/** A peering request not accepted within 7 days expires (CreateVpcPeeringConnection docs). */
export const PEERING_REQUEST_SECONDS = 7 * 86400;

/** Deleted customer gateways, VPN gateways and VPN connections (inferred: AWS keeps them a while). */
export const DELETED_VPN_OBJECT_SECONDS = 3600;

/** True while `since` (ISO time) is less than `awsSeconds` ago; true when `since` is unknown. */
export function stillVisible(clock: Clock, since: string | undefined, awsSeconds: number): boolean {
  if (!since) return true;
  return clock.now().getTime() - Date.parse(since) < clock.toRealMs(awsSeconds);
}

/** An ISO time `awsSeconds` from now, on the scaled clock. */
export function isoAfter(clock: Clock, awsSeconds: number): string {
  return new Date(clock.now().getTime() + clock.toRealMs(awsSeconds)).toISOString();
}

/** Customer gateways, VPN gateways and VPN connections: visible until a while after deletion. */
export function vpnObjectVisible(clock: Clock, r: { readonly state: string; readonly deletedAt?: string }): boolean {
  return r.state !== 'deleted' || stillVisible(clock, r.deletedAt, DELETED_VPN_OBJECT_SECONDS);
}

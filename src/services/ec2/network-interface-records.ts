/**
 * Building network interface records: the ENI CreateNetworkInterface makes and the primary ENI
 * RunInstances makes for each instance (ec2-route53-acm.md §1.9). Addresses come from
 * state/views/addresses.ts, so every service that places ENIs shares one allocator.
 */
import { randomBytes } from 'node:crypto';
import type { OperationContext } from '../context.js';
import type { Tx } from '../../state/store.js';
import { KIND, type NetworkInterface, type NetworkInterfaceAttachment, type Subnet, type Tag } from '../../state/records/ec2.js';
import { allocatePrivateIp } from '../../state/views/addresses.js';
import { ec2Id } from '../../kernel/ids.js';
import { ec2Base } from './common/base.js';

/** A locally administered unicast MAC, `02:xx:xx:xx:xx:xx`, as EC2 hands out. */
export function newMacAddress(): string {
  return ['02', ...[...randomBytes(5)].map((b) => b.toString(16).padStart(2, '0'))].join(':');
}

export interface NewInterface {
  readonly subnet: Subnet;
  readonly groups: readonly string[];
  readonly description?: string;
  /** A requested primary address; otherwise the lowest free one. */
  readonly privateIpAddress?: string;
  readonly tags?: readonly Tag[];
  readonly attachment?: NetworkInterfaceAttachment;
  readonly clientToken?: string;
}

/** Allocates the address and writes the ENI in `tx`; `in-use` when attached, else `available`. */
export function putNetworkInterface(tx: Tx, ctx: OperationContext, spec: NewInterface): NetworkInterface {
  const eni: NetworkInterface = {
    ...ec2Base(ctx, 'eni', [...(spec.tags ?? [])]),
    subnetId: spec.subnet.id,
    vpcId: spec.subnet.vpcId,
    availabilityZone: spec.subnet.availabilityZone,
    privateIpAddress: allocatePrivateIp(tx, spec.subnet, spec.privateIpAddress),
    macAddress: newMacAddress(),
    description: spec.description ?? '',
    interfaceType: 'interface',
    requesterManaged: false,
    groups: [...spec.groups],
    status: spec.attachment ? 'in-use' : 'available',
    sourceDestCheck: true,
    ...(spec.attachment ? { attachment: spec.attachment } : {}),
    ...(spec.clientToken !== undefined ? { clientToken: spec.clientToken } : {}),
  };
  return tx.put(KIND.networkInterface, eni);
}

/** The attachment of an instance's interface at `deviceIndex` (primary: 0, deleted with the instance). */
export function instanceAttachment(ctx: OperationContext, instanceId: string, deviceIndex: number, deleteOnTermination: boolean): NetworkInterfaceAttachment {
  return {
    attachmentId: ec2Id('eni-attach'),
    instanceId,
    instanceOwnerId: ctx.accountId,
    deviceIndex,
    status: 'attached',
    deleteOnTermination,
    attachTime: ctx.clock.now().toISOString(),
  };
}

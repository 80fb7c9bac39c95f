/**
 * Network interfaces: CreateNetworkInterface, DescribeNetworkInterfaces, DeleteNetworkInterface,
 * ModifyNetworkInterfaceAttribute, AttachNetworkInterface, DetachNetworkInterface
 * (ec2-route53-acm.md §1.9).
 */
import type { OperationHandler } from '../context.js';
import type { RecordReader } from '../../state/store.js';
import { KIND, type Instance, type NetworkInterface, type SecurityGroup, type Subnet } from '../../state/records/ec2.js';
import { allocatePrivateIp, privateDnsName } from '../../state/views/addresses.js';
import { AwsError, NotImplementedError } from '../../kernel/errors.js';
import { checkDryRun, malformed, missingParameter, rejectUnsupported } from './common/errors.js';
import { applyFilters, type Filter, type FilterFields } from './common/filters.js';
import { isEc2Id } from './common/ids.js';
import { listInRegion, mustGet, selectByIds } from './common/lookup.js';
import { paginate } from './common/pagination.js';
import { tagsFromSpecifications, type TagSpecification } from './common/tags.js';
import { defaultGroupId, groupsForSubnet } from './group-refs.js';
import { instanceAttachment, putNetworkInterface } from './network-interface-records.js';
import { networkInterfaceToWire } from './network-interface-wire.js';
import { visibleInstance } from './instance-visibility.js';

/** `Network interface 'eni-…' is currently in use.` (observed: aws/amazon-vpc-cni-k8s#1399, gruntwork-io/cloud-nuke#431). */
function inUseMessage(id: string): string {
  return `Network interface '${id}' is currently in use.`;
}

function getInterface(reader: RecordReader, region: string, id: string | undefined): NetworkInterface {
  if (id === undefined) throw missingParameter('NetworkInterfaceId');
  return mustGet<NetworkInterface>(reader, KIND.networkInterface, region, id, 'eni', 'network-interface');
}

/** DescribeNetworkInterfaces filters (API reference, DescribeNetworkInterfaces). */
function interfaceFilters(reader: RecordReader): FilterFields<NetworkInterface> {
  return {
    'network-interface-id': (n) => n.id,
    'subnet-id': (n) => n.subnetId,
    'vpc-id': (n) => n.vpcId,
    'availability-zone': (n) => n.availabilityZone,
    'availability-zone-id': (n) => reader.get<Subnet>(KIND.subnet, n.subnetId)?.availabilityZoneId,
    'private-ip-address': (n) => n.privateIpAddress,
    'addresses.private-ip-address': (n) => n.privateIpAddress,
    'addresses.primary': () => true,
    'private-dns-name': (n) => privateDnsName(n.privateIpAddress, n.region),
    'mac-address': (n) => n.macAddress,
    'description': (n) => n.description,
    'group-id': (n) => n.groups,
    'group-name': (n) => n.groups.map((g) => reader.get<SecurityGroup>(KIND.securityGroup, g)?.groupName),
    'status': (n) => n.status,
    'interface-type': (n) => n.interfaceType,
    'requester-managed': (n) => n.requesterManaged,
    'requester-id': (n) => n.requesterId,
    'owner-id': (n) => n.ownerId,
    'source-dest-check': (n) => n.sourceDestCheck,
    'attachment.attachment-id': (n) => n.attachment?.attachmentId,
    'attachment.instance-id': (n) => n.attachment?.instanceId,
    'attachment.instance-owner-id': (n) => n.attachment?.instanceOwnerId,
    'attachment.device-index': (n) => n.attachment?.deviceIndex,
    'attachment.status': (n) => n.attachment?.status,
    'attachment.attach-time': (n) => n.attachment?.attachTime,
    'attachment.delete-on-termination': (n) => n.attachment?.deleteOnTermination,
  };
}

interface CreateInput {
  SubnetId?: string;
  Description?: string;
  PrivateIpAddress?: string;
  Groups?: string[];
  TagSpecifications?: TagSpecification[];
  ClientToken?: string;
  DryRun?: boolean;
}

const createNetworkInterface: OperationHandler = (ctx, input: CreateInput) => {
  rejectUnsupported('CreateNetworkInterface', input as Record<string, unknown>, ['SubnetId', 'Description', 'PrivateIpAddress', 'Groups', 'TagSpecifications', 'ClientToken']);
  if (input.SubnetId === undefined) throw missingParameter('SubnetId');
  const subnet = mustGet<Subnet>(ctx.store, KIND.subnet, ctx.region, input.SubnetId, 'subnet', 'subnet');
  if (input.ClientToken !== undefined) {
    const earlier = listInRegion<NetworkInterface>(ctx.store, KIND.networkInterface, ctx.region, (n) => n.clientToken === input.ClientToken)[0];
    if (earlier) {
      checkDryRun(input);
      return { NetworkInterface: networkInterfaceToWire(ctx.store, earlier), ClientToken: input.ClientToken };
    }
  }
  const tags = tagsFromSpecifications(input.TagSpecifications, 'network-interface');
  const groups = input.Groups?.length ? groupsForSubnet(ctx.store, ctx.region, subnet.vpcId, subnet.id, input.Groups) : [defaultGroupId(ctx.store, ctx.region, subnet.vpcId)];
  if (input.PrivateIpAddress !== undefined) allocatePrivateIp(ctx.store, subnet, input.PrivateIpAddress); // validation wins over DryRun
  checkDryRun(input);
  const eni = ctx.store.transact((tx) =>
    putNetworkInterface(tx, ctx, { subnet, groups, description: input.Description, privateIpAddress: input.PrivateIpAddress, tags, clientToken: input.ClientToken }),
  );
  // The create answer shows `pending`; Describe then shows `available` (CreateNetworkInterface CLI example).
  return { NetworkInterface: networkInterfaceToWire(ctx.store, eni, 'pending'), ClientToken: input.ClientToken };
};

interface DescribeInput {
  NetworkInterfaceIds?: string[];
  Filters?: Filter[];
  MaxResults?: number;
  NextToken?: string;
  IncludeManagedResources?: boolean;
  DryRun?: boolean;
}

const describeNetworkInterfaces: OperationHandler = (ctx, input: DescribeInput) => {
  // IncludeManagedResources only un-hides managed interfaces; localvpc never hides them.
  rejectUnsupported('DescribeNetworkInterfaces', input as Record<string, unknown>, ['NetworkInterfaceIds', 'Filters', 'MaxResults', 'NextToken', 'IncludeManagedResources']);
  if (input.MaxResults !== undefined && input.NetworkInterfaceIds?.length) {
    throw new AwsError('InvalidParameterCombination', 'The parameter networkInterfaceIdSet cannot be used with the parameter maxResults');
  }
  const selected = selectByIds<NetworkInterface>(ctx.store, KIND.networkInterface, ctx.region, input.NetworkInterfaceIds, 'eni', 'network-interface');
  checkDryRun(input);
  const matching = applyFilters(selected, input.Filters, interfaceFilters(ctx.store));
  const { page, nextToken } = paginate(matching, input, { min: 5, max: 1000 });
  return { NetworkInterfaces: page.map((n) => networkInterfaceToWire(ctx.store, n)), NextToken: nextToken };
};

const deleteNetworkInterface: OperationHandler = (ctx, input: { NetworkInterfaceId?: string; DryRun?: boolean }) => {
  rejectUnsupported('DeleteNetworkInterface', input as Record<string, unknown>, ['NetworkInterfaceId']);
  const eni = getInterface(ctx.store, ctx.region, input.NetworkInterfaceId);
  // Load balancer and endpoint interfaces answer InvalidParameterValue (observed, cloud-nuke#431);
  // an interface attached to an instance answers InvalidNetworkInterface.InUse (EC2 error codes).
  if (eni.requesterManaged) throw new AwsError('InvalidParameterValue', inUseMessage(eni.id));
  if (eni.attachment) throw new AwsError('InvalidNetworkInterface.InUse', inUseMessage(eni.id));
  checkDryRun(input);
  ctx.store.transact((tx) => tx.delete(KIND.networkInterface, eni.id));
  return {};
};

interface ModifyInput {
  NetworkInterfaceId?: string;
  Description?: { Value?: string };
  SourceDestCheck?: { Value?: boolean };
  Groups?: string[];
  Attachment?: { AttachmentId?: string; DeleteOnTermination?: boolean; EnaQueueCount?: number; DefaultEnaQueueCount?: boolean };
  DryRun?: boolean;
}

const modifyNetworkInterfaceAttribute: OperationHandler = (ctx, input: ModifyInput) => {
  rejectUnsupported('ModifyNetworkInterfaceAttribute', input as Record<string, unknown>, ['NetworkInterfaceId', 'Description', 'SourceDestCheck', 'Groups', 'Attachment']);
  const eni = getInterface(ctx.store, ctx.region, input.NetworkInterfaceId);
  const given = (['Description', 'SourceDestCheck', 'Groups', 'Attachment'] as const).filter((k) => input[k] !== undefined && !(k === 'Groups' && input.Groups!.length === 0));
  if (given.length === 0) throw new AwsError('MissingParameter', 'The request must contain the parameter description, sourceDestCheck, groupSet or attachment');
  // One attribute per call (ModifyNetworkInterfaceAttribute API reference).
  if (given.length > 1) throw new AwsError('InvalidParameterCombination', 'Fields for multiple attribute types specified: only one attribute can be modified at a time.');
  // Interfaces other services manage cannot be changed by the account (requester-managed-eni.html); wording inferred.
  if (eni.requesterManaged) throw new AwsError('OperationNotPermitted', `You are not allowed to modify the requester-managed network interface '${eni.id}'.`);
  let patch: Partial<NetworkInterface>;
  switch (given[0]) {
    case 'Description':
      patch = { description: input.Description!.Value ?? '' };
      break;
    case 'SourceDestCheck':
      if (input.SourceDestCheck!.Value === undefined) throw missingParameter('SourceDestCheck.Value');
      patch = { sourceDestCheck: input.SourceDestCheck!.Value };
      break;
    case 'Groups':
      patch = { groups: groupsForSubnet(ctx.store, ctx.region, eni.vpcId, eni.subnetId, input.Groups!) };
      break;
    default: {
      const change = input.Attachment!;
      if (change.EnaQueueCount !== undefined || change.DefaultEnaQueueCount !== undefined) {
        throw new NotImplementedError('The parameter Attachment.EnaQueueCount of ModifyNetworkInterfaceAttribute is not implemented by localvpc (ec2 2016-11-15).');
      }
      if (!eni.attachment || eni.attachment.attachmentId !== change.AttachmentId) {
        throw new AwsError('InvalidAttachmentID.NotFound', `The attachment ID '${change.AttachmentId ?? ''}' does not exist`);
      }
      patch = { attachment: { ...eni.attachment, deleteOnTermination: change.DeleteOnTermination ?? eni.attachment.deleteOnTermination } };
    }
  }
  checkDryRun(input);
  ctx.store.transact((tx) => {
    const current = tx.get<NetworkInterface>(KIND.networkInterface, eni.id)!;
    tx.put(KIND.networkInterface, { ...current, ...patch });
    // An instance's security groups are those of its primary interface.
    const a = current.attachment;
    if (patch.groups && a?.instanceId && a.deviceIndex === 0) {
      const instance = tx.get<Instance>(KIND.instance, a.instanceId);
      if (instance) tx.put(KIND.instance, { ...instance, securityGroupIds: patch.groups });
    }
  });
  return {};
};

interface AttachInput {
  NetworkInterfaceId?: string;
  InstanceId?: string;
  DeviceIndex?: number;
  NetworkCardIndex?: number;
  DryRun?: boolean;
}

const attachNetworkInterface: OperationHandler = (ctx, input: AttachInput) => {
  rejectUnsupported('AttachNetworkInterface', input as Record<string, unknown>, ['NetworkInterfaceId', 'InstanceId', 'DeviceIndex', 'NetworkCardIndex']);
  if (input.NetworkCardIndex !== undefined && input.NetworkCardIndex !== 0) {
    throw new NotImplementedError('Network cards other than 0 (AttachNetworkInterface NetworkCardIndex) are not implemented by localvpc.');
  }
  const eni = getInterface(ctx.store, ctx.region, input.NetworkInterfaceId);
  if (input.InstanceId === undefined) throw missingParameter('InstanceId');
  if (input.DeviceIndex === undefined) throw missingParameter('DeviceIndex');
  const instance = visibleInstance(ctx, input.InstanceId);
  // `Interface: [eni-…] in use.` (observed: hashicorp/terraform-provider-aws#27513).
  if (eni.attachment || eni.requesterManaged) throw new AwsError('InvalidNetworkInterface.InUse', `Interface: [${eni.id}] in use.`);
  if (instance.state !== 'running' && instance.state !== 'stopped') {
    throw new AwsError('IncorrectInstanceState', `The instance '${instance.id}' is not in a valid state for this operation.`);
  }
  if (instance.availabilityZone !== eni.availabilityZone) {
    throw new AwsError('InvalidParameterCombination', 'You may not attach a network interface to an instance if they are not in the same availability zone');
  }
  const device = input.DeviceIndex;
  const taken = instance.networkInterfaceIds.some((id) => ctx.store.get<NetworkInterface>(KIND.networkInterface, id)?.attachment?.deviceIndex === device);
  if (taken) throw new AwsError('InvalidParameterValue', `Instance '${instance.id}' already has an interface attached at device index '${device}'.`);
  checkDryRun(input);
  const attachment = instanceAttachment(ctx, instance.id, device, false);
  ctx.store.transact((tx) => {
    tx.put(KIND.networkInterface, { ...tx.get<NetworkInterface>(KIND.networkInterface, eni.id)!, status: 'in-use', attachment });
    const current = tx.get<Instance>(KIND.instance, instance.id)!;
    tx.put(KIND.instance, { ...current, networkInterfaceIds: [...current.networkInterfaceIds, eni.id] });
  });
  return { AttachmentId: attachment.attachmentId, NetworkCardIndex: 0 };
};

const detachNetworkInterface: OperationHandler = (ctx, input: { AttachmentId?: string; Force?: boolean; DryRun?: boolean }) => {
  // Force only matters when an instance does not answer; localvpc's detach always completes.
  rejectUnsupported('DetachNetworkInterface', input as Record<string, unknown>, ['AttachmentId', 'Force']);
  const id = input.AttachmentId;
  if (id === undefined) throw missingParameter('AttachmentId');
  if (!isEc2Id('eni-attach', id)) throw malformed('InvalidNetworkInterfaceAttachmentId.Malformed', id, 'eni-attach-...');
  const eni = listInRegion<NetworkInterface>(ctx.store, KIND.networkInterface, ctx.region, (n) => n.attachment?.attachmentId === id)[0];
  if (!eni) throw new AwsError('InvalidAttachmentID.NotFound', `The attachment ID '${id}' does not exist`);
  const a = eni.attachment!;
  // Attachments of managed interfaces (observed: boto/boto3#2218, "You are not allowed to manage 'ela-attach' attachments.").
  if (eni.requesterManaged || !a.instanceId) throw new AwsError('OperationNotPermitted', "You are not allowed to manage 'ela-attach' attachments.");
  // The primary interface cannot be detached (EC2 error codes, OperationNotPermitted); wording inferred.
  if (a.deviceIndex === 0) throw new AwsError('OperationNotPermitted', `The network interface at device index 0 cannot be detached.`);
  checkDryRun(input);
  ctx.store.transact((tx) => {
    const current = tx.get<NetworkInterface>(KIND.networkInterface, eni.id)!;
    const { attachment: _gone, ...rest } = current;
    tx.put(KIND.networkInterface, { ...rest, status: 'available' });
    const instance = tx.get<Instance>(KIND.instance, a.instanceId!);
    if (instance) tx.put(KIND.instance, { ...instance, networkInterfaceIds: instance.networkInterfaceIds.filter((n) => n !== eni.id) });
  });
  return {};
};

export const networkInterfaceHandlers: Record<string, OperationHandler> = {
  CreateNetworkInterface: createNetworkInterface,
  DescribeNetworkInterfaces: describeNetworkInterfaces,
  DeleteNetworkInterface: deleteNetworkInterface,
  ModifyNetworkInterfaceAttribute: modifyNetworkInterfaceAttribute,
  AttachNetworkInterface: attachNetworkInterface,
  DetachNetworkInterface: detachNetworkInterface,
};

/**
 * StopInstances, StartInstances, TerminateInstances (ec2-route53-acm.md §1.10). They write only
 * the requested transition (`stopping`, `pending`, `shutting-down`); the data plane's instance
 * runtime completes it (`stopped`, `running`, `terminated`). One bad id or one instance in a
 * state that forbids the change fails the whole call and changes nothing.
 */
import type { OperationContext, OperationHandler } from '../context.js';
import type { Tx } from '../../state/store.js';
import { KIND, type Instance, type InstanceStateName, type NetworkInterface } from '../../state/records/ec2.js';
import { AwsError } from '../../kernel/errors.js';
import { checkDryRun, missingParameter, rejectUnsupported } from './common/errors.js';
import { selectInstances } from './instance-visibility.js';
import { instanceStateToWire } from './instance-wire.js';

/** `User initiated (2024-05-01 12:00:00 GMT)`, the StateTransitionReason of a user's stop or terminate. */
export function userInitiated(now: Date): string {
  return `User initiated (${now.toISOString().slice(0, 19).replace('T', ' ')} GMT)`;
}

const USER_SHUTDOWN = { code: 'Client.UserInitiatedShutdown', message: 'Client.UserInitiatedShutdown: User initiated shutdown' };

/** The next state for an instance now in `from`: a new state, `from` itself (no change), or an error. */
type Transition = (instance: Instance) => InstanceStateName;

function stopTransition(i: Instance): InstanceStateName {
  switch (i.state) {
    case 'running':
      return 'stopping';
    case 'stopping':
    case 'stopped':
      return i.state;
    case 'pending':
      // Observed: cloud-custodian/cloud-custodian#6014.
      throw new AwsError('IncorrectInstanceState', `Instance '${i.id}' cannot be stopped as it has never reached the 'running' state.`);
    default:
      // Observed in CloudTrail and CloudFormation events.
      throw new AwsError('IncorrectInstanceState', `This instance '${i.id}' is not in a state from which it can be stopped.`);
  }
}

function startTransition(i: Instance): InstanceStateName {
  if (i.state === 'stopped') return 'pending';
  if (i.state === 'pending' || i.state === 'running') return i.state;
  // Observed: burstable-ai/burst#42.
  throw new AwsError('IncorrectInstanceState', `The instance '${i.id}' is not in a state from which it can be started.`);
}

function terminateTransition(i: Instance): InstanceStateName {
  return i.state === 'terminated' || i.state === 'shutting-down' ? i.state : 'shutting-down';
}

interface ChangeInput {
  InstanceIds?: string[];
  DryRun?: boolean;
}

/**
 * Plans every transition first (so one refusal changes nothing), then writes the changed
 * instances in one transaction; `apply` adds what the change does besides the state.
 */
function change(ctx: OperationContext, input: ChangeInput, transition: Transition, apply: (tx: Tx, instance: Instance, next: InstanceStateName) => Instance): Record<string, unknown>[] {
  if (!input.InstanceIds?.length) throw missingParameter('InstanceId');
  const instances = selectInstances(ctx, input.InstanceIds);
  const plan = instances.map((instance) => ({ instance, next: transition(instance) }));
  checkDryRun(input);
  ctx.store.transact((tx) => {
    for (const { instance, next } of plan) {
      if (next !== instance.state) tx.put(KIND.instance, apply(tx, tx.get<Instance>(KIND.instance, instance.id)!, next));
    }
  });
  return plan.map(({ instance, next }) => ({ InstanceId: instance.id, CurrentState: instanceStateToWire(next), PreviousState: instanceStateToWire(instance.state) }));
}

const stopInstances: OperationHandler = (ctx, input: ChangeInput & { Force?: boolean; SkipOsShutdown?: boolean; Hibernate?: boolean }) => {
  // Force and SkipOsShutdown change how a real guest shuts down, not the states; hibernation is not modelled.
  const { Hibernate, ...rest } = input;
  rejectUnsupported('StopInstances', Hibernate ? (input as Record<string, unknown>) : rest, ['InstanceIds', 'Force', 'SkipOsShutdown']);
  const now = ctx.clock.now();
  const changes = change(ctx, input, stopTransition, (_tx, i, next) => ({ ...i, state: next, stateTransitionReason: userInitiated(now), stateReason: USER_SHUTDOWN }));
  return { StoppingInstances: changes };
};

const startInstances: OperationHandler = (ctx, input: ChangeInput) => {
  rejectUnsupported('StartInstances', input as Record<string, unknown>, ['InstanceIds']);
  const changes = change(ctx, input, startTransition, (_tx, i, next) => {
    const { stateReason: _cleared, ...rest } = i;
    return { ...rest, state: next, stateTransitionReason: '' };
  });
  return { StartingInstances: changes };
};

/**
 * Terminate also releases the instance's interfaces in the same transaction: those marked
 * DeleteOnTermination are deleted, the others detached and left `available` (§1.9).
 */
const terminateInstances: OperationHandler = (ctx, input: ChangeInput & { Force?: boolean; SkipOsShutdown?: boolean }) => {
  rejectUnsupported('TerminateInstances', input as Record<string, unknown>, ['InstanceIds', 'Force', 'SkipOsShutdown']);
  const now = ctx.clock.now();
  const changes = change(ctx, input, terminateTransition, (tx, i, next) => {
    for (const id of i.networkInterfaceIds) {
      const eni = tx.get<NetworkInterface>(KIND.networkInterface, id);
      if (!eni || eni.attachment?.instanceId !== i.id) continue;
      if (eni.attachment.deleteOnTermination) {
        tx.delete(KIND.networkInterface, id);
      } else {
        const { attachment: _gone, ...rest } = eni;
        tx.put(KIND.networkInterface, { ...rest, status: 'available' });
      }
    }
    return { ...i, state: next, networkInterfaceIds: [], stateTransitionReason: userInitiated(now), stateReason: USER_SHUTDOWN };
  });
  return { TerminatingInstances: changes };
};

export const instanceLifecycleHandlers: Record<string, OperationHandler> = {
  StopInstances: stopInstances,
  StartInstances: startInstances,
  TerminateInstances: terminateInstances,
};

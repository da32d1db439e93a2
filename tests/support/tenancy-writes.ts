/**
 * An organisation's and its teams' events written through the tenancy deciders, as an admin's
 * commands would write them, for specs below the api that need them in the store.
 */
import { randomUUID } from 'node:crypto';
import { handleCommand } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import { runInTenant, type Clock } from '@stepwise/kernel';
import { organisationDecider, organisationStreamId, teamDecider, teamStreamId, type OrganisationCommand, type TeamCommand } from '@stepwise/tenancy-domain';

/** Who the commands are sent as: an ADMIN of the organisation (its creator, usually). */
export interface TenancyAdmin {
  readonly memberId: string;
  readonly subject: string;
}

export interface TenancyWrites {
  organisation(command: Omit<OrganisationCommand, 'metadata'>): Promise<unknown>;
  team(command: Omit<TeamCommand, 'metadata'>): Promise<unknown>;
}

export const tenancyWrites = (store: EventStore, clock: Clock, tenantId: string, admin: TenancyAdmin): TenancyWrites => {
  const run = <T>(work: () => Promise<T>): Promise<T> => runInTenant({ tenantId, correlationId: randomUUID() }, work);
  const metadata = () => ({ tenantId, commandId: randomUUID(), actorId: admin.memberId, correlationId: randomUUID() });
  return {
    organisation: (command) =>
      run(() =>
        handleCommand({
          store,
          decider: organisationDecider,
          streamId: organisationStreamId(tenantId),
          metadata: metadata(),
          command: () => ({ ...command, metadata: { now: clock.now(), actor: { subject: admin.subject } } }) as OrganisationCommand,
        }),
      ),
    team: (command) =>
      run(() =>
        handleCommand({
          store,
          decider: teamDecider,
          streamId: teamStreamId(command.data.teamId),
          metadata: metadata(),
          command: () => ({ ...command, metadata: { now: clock.now(), actor: { memberId: admin.memberId, orgRole: 'ADMIN' } } }) as TeamCommand,
        }),
      ),
  };
};

/**
 * The nudge policy's events as the command shell writes them, each to its own stream in a tenant's
 * log, and the policy's processor run over the log until it has read it all: what the processor and
 * migration specs of the policy set up before they look at its documents and outbox.
 */
import type { EventStore } from '@stepwise/event-store';
import { isJourneyEvent, journeyStreamId } from '@stepwise/journeys-domain';
import type { Clock } from '@stepwise/kernel';
import { notificationPreferencesStreamId, nudgeSettingsStreamId, type PolicyEvent } from '@stepwise/nudges-domain';
import { NUDGE_POLICY_PROCESSOR, nudgePolicyProjections } from '@stepwise/nudges-infrastructure';
import type { Storage } from '@stepwise/platform';
import { isTeamEvent, organisationStreamId, teamStreamId } from '@stepwise/tenancy-domain';
import { randomUUID } from 'node:crypto';
import { runProjectionsToTheEnd } from '../projection-catch-up';

export const policyStreamOf = (tenantId: string, event: PolicyEvent): string => {
  if (isJourneyEvent(event)) return journeyStreamId(event.data.journeyId);
  if (isTeamEvent(event)) return teamStreamId(event.data.teamId);
  if (event.type === 'NudgeSettingsChanged') return nudgeSettingsStreamId(tenantId);
  if (event.type === 'NotificationPreferencesChanged') return notificationPreferencesStreamId(event.data.memberId);
  return organisationStreamId(tenantId);
};

/** Appends the events one by one, in order, each to its stream. */
export const appendPolicyEvents = async (store: EventStore, tenantId: string, events: readonly PolicyEvent[]): Promise<void> => {
  for (const event of events) {
    await store.append(tenantId, policyStreamOf(tenantId, event), [{ id: randomUUID(), type: event.type, data: event.data as unknown as Record<string, unknown> }]);
  }
};

/** Runs the policy's processor from its stored checkpoint to the end of the log; answers the errors it met. */
export const runNudgePolicyToTheEnd = (storage: Storage, clock: Clock): Promise<unknown[]> =>
  runProjectionsToTheEnd(storage, { processor: NUDGE_POLICY_PROCESSOR, projections: nudgePolicyProjections({ clock }), pollIntervalMs: 20, retryMaxMs: 50 });

/**
 * A generated history for the read models: several organisations, each with every event type the
 * read models and analytics read, and the cases where events touch one row in turn (a step planned,
 * taken and reflected on; support offered twice; a member who leaves and comes back; a webhook
 * secret rotated twice; an integration set, cleared and set again). Typed by the domain unions, so
 * the events have the shapes the deciders write. Seeded: the same options give the same history.
 */
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@stepwise/event-store';
import { journeyStreamId, type JourneyEvent } from '@stepwise/journeys-domain';
import { seededRandom } from '@stepwise/kernel';
import {
  DEFAULT_NUDGE_SETTINGS,
  nudgeSettingsStreamId,
  notificationPreferencesStreamId,
  organisationSmtpStreamId,
  teamChannelsStreamId,
  webhookEndpointStreamId,
  type ChannelIntegrationEvent,
  type NudgePreferencesEvent,
  type WebhookEndpointEvent,
} from '@stepwise/nudges-domain';
import { organisationStreamId, teamStreamId, type OrganisationEvent, type TeamEvent } from '@stepwise/tenancy-domain';

export interface ReadModelHistoryOptions {
  readonly organisations: number;
  readonly journeysPerOrganisation: number;
  readonly roundsPerJourney: number;
  readonly seed: number;
}

export interface PendingAppend {
  readonly tenantId: string;
  readonly streamId: string;
  readonly events: NewEvent[];
}

type DomainEvent = OrganisationEvent | TeamEvent | JourneyEvent | NudgePreferencesEvent | WebhookEndpointEvent | ChannelIntegrationEvent;

const HOUR = 3_600_000;

/** One organisation's appends, in the order its streams would see them. */
const organisationHistory = (options: ReadModelHistoryOptions, o: number): { tenantId: string; appends: PendingAppend[] } => {
  const next = seededRandom(options.seed * 7_919 + o);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const tenantId = `org-rm-${options.seed}-${o}-${randomUUID().slice(0, 8)}`;
  const appends: PendingAppend[] = [];
  let clock = Date.parse('2026-03-02T08:00:00.000Z') + o * 5 * HOUR;
  const at = (hours = 1): string => {
    clock += Math.max(1, Math.round(hours * HOUR));
    return new Date(clock).toISOString();
  };
  const append = (streamId: string, ...events: DomainEvent[]): void => {
    appends.push({ tenantId, streamId, events: events.map((event) => ({ id: randomUUID(), type: event.type, data: { ...event.data } })) });
  };

  // The organisation and its members: roles, preferences, email, settings; one leaves, one comes back.
  const organisation = organisationStreamId(tenantId);
  const members = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5'];
  const joined = (memberId: string, subject: string): OrganisationEvent => ({
    type: 'MemberJoined',
    data: {
      organisationId: tenantId,
      memberId,
      subject,
      displayName: `Member ${memberId}`,
      email: next() < 0.5 ? `${memberId}@example.test` : null,
      orgRole: memberId === 'm0' ? 'ADMIN' : 'MEMBER',
      timezone: pick(['UTC', 'Europe/London', 'Pacific/Auckland']),
      quietHours: next() < 0.5 ? { start: '22:00', end: '07:00' } : null,
      addedBy: 'm0',
      at: at(0.1),
    },
  });
  append(
    organisation,
    { type: 'OrganisationCreated', data: { organisationId: tenantId, name: `Org ${o}`, slug: `org-${o}`, createdBy: 'm0', at: at() } },
    ...members.map((memberId) => joined(memberId, `${tenantId}|${memberId}`)),
  );
  append(
    organisation,
    { type: 'MemberRoleChanged', data: { organisationId: tenantId, memberId: 'm2', fromRole: 'MEMBER', toRole: 'ADMIN', changedBy: 'm0', at: at() } },
    { type: 'MemberPreferencesUpdated', data: { organisationId: tenantId, memberId: 'm3', timezone: 'Asia/Kolkata', quietHours: { start: '21:00', end: '06:30' }, updatedBy: 'm3', at: at() } },
    { type: 'MemberEmailChanged', data: { organisationId: tenantId, memberId: 'm3', email: 'm3@example.org', changedBy: 'm3', at: at() } },
    { type: 'OrganisationSettingsChanged', data: { organisationId: tenantId, timezone: 'Europe/Paris', minimumGroupSize: 4, stalledAfterDays: 10, reflectionWindowHours: 48, changedBy: 'm0', at: at() } },
  );

  // Two teams: subscriptions that change and end, members who join, change role, leave and return.
  const teams = ['t0', 't1'];
  for (const teamId of teams) {
    append(
      teamStreamId(teamId),
      { type: 'TeamCreated', data: { teamId, organisationId: tenantId, name: `Team ${teamId}`, createdBy: 'm0', at: at(0.2) } },
      { type: 'TeamSubscribed', data: { teamId, organisationId: tenantId, plan: 'STARTER', status: 'TRIALING', subscribedBy: 'm0', at: at(0.2) } },
      ...members.map(
        (memberId): TeamEvent => ({ type: 'TeamMemberJoined', data: { teamId, organisationId: tenantId, memberId, role: memberId === 'm1' ? 'LEADER' : 'STAFF', addedBy: 'm0', at: at(0.1) } }),
      ),
      { type: 'SubscriptionChanged', data: { teamId, organisationId: tenantId, fromPlan: 'STARTER', toPlan: 'GROWTH', fromStatus: 'TRIALING', toStatus: 'ACTIVE', changedBy: 'm0', at: at() } },
      { type: 'TeamMemberRoleChanged', data: { teamId, organisationId: tenantId, memberId: 'm4', fromRole: 'STAFF', toRole: 'LEADER', changedBy: 'm0', at: at() } },
    );
  }

  // Nudge settings, a member's preferences (twice), a webhook endpoint's whole life, and integrations.
  append(
    nudgeSettingsStreamId(tenantId),
    { type: 'NudgeSettingsChanged', data: { organisationId: tenantId, rules: DEFAULT_NUDGE_SETTINGS, changedBy: 'm0', at: at() } },
    {
      type: 'NudgeSettingsChanged',
      data: { organisationId: tenantId, rules: { ...DEFAULT_NUDGE_SETTINGS, REFLECT: { enabled: false, delayMinutes: 90, threshold: null } }, changedBy: 'm0', at: at() },
    },
  );
  append(
    notificationPreferencesStreamId('m2'),
    { type: 'NotificationPreferencesChanged', data: { organisationId: tenantId, memberId: 'm2', channels: [{ channel: 'EMAIL', address: 'm2@example.test' }], optedOut: [], dailyCap: 5, changedBy: 'm2', at: at() } },
    { type: 'NotificationPreferencesChanged', data: { organisationId: tenantId, memberId: 'm2', channels: [{ channel: 'IN_APP', address: null }], optedOut: ['WEEKLY_DIGEST'], dailyCap: 2, changedBy: 'm2', at: at() } },
  );
  const endpoint = (endpointId: string) => ({ organisationId: tenantId, endpointId });
  append(
    webhookEndpointStreamId('w0'),
    { type: 'WebhookEndpointRegistered', data: { ...endpoint('w0'), url: 'https://hooks.example.test/a', description: null, subscriptions: ['nudge.owed'], sealedSecret: 'sealed-1', registeredBy: 'm0', at: at() } },
    { type: 'WebhookEndpointUpdated', data: { ...endpoint('w0'), url: 'https://hooks.example.test/b', description: 'Ops', subscriptions: ['nudge.owed', 'nudge.delivered'], updatedBy: 'm0', at: at() } },
    { type: 'WebhookSecretRotated', data: { ...endpoint('w0'), sealedSecret: 'sealed-2', previousSecretExpiresAt: at(24), rotatedBy: 'm0', at: at() } },
    { type: 'WebhookSecretRotated', data: { ...endpoint('w0'), sealedSecret: 'sealed-3', previousSecretExpiresAt: at(24), rotatedBy: 'm0', at: at() } },
    { type: 'WebhookPreviousSecretExpired', data: { ...endpoint('w0'), expiredBy: 'm0', at: at() } },
    { type: 'WebhookEndpointDisabled', data: { ...endpoint('w0'), reason: 'GONE', statusCode: 410, disabledBy: 'system:delivery', at: at() } },
    { type: 'WebhookEndpointEnabled', data: { ...endpoint('w0'), enabledBy: 'm0', at: at() } },
  );
  append(
    webhookEndpointStreamId('w1'),
    { type: 'WebhookEndpointRegistered', data: { ...endpoint('w1'), url: 'https://hooks.example.test/c', description: null, subscriptions: [], sealedSecret: 'sealed-x', registeredBy: 'm0', at: at() } },
    { type: 'WebhookEndpointRemoved', data: { ...endpoint('w1'), removedBy: 'm0', at: at() } },
  );
  const team = { organisationId: tenantId, teamId: 't0' };
  append(
    teamChannelsStreamId('t0'),
    { type: 'TeamSlackIntegrationSet', data: { ...team, kind: 'BOT_TOKEN', sealedSecret: 'sealed-token', webhookHost: null, setBy: 'm0', at: at() } },
    { type: 'TeamTeamsIntegrationSet', data: { ...team, sealedUrl: 'sealed-url', host: 'teams.example.test', setBy: 'm0', at: at() } },
    { type: 'TeamSlackIntegrationCleared', data: { ...team, clearedBy: 'm0', at: at() } },
    { type: 'TeamTeamsIntegrationCleared', data: { ...team, clearedBy: 'm0', at: at() } },
    { type: 'TeamSlackIntegrationSet', data: { ...team, kind: 'INCOMING_WEBHOOK', sealedSecret: 'sealed-hook', webhookHost: 'hooks.slack.test', setBy: 'm0', at: at() } },
  );
  const smtp = (host: string): ChannelIntegrationEvent => ({
    type: 'OrganisationSmtpIntegrationSet',
    data: { organisationId: tenantId, host, port: 587, secure: false, username: 'mailer', sealedPassword: 'sealed-pw', fromAddress: 'coach@example.test', fromName: null, setBy: 'm0', at: at() },
  });
  append(organisationSmtpStreamId(tenantId), smtp('smtp.example.test'), { type: 'OrganisationSmtpIntegrationCleared', data: { organisationId: tenantId, clearedBy: 'm0', at: at() } }, smtp('mail.example.test'));

  // Journeys: every journey event, each step taken and reflected on by its owner and others.
  const endings: JourneyEvent['type'][] = ['JourneyCompleted', 'JourneyAbandoned', 'JourneyPaused'];
  for (let j = 0; j < options.journeysPerOrganisation; j += 1) {
    const journeyId = `j${j}`;
    const base = { journeyId, teamId: pick(teams) };
    const stream = journeyStreamId(journeyId);
    let chunk: JourneyEvent[] = [
      { type: 'JourneyStarted', data: { ...base, at: at(), title: `Journey ${j}`, startedBy: 'm1' } },
      { type: 'VisionArticulated', data: { ...base, at: at(), version: 1, statement: 'Calm mornings', expectations: ['fewer fires'], successSignals: ['on time'], articulatedBy: 'm1' } },
      { type: 'DirectionSet', data: { ...base, at: at(), direction: 'First way', setBy: 'm1' } },
    ];
    let direction = 'First way';
    let vision = 1;
    const reflections: string[] = [];
    const openSupport: { id: string; by: string }[] = [];
    const offered: { id: string; by: string }[] = [];
    const openCommitments: { id: string; memberId: string }[] = [];
    for (let round = 0; round < options.roundsPerJourney; round += 1) {
      const owner = pick(members.slice(1));
      const stepId = `s${round}`;
      chunk.push({ type: 'StepPlanned', data: { ...base, at: at(), stepId, title: `Step ${round} of ${journeyId}`, ownerId: owner, dueOn: next() < 0.5 ? '2026-09-01' : null, plannedBy: pick(['m1', owner]) } });
      if (next() < 0.15) {
        chunk.push({ type: 'StepDropped', data: { ...base, at: at(), stepId, ownerId: owner, reason: 'Not now', droppedBy: pick(['m1', owner]) } });
      } else {
        const takenAt = at(next() * 30);
        chunk.push({ type: 'StepTaken', data: { ...base, at: takenAt, stepId, ownerId: owner, takenBy: pick(['m1', owner]), takenAt } });
        for (const memberId of next() < 0.7 ? [pick(members), owner] : [pick(members)]) {
          const reflectionId = `r${reflections.length}`;
          reflections.push(reflectionId);
          const roll = next();
          chunk.push({
            type: 'ReflectionRecorded',
            data: {
              ...base,
              at: at(next() * 50),
              reflectionId,
              memberId,
              closer: roll < 0.4 ? 'YES' : roll < 0.8 ? 'NO' : 'UNSURE',
              comfort: 1 + Math.floor(next() * 5),
              note: next() < 0.3 ? 'Felt hard' : null,
              stepId: next() < 0.8 ? stepId : null,
              visionVersion: vision,
              direction,
            },
          });
        }
      }
      if (next() < 0.15) {
        const toDirection = `Way ${round}`;
        chunk.push({ type: 'PivotMade', data: { ...base, at: at(), pivotId: `p${round}`, fromDirection: direction, toDirection, reason: 'Not closer', reflectionIds: reflections.slice(-2), pivotedBy: 'm1' } });
        direction = toDirection;
      }
      if (next() < 0.1) {
        vision += 1;
        chunk.push({ type: 'VisionRevised', data: { ...base, at: at(), version: vision, statement: `Future ${vision}`, expectations: [], successSignals: ['shipped'], reason: 'Learned', revisedBy: 'm1' } });
      }
      if (next() < 0.2) {
        const request = { id: `q${round}`, by: owner };
        openSupport.push(request);
        chunk.push({ type: 'SupportRequested', data: { ...base, at: at(), requestId: request.id, memberId: owner, need: 'A hand' } });
      } else if (openSupport.length > 0 && next() < 0.5) {
        const request = openSupport.shift() as { id: string; by: string };
        offered.push(request);
        chunk.push({ type: 'SupportOffered', data: { ...base, at: at(), requestId: request.id, requestedBy: request.by, leaderId: 'm1', message: 'Here' } });
      } else if (offered.length > 0 && next() < 0.3) {
        // A second offer: the request is no longer open, the read model keeps the first.
        const request = offered[0];
        chunk.push({ type: 'SupportOffered', data: { ...base, at: at(), requestId: request.id, requestedBy: request.by, leaderId: 'm4', message: 'Me too' } });
      }
      if (next() < 0.2) {
        const commitment = { id: `c${round}`, memberId: owner };
        openCommitments.push(commitment);
        chunk.push({ type: 'CommitmentMade', data: { ...base, at: at(), commitmentId: commitment.id, memberId: owner, description: `Promise ${round}`, dueOn: '2026-10-01', madeBy: pick(['m1', owner]) } });
      } else if (openCommitments.length > 0 && next() < 0.4) {
        const commitment = openCommitments.shift() as { id: string; memberId: string };
        chunk.push({ type: next() < 0.5 ? 'CommitmentKept' : 'CommitmentMissed', data: { ...base, at: at(), commitmentId: commitment.id, memberId: commitment.memberId, markedBy: 'm1' } });
      }
      if (round === Math.floor(options.roundsPerJourney / 2)) {
        chunk.push({ type: 'JourneyPaused', data: { ...base, at: at(), reason: 'Holidays', pausedBy: 'm1' } }, { type: 'JourneyResumed', data: { ...base, at: at(), resumedBy: 'm1' } });
      }
      if (chunk.length >= 6) {
        append(stream, ...chunk);
        chunk = [];
      }
    }
    const ending = endings[j % endings.length];
    if (ending === 'JourneyCompleted') chunk.push({ type: ending, data: { ...base, at: at(), summary: next() < 0.5 ? 'We got there' : null, completedBy: 'm1' } });
    if (ending === 'JourneyAbandoned') chunk.push({ type: ending, data: { ...base, at: at(), reason: 'Priorities changed', abandonedBy: 'm1' } });
    if (ending === 'JourneyPaused') chunk.push({ type: ending, data: { ...base, at: at(), reason: 'Waiting', pausedBy: 'm1' } });
    if (chunk.length > 0) append(stream, ...chunk);
  }

  // Late changes: a team subscription ends; m5 leaves a team and the organisation, then comes back as a new subject.
  append(teamStreamId('t1'), { type: 'SubscriptionCancelled', data: { teamId: 't1', organisationId: tenantId, plan: 'GROWTH', reason: null, cancelledBy: 'm0', at: at() } });
  append(teamStreamId('t0'), { type: 'TeamMemberLeft', data: { teamId: 't0', organisationId: tenantId, memberId: 'm5', removedBy: 'm0', at: at() } });
  append(organisation, { type: 'MemberLeft', data: { organisationId: tenantId, memberId: 'm5', removedBy: 'm0', at: at() } });
  append(organisation, joined('m5', `${tenantId}|m5-again`), {
    type: 'MemberRoleChanged',
    data: { organisationId: tenantId, memberId: 'm5', fromRole: 'MEMBER', toRole: 'ADMIN', changedBy: 'm0', at: at() },
  });
  append(teamStreamId('t0'), { type: 'TeamMemberJoined', data: { teamId: 't0', organisationId: tenantId, memberId: 'm5', role: 'STAFF', addedBy: 'm0', at: at() } });
  return { tenantId, appends };
};

/** The appends of a generated history, organisations interleaved the way concurrent traffic writes them. */
export const generateReadModelHistory = (options: ReadModelHistoryOptions): { appends: PendingAppend[]; tenantIds: string[]; eventTypes: Set<string>; events: number } => {
  const organisations = Array.from({ length: options.organisations }, (_, o) => organisationHistory(options, o));
  const appends: PendingAppend[] = [];
  for (let index = 0; organisations.some((organisation) => index < organisation.appends.length); index += 1) {
    for (const organisation of organisations) if (index < organisation.appends.length) appends.push(organisation.appends[index]);
  }
  const events = appends.flatMap((append) => append.events);
  return { appends, tenantIds: organisations.map((organisation) => organisation.tenantId), eventTypes: new Set(events.map((event) => event.type)), events: events.length };
};

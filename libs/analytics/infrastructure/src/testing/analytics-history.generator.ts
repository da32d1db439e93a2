/**
 * A generated history for analytics tests: several organisations, teams whose members come and go,
 * journeys with steps, reflections, pivots, revisions, support and commitments, spread over months.
 * Seeded, so a failing run repeats. Events are appended per stream, in small chunks, in an order
 * that interleaves streams the way real traffic does.
 */
import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '@stepwise/event-store';
import { journeyStreamId } from '@stepwise/journeys-domain';
import { seededRandom } from '@stepwise/kernel';
import { organisationStreamId, teamStreamId } from '@stepwise/tenancy-domain';

export interface GeneratedHistoryOptions {
  readonly organisations: number;
  readonly journeysPerOrganisation: number;
  readonly roundsPerJourney: number;
  readonly seed: number;
  readonly start?: Date;
}

export interface PendingAppend {
  readonly tenantId: string;
  readonly streamId: string;
  readonly events: NewEvent[];
}

const TIMEZONES = ['UTC', 'Europe/London', 'Pacific/Auckland', 'America/Los_Angeles', 'Asia/Kolkata'];

const HOUR = 3_600_000;

/** The appends of a generated history, in the order to send them. */
export const generateHistory = (options: GeneratedHistoryOptions): { appends: PendingAppend[]; tenantIds: string[]; events: number } => {
  const next = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const perOrganisation: PendingAppend[][] = [];
  let appends: PendingAppend[] = [];
  const tenantIds: string[] = [];
  let events = 0;
  const event = (type: string, data: Record<string, unknown>): NewEvent => {
    events += 1;
    return { id: randomUUID(), type, data };
  };

  for (let o = 0; o < options.organisations; o += 1) {
    appends = [];
    perOrganisation.push(appends);
    const tenantId = `org-gen-${options.seed}-${o}-${randomUUID().slice(0, 8)}`;
    tenantIds.push(tenantId);
    let clock = (options.start ?? new Date('2026-06-01T08:00:00Z')).getTime() + o * 7 * HOUR;
    const at = (hours: number): string => {
      clock += hours * HOUR;
      return new Date(clock).toISOString();
    };
    const members = Array.from({ length: 6 }, (_, index) => `m${index}`);
    const orgEvents: NewEvent[] = [event('OrganisationCreated', { organisationId: tenantId, name: `Org ${o}`, slug: `org-${o}`, createdBy: 'm0', at: at(0) })];
    for (const memberId of members) {
      orgEvents.push(
        event('MemberJoined', {
          organisationId: tenantId,
          memberId,
          subject: `${tenantId}|${memberId}`,
          displayName: memberId,
          email: null,
          orgRole: memberId === 'm0' ? 'ADMIN' : 'MEMBER',
          timezone: pick(TIMEZONES),
          quietHours: null,
          addedBy: 'm0',
          at: at(0.1),
        }),
      );
    }
    appends.push({ tenantId, streamId: organisationStreamId(tenantId), events: orgEvents });
    const teams = ['t0', 't1'];
    const journeyTeams: string[] = [];
    for (const teamId of teams) {
      const teamEvents: NewEvent[] = [event('TeamCreated', { teamId, organisationId: tenantId, name: teamId, createdBy: 'm0', at: at(0.1) })];
      for (const memberId of members) {
        teamEvents.push(
          event('TeamMemberJoined', { teamId, organisationId: tenantId, memberId, role: memberId === 'm1' ? 'LEADER' : 'STAFF', addedBy: 'm0', at: at(0.1) }),
        );
      }
      appends.push({ tenantId, streamId: teamStreamId(teamId), events: teamEvents });
    }

    for (let j = 0; j < options.journeysPerOrganisation; j += 1) {
      const journeyId = `j${j}`;
      const teamId = pick(teams);
      journeyTeams.push(teamId);
      const base = { journeyId, teamId };
      let chunk: NewEvent[] = [
        event('JourneyStarted', { ...base, at: at(1), title: `Journey ${j}`, startedBy: 'm1' }),
        event('VisionArticulated', { ...base, at: at(1), version: 1, statement: 'A future', expectations: [], successSignals: [], articulatedBy: 'm1' }),
        event('DirectionSet', { ...base, at: at(1), direction: 'First way', setBy: 'm1' }),
      ];
      let direction = 'First way';
      let vision = 1;
      let stepCount = 0;
      const reflectionIds: string[] = [];
      const openSupport: string[] = [];
      const openCommitments: { id: string; memberId: string }[] = [];
      for (let round = 0; round < options.roundsPerJourney; round += 1) {
        const owner = pick(members.slice(1));
        const stepId = `s${(stepCount += 1)}`;
        chunk.push(event('StepPlanned', { ...base, at: at(next() * 30), stepId, title: `Step ${stepId}`, ownerId: owner, dueOn: null, plannedBy: owner }));
        if (next() < 0.1) {
          chunk.push(event('StepDropped', { ...base, at: at(next() * 10), stepId, ownerId: owner, reason: 'Not now', droppedBy: owner }));
        } else {
          const takenAt = at(next() * 48);
          chunk.push(event('StepTaken', { ...base, at: takenAt, stepId, ownerId: owner, takenBy: owner, takenAt }));
          const reflectors = next() < 0.8 ? [owner, pick(members)] : [pick(members)];
          for (const memberId of reflectors) {
            const reflectionId = `r${reflectionIds.length + 1}`;
            reflectionIds.push(reflectionId);
            const roll = next();
            chunk.push(
              event('ReflectionRecorded', {
                ...base,
                at: at(next() * 100),
                reflectionId,
                memberId,
                closer: roll < 0.45 ? 'YES' : roll < 0.85 ? 'NO' : 'UNSURE',
                comfort: 1 + Math.floor(next() * 5),
                note: null,
                stepId: next() < 0.8 ? stepId : null,
                visionVersion: vision,
                direction,
              }),
            );
          }
        }
        if (next() < 0.12) {
          const toDirection = `Way ${round}`;
          chunk.push(
            event('PivotMade', { ...base, at: at(next() * 5), pivotId: `p${round}`, fromDirection: direction, toDirection, reason: 'Not closer', reflectionIds: reflectionIds.slice(-2), pivotedBy: 'm1' }),
          );
          direction = toDirection;
        }
        if (next() < 0.05) {
          vision += 1;
          chunk.push(
            event('VisionRevised', { ...base, at: at(next() * 5), version: vision, statement: `Future ${vision}`, expectations: [], successSignals: [], reason: 'Learned', revisedBy: 'm1' }),
          );
        }
        if (next() < 0.1) {
          const requestId = `q${round}`;
          openSupport.push(requestId);
          chunk.push(event('SupportRequested', { ...base, at: at(next() * 5), requestId, memberId: owner, need: 'Help' }));
        } else if (openSupport.length > 0 && next() < 0.3) {
          const requestId = openSupport.shift();
          chunk.push(event('SupportOffered', { ...base, at: at(next() * 5), requestId, requestedBy: owner, leaderId: 'm1', message: 'Here' }));
        }
        if (next() < 0.1) {
          const commitmentId = `c${round}`;
          openCommitments.push({ id: commitmentId, memberId: owner });
          chunk.push(
            event('CommitmentMade', { ...base, at: at(1), commitmentId, memberId: owner, description: 'Do it', dueOn: new Date(clock + 7 * 24 * HOUR).toISOString().slice(0, 10), madeBy: owner }),
          );
        } else if (openCommitments.length > 0 && next() < 0.3) {
          const commitment = openCommitments.shift();
          chunk.push(event(next() < 0.6 ? 'CommitmentKept' : 'CommitmentMissed', { ...base, at: at(1), commitmentId: commitment?.id, memberId: commitment?.memberId, markedBy: 'm1' }));
        }
        if (chunk.length >= 8) {
          appends.push({ tenantId, streamId: journeyStreamId(journeyId), events: chunk });
          chunk = [];
        }
      }
      if (next() < 0.3) chunk.push(event('JourneyPaused', { ...base, at: at(1), reason: 'Break', pausedBy: 'm1' }));
      if (chunk.length > 0) appends.push({ tenantId, streamId: journeyStreamId(journeyId), events: chunk });
    }
    // Someone takes a step, leaves the organisation and is added again under a new member id (the
    // same sign-in subject), then reflects on that step: it is their own, so it closes its loop.
    const rejoined = { journeyId: 'j0', teamId: journeyTeams[0] ?? 't0', stepId: 'rejoin-step' };
    appends.push({
      tenantId,
      streamId: journeyStreamId('j0'),
      events: [
        event('StepPlanned', { ...rejoined, at: at(1), title: 'Before leaving', ownerId: 'm5', dueOn: null, plannedBy: 'm5' }),
        event('StepTaken', { ...rejoined, at: at(1), ownerId: 'm5', takenBy: 'm5', takenAt: at(0) }),
      ],
    });
    appends.push({
      tenantId,
      streamId: organisationStreamId(tenantId),
      events: [
        event('MemberLeft', { organisationId: tenantId, memberId: 'm5', removedBy: 'm0', at: at(1) }),
        event('MemberJoined', {
          organisationId: tenantId,
          memberId: 'm5-again',
          subject: `${tenantId}|m5`,
          displayName: 'm5',
          email: null,
          orgRole: 'MEMBER',
          timezone: 'UTC',
          quietHours: null,
          addedBy: 'm0',
          at: at(1),
        }),
      ],
    });
    appends.push({
      tenantId,
      streamId: journeyStreamId('j0'),
      events: [
        event('ReflectionRecorded', {
          ...rejoined,
          at: at(2),
          reflectionId: 'rejoin-reflection',
          memberId: 'm5-again',
          closer: 'YES',
          comfort: 4,
          note: null,
          visionVersion: 1,
          direction: 'First way',
        }),
      ],
    });
    // Someone leaves a team and comes back later: membership history keeps both stays.
    appends.push({ tenantId, streamId: teamStreamId('t0'), events: [event('TeamMemberLeft', { teamId: 't0', organisationId: tenantId, memberId: 'm5', removedBy: 'm0', at: at(1) })] });
    appends.push({
      tenantId,
      streamId: teamStreamId('t0'),
      events: [event('TeamMemberJoined', { teamId: 't0', organisationId: tenantId, memberId: 'm5', role: 'STAFF', addedBy: 'm0', at: at(24) })],
    });
  }
  // Round robin over organisations: each stream keeps its own order, the log interleaves them.
  const interleaved: PendingAppend[] = [];
  for (let index = 0; perOrganisation.some((list) => index < list.length); index += 1) {
    for (const list of perOrganisation) if (index < list.length) interleaved.push(list[index]);
  }
  return { appends: interleaved, tenantIds, events };
};

/** Appends a generated history, one stream chunk at a time. */
export const appendHistory = async (store: EventStore, appends: readonly PendingAppend[]): Promise<void> => {
  for (const { tenantId, streamId, events } of appends) await store.append(tenantId, streamId, events);
};

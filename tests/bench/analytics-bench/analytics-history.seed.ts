/**
 * The history `npm run bench:analytics` reads: organisations with members and teams, and journeys
 * with visions, directions, steps planned and taken or dropped, reflections, pivots, vision
 * revisions, support and commitments, in the order the deciders record them (a step is planned
 * before it is taken, a reflection follows its step, a pivot names reflections already recorded, a
 * commitment is made before it is kept or missed). The shapes are those of the analytics generator
 * (`libs/analytics/infrastructure/src/testing`), which the projections' specs decode and apply.
 * Each journey's events spread over the weeks before now, so the queries' default window (the last
 * 12 weeks) holds data. Seeded: the same options give the same history.
 *
 * It is appended through the event store's `append`, a stream chunk (up to 16 events) per call, by
 * several writers at once, each working through its own organisations in stream order.
 */
import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '@stepwise/event-store';
import { journeyStreamId } from '@stepwise/journeys-domain';
import { seededRandom } from '@stepwise/kernel';
import { organisationStreamId, teamStreamId } from '@stepwise/tenancy-domain';

export interface BenchHistoryOptions {
  readonly events: number;
  readonly organisations: number;
  readonly journeys: number;
  readonly seed: number;
  /** The last event's time; histories end here. */
  readonly now: Date;
}

export interface BenchOrganisation {
  readonly organisationId: string;
  readonly adminSubject: string;
  readonly leaderSubject: string;
  readonly teamIds: readonly string[];
}

interface PendingAppend {
  readonly tenantId: string;
  readonly streamId: string;
  readonly events: NewEvent[];
}

const TIMEZONES = ['UTC', 'Europe/London', 'Pacific/Auckland', 'America/Los_Angeles', 'Asia/Kolkata'];
const MEMBERS = 12;
const TEAMS = 3;
const CHUNK = 16;
const HOUR = 3_600_000;
/** How far back the journeys reach. */
const SPAN_HOURS = 30 * 7 * 24;

/** A deterministic uuid-shaped id (the api takes ids as given; uniqueness comes from the seed and index). */
const idFor = (next: () => number): string => {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** The organisations of a history: ids and the subjects of the admin and a team leader. */
export const benchOrganisations = (options: BenchHistoryOptions): BenchOrganisation[] => {
  const next = seededRandom(options.seed);
  return Array.from({ length: options.organisations }, (_, o) => ({
    organisationId: idFor(next),
    adminSubject: `bench-${options.seed}-${o}-m0`,
    leaderSubject: `bench-${options.seed}-${o}-m1`,
    teamIds: Array.from({ length: TEAMS }, () => idFor(next)),
  }));
};

/** One organisation's appends, in the order to send them. */
const organisationHistory = (options: BenchHistoryOptions, organisation: BenchOrganisation, index: number): PendingAppend[] => {
  const next = seededRandom(options.seed * 7919 + index);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const tenantId = organisation.organisationId;
  const event = (type: string, data: Record<string, unknown>): NewEvent => ({ id: randomUUID(), type, data });
  const appends: PendingAppend[] = [];
  const end = options.now.getTime();
  let clock = end - (SPAN_HOURS + 24) * HOUR;
  const at = (hours: number): string => {
    clock += hours * HOUR;
    return new Date(clock).toISOString();
  };

  const members = Array.from({ length: MEMBERS }, (_, m) => ({ memberId: idFor(next), subject: `bench-${options.seed}-${index}-m${m}` }));
  const [admin, leader] = members;
  const orgEvents: NewEvent[] = [event('OrganisationCreated', { organisationId: tenantId, name: `Bench org ${index}`, slug: `bench-org-${options.seed}-${index}`, createdBy: admin.memberId, at: at(0) })];
  for (const member of members) {
    orgEvents.push(
      event('MemberJoined', {
        organisationId: tenantId,
        memberId: member.memberId,
        subject: member.subject,
        displayName: `Member ${member.subject}`,
        email: null,
        orgRole: member === admin ? 'ADMIN' : 'MEMBER',
        timezone: pick(TIMEZONES),
        quietHours: null,
        addedBy: admin.memberId,
        at: at(0.1),
      }),
    );
  }
  appends.push({ tenantId, streamId: organisationStreamId(tenantId), events: orgEvents });
  const staffOf = new Map<string, string[]>();
  for (const [t, teamId] of organisation.teamIds.entries()) {
    // The leader leads every team; the others are split across the teams.
    const staff = members.slice(2).filter((_, m) => m % TEAMS === t).map((member) => member.memberId);
    staffOf.set(teamId, staff);
    const teamEvents: NewEvent[] = [event('TeamCreated', { teamId, organisationId: tenantId, name: `Team ${t}`, createdBy: admin.memberId, at: at(0.1) })];
    teamEvents.push(event('TeamMemberJoined', { teamId, organisationId: tenantId, memberId: leader.memberId, role: 'LEADER', addedBy: admin.memberId, at: at(0.1) }));
    for (const memberId of staff) teamEvents.push(event('TeamMemberJoined', { teamId, organisationId: tenantId, memberId, role: 'STAFF', addedBy: admin.memberId, at: at(0.1) }));
    appends.push({ tenantId, streamId: teamStreamId(teamId), events: teamEvents });
  }

  const journeys = Math.floor(options.journeys / options.organisations) + (index < options.journeys % options.organisations ? 1 : 0);
  const eventsPerJourney = Math.max(8, Math.floor((options.events / options.organisations - orgEvents.length - TEAMS * 6) / Math.max(1, journeys)));
  // Journeys run side by side over the span: each one's events advance its own clock.
  const journeyStart = clock;
  for (let j = 0; j < journeys; j += 1) {
    clock = journeyStart + next() * 24 * HOUR;
    const gap = (SPAN_HOURS / eventsPerJourney) * 1.9;
    const journeyId = idFor(next);
    const teamId = pick(organisation.teamIds);
    const staff = staffOf.get(teamId) ?? [];
    const base = { journeyId, teamId };
    let count = 0;
    const journeyEvent = (type: string, data: Record<string, unknown>): NewEvent => {
      count += 1;
      return event(type, { ...base, at: at(next() * gap), ...data });
    };
    let chunk: NewEvent[] = [
      journeyEvent('JourneyStarted', { title: `Journey ${j}`, startedBy: leader.memberId }),
      journeyEvent('VisionArticulated', { version: 1, statement: 'A future', expectations: ['Feedback is specific'], successSignals: ['Drafts arrive'], articulatedBy: leader.memberId }),
      journeyEvent('DirectionSet', { direction: 'First way', setBy: leader.memberId }),
    ];
    let direction = 'First way';
    let vision = 1;
    let steps = 0;
    let reflectionCount = 0;
    const notCloser: string[] = [];
    const openSupport: { requestId: string; memberId: string }[] = [];
    const openCommitments: { commitmentId: string; memberId: string }[] = [];
    for (let round = 0; count < eventsPerJourney - 1; round += 1) {
      const owner = staff.length > 0 ? pick(staff) : leader.memberId;
      const stepId = `s${(steps += 1)}`;
      chunk.push(journeyEvent('StepPlanned', { stepId, title: `Step ${stepId}`, ownerId: owner, dueOn: null, plannedBy: owner }));
      if (next() < 0.1) {
        chunk.push(journeyEvent('StepDropped', { stepId, ownerId: owner, reason: 'Not now', droppedBy: owner }));
      } else {
        const taken = journeyEvent('StepTaken', { stepId, ownerId: owner, takenBy: owner });
        (taken.data as Record<string, unknown>).takenAt = (taken.data as Record<string, unknown>).at;
        chunk.push(taken);
        // The owner and, mostly, one other member: a member reflects on a step once.
        const others = [leader.memberId, ...staff].filter((memberId) => memberId !== owner);
        for (const memberId of next() < 0.8 && others.length > 0 ? [owner, pick(others)] : [owner]) {
          const reflectionId = `r${(reflectionCount += 1)}`;
          const roll = next();
          const closer = roll < 0.45 ? 'YES' : roll < 0.85 ? 'NO' : 'UNSURE';
          // A pivot cites answers that were not closer, given under the direction it leaves.
          if (closer !== 'YES') notCloser.push(reflectionId);
          chunk.push(
            journeyEvent('ReflectionRecorded', {
              reflectionId,
              memberId,
              closer,
              comfort: 1 + Math.floor(next() * 5),
              note: null,
              stepId: next() < 0.8 ? stepId : null,
              visionVersion: vision,
              direction,
            }),
          );
        }
      }
      if (next() < 0.08 && notCloser.length >= 2) {
        const toDirection = `Way ${round}`;
        chunk.push(journeyEvent('PivotMade', { pivotId: `p${round}`, fromDirection: direction, toDirection, reason: 'Not closer', reflectionIds: notCloser.slice(-2), pivotedBy: leader.memberId }));
        direction = toDirection;
        notCloser.length = 0;
      }
      if (next() < 0.03) {
        vision += 1;
        chunk.push(journeyEvent('VisionRevised', { version: vision, statement: `Future ${vision}`, expectations: ['Feedback is specific'], successSignals: ['Drafts arrive'], reason: 'Learned', revisedBy: leader.memberId }));
      }
      if (next() < 0.08) {
        const request = { requestId: `q${round}`, memberId: owner };
        openSupport.push(request);
        chunk.push(journeyEvent('SupportRequested', { requestId: request.requestId, memberId: owner, need: 'Help' }));
      } else if (openSupport.length > 0 && next() < 0.3) {
        const request = openSupport.shift();
        chunk.push(journeyEvent('SupportOffered', { requestId: request?.requestId, requestedBy: request?.memberId, leaderId: leader.memberId, message: 'Here' }));
      }
      if (next() < 0.08) {
        const commitment = { commitmentId: `c${round}`, memberId: owner };
        openCommitments.push(commitment);
        chunk.push(
          journeyEvent('CommitmentMade', { commitmentId: commitment.commitmentId, memberId: owner, description: 'Do it', dueOn: new Date(clock + 7 * 24 * HOUR).toISOString().slice(0, 10), madeBy: owner }),
        );
      } else if (openCommitments.length > 0 && next() < 0.3) {
        const commitment = openCommitments.shift();
        chunk.push(journeyEvent(next() < 0.6 ? 'CommitmentKept' : 'CommitmentMissed', { commitmentId: commitment?.commitmentId, memberId: commitment?.memberId, markedBy: leader.memberId }));
      }
      if (chunk.length >= CHUNK) {
        appends.push({ tenantId, streamId: journeyStreamId(journeyId), events: chunk });
        chunk = [];
      }
    }
    if (next() < 0.2) chunk.push(journeyEvent('JourneyPaused', { reason: 'Break', pausedBy: leader.memberId }));
    if (chunk.length > 0) appends.push({ tenantId, streamId: journeyStreamId(journeyId), events: chunk });
  }
  return interleaveStreams(appends);
};

/** Streams of one organisation side by side (each keeps its order; the organisation and teams first). */
const interleaveStreams = (appends: readonly PendingAppend[]): PendingAppend[] => {
  const byStream = new Map<string, PendingAppend[]>();
  for (const append of appends) byStream.set(append.streamId, [...(byStream.get(append.streamId) ?? []), append]);
  const heads = appends.filter((append) => !append.streamId.startsWith(journeyStreamId('')));
  const queues = [...byStream.values()].filter((list) => list[0].streamId.startsWith(journeyStreamId('')));
  const out = [...heads];
  for (let index = 0; queues.some((list) => index < list.length); index += 1) for (const list of queues) if (index < list.length) out.push(list[index]);
  return out;
};

export interface SeedFigures {
  readonly events: number;
  readonly appends: number;
  readonly ms: number;
}

/**
 * Appends the whole history with `writers` concurrent writers; each writer takes the next
 * organisation not yet written and appends its chunks one after another (its streams in order).
 */
export const seedHistory = async (
  store: EventStore,
  options: BenchHistoryOptions,
  organisations: readonly BenchOrganisation[],
  writers: number,
  onProgress: (events: number) => void,
): Promise<SeedFigures> => {
  const started = Date.now();
  let events = 0;
  let appendCount = 0;
  let nextOrganisation = 0;
  const writer = async (): Promise<void> => {
    for (let index = nextOrganisation++; index < organisations.length; index = nextOrganisation++) {
      for (const { tenantId, streamId, events: batch } of organisationHistory(options, organisations[index], index)) {
        await store.append(tenantId, streamId, batch);
        events += batch.length;
        appendCount += 1;
        if (appendCount % 500 === 0) onProgress(events);
      }
    }
  };
  await Promise.all(Array.from({ length: writers }, () => writer()));
  return { events, appends: appendCount, ms: Date.now() - started };
};

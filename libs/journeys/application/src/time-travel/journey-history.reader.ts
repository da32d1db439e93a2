import { decodeEvent, readWholeStream, type EventStore } from '@stepwise/event-store';
import { journeyEventSchemaVersions, journeyStreamId } from '@stepwise/journeys-domain';
import { NotFoundError, ValidationError } from '@stepwise/kernel';
import { organisationEventSchemaVersions, organisationStreamId } from '@stepwise/tenancy-domain';
import type { ReflectionTally } from '../journeys-read.port';
import { journeyAsOf, type JourneyAsOf } from './journey-as-of.fold';

export class JourneyNotStartedAsOfError extends NotFoundError {
  constructor(asOf: Date) {
    super('JOURNEY_NOT_STARTED_AS_OF', 'The journey had not started at that instant', { asOf: asOf.toISOString() });
  }
}

/**
 * Time travel: folds one journey's stream (never the global log), all of it however long, as of a
 * past instant. Who may see the journey is checked before, by the same rule as the live query.
 */
export class JourneyHistoryReader {
  constructor(private readonly store: EventStore) {}

  /** Refuses an instant after `now` (the future is not history) and one before the journey started. */
  async asOf(tenantId: string, journeyId: string, instant: Date, now: Date): Promise<JourneyAsOf> {
    if (Number.isNaN(instant.getTime())) {
      throw new ValidationError('asOf must be an ISO 8601 timestamp with a timezone', { field: 'asOf', reason: 'INVALID_DATE_TIME' });
    }
    if (instant.getTime() > now.getTime()) {
      throw new ValidationError('asOf must not be in the future', { field: 'asOf', reason: 'IN_THE_FUTURE', now: now.toISOString() });
    }
    const recorded = await readWholeStream(this.store, tenantId, journeyStreamId(journeyId));
    const events = recorded.map((event) => ({ event: decodeEvent(journeyEventSchemaVersions, event), version: event.streamVersion }));
    const found = journeyAsOf(events, instant);
    if (!found) throw new JourneyNotStartedAsOfError(instant);
    return found.tally.answers.length === 0 ? found : { ...found, tally: await this.asPeople(tenantId, found.tally) };
  }

  /**
   * The tally with each answer's person: the subject the member joined with (the organisation stream
   * keeps it for those who left), so someone who left and was added again under a new member id is
   * one person, as the live tally counts them.
   */
  private async asPeople(tenantId: string, tally: ReflectionTally): Promise<ReflectionTally> {
    const subjects = new Map<string, string>();
    for (const recorded of await readWholeStream(this.store, tenantId, organisationStreamId(tenantId))) {
      const event = decodeEvent(organisationEventSchemaVersions, recorded);
      if (event.type === 'MemberJoined') subjects.set(event.data.memberId, event.data.subject);
    }
    const answers = tally.answers.map((answer) => ({ ...answer, person: subjects.get(answer.memberId) ?? answer.memberId }));
    return { ...tally, people: new Set(answers.map((answer) => answer.person)).size, answers };
  }
}

export const JOURNEY_HISTORY_READER = Symbol('stepwise.journey-history-reader');

import type { RecordedEvent } from '@stepwise/event-store';
import type { JourneyEvent } from '@stepwise/journeys-domain';

/**
 * A recorded event as the journey event it is. Trusts the log: the runner hands a projection only
 * the types it listed, and the decider wrote their data (upcasters bring old versions up to date).
 */
export const journeyEventOf = <E extends JourneyEvent = JourneyEvent>(recorded: RecordedEvent): E =>
  ({ type: recorded.type, data: recorded.data }) as unknown as E;

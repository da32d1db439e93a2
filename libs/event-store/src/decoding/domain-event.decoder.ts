/**
 * The one way from a recorded event to a domain event: command handlers folding a stream and
 * projections applying the log both come through here. The stored type must belong to the union
 * and (after upcasting) be at the version the domain writes today; anything else is refused with
 * a coded error naming the event, never cast into a shape it does not have.
 */
import { CodedError, isEventTypeOf, type EventSchemaVersions } from '@stepwise/kernel';
import type { RecordedEvent } from '../event-store.port';

/** What decoding looks at: a recorded event, or one a command handler has just appended and knows whole. */
export type DecodableEvent = Pick<RecordedEvent, 'id' | 'type' | 'schemaVersion' | 'data' | 'streamId'>;

export class UndecodableEventError extends CodedError {
  /** `cause`: what failed on the way (an upcaster's own error), kept for the logs. */
  constructor(recorded: DecodableEvent, reason: string, cause?: unknown) {
    super('EVENT_NOT_DECODABLE', `Event ${recorded.id} (${recorded.type} v${recorded.schemaVersion}) ${reason}`, {
      eventId: recorded.id,
      eventType: recorded.type,
      schemaVersion: recorded.schemaVersion,
      streamId: recorded.streamId,
    });
    if (cause !== undefined) this.cause = cause;
  }
}

export const decodeEvent = <Event extends { readonly type: string; readonly data: object }>(
  versions: EventSchemaVersions<Event>,
  recorded: DecodableEvent,
): Event => {
  if (!isEventTypeOf(versions, recorded.type)) throw new UndecodableEventError(recorded, 'is not an event of this kind');
  const current = versions[recorded.type];
  if (recorded.schemaVersion !== current) {
    throw new UndecodableEventError(recorded, `is stored at a schema version no upcaster brings to today's (v${current})`);
  }
  // Sound by the checks above: this type at this version is the shape the domain declares for it.
  return { type: recorded.type, data: recorded.data } as unknown as Event;
};

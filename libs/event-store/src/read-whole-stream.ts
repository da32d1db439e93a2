import { READ_LIMITS } from './append/append.limits';
import type { EventStore, RecordedEvent } from './event-store.port';

/**
 * Every event of a stream from `fromVersion` (default 1) to its head, page by page: one readStream
 * returns at most READ_LIMITS.maxCount events (READ_LIMITS.defaultStreamCount when not asked for
 * more), so a fold over a whole stream that reads once stops short on a long one.
 */
export const readWholeStream = async (store: EventStore, tenantId: string, streamId: string, fromVersion = 1): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (let from = fromVersion; ; ) {
    const page = await store.readStream(tenantId, streamId, { fromVersion: from, maxCount: READ_LIMITS.maxCount });
    events.push(...page);
    if (page.length < READ_LIMITS.maxCount) return events;
    from = page[page.length - 1].streamVersion + 1;
  }
};

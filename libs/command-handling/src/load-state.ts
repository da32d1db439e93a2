import type { EventSourcedDecider } from '@stepwise/kernel';
import type { EventStore } from '@stepwise/event-store';
import { processStreamStateCache } from './command-side.defaults';
import type { DomainEvent } from './domain-event';
import { currentStreamReadBatch } from './stream-read.batch';
import type { StreamStateCache } from './stream-state.cache';
import { readStreamState } from './stream-state.reader';

/**
 * Another aggregate's current state, for handlers that need it to decide. Cached like the command's
 * own stream: only the events since the cached version are read. Inside a command (its `alongside`
 * or `command`), the read joins the attempt's batch: one statement with the command's own stream.
 */
export const loadState = async <Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: EventSourcedDecider<Command, Event, State>,
  tenantId: string,
  streamId: string,
  cache: StreamStateCache = processStreamStateCache,
): Promise<{ state: State; version: number }> => {
  const batch = currentStreamReadBatch();
  const { state, version } = batch?.serves(store, cache, tenantId)
    ? await batch.state(decider, streamId)
    : await readStreamState(store, cache, decider, tenantId, streamId);
  return { state, version };
};

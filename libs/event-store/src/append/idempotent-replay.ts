/**
 * Decides whether stored events are exactly an earlier, identical append: the same ids in the same
 * order, in the same stream at consecutive versions, all written by one append (one statement) that
 * wrote nothing else. If so its original result is returned and nothing is written. Any other overlap
 * (part of an earlier append, parts of two, a reordering) is DUPLICATE_EVENT_ID: a retry resends what
 * it sent, so anything less is a different append that happens to reuse ids.
 */
import { DuplicateEventIdError } from '../event-store.errors';
import type { AppendResult } from '../event-store.port';
import type { PreparedAppend } from './new-events.validator';

export interface StoredEventIdentity {
  readonly id: string;
  readonly tenant_id: string;
  readonly stream_id: string;
  readonly stream_version: number;
  readonly global_position: number;
  readonly tx_id: string;
  /** The command id, within its transaction, of the statement that wrote the event. */
  readonly cmin: string;
  /** That statement also wrote a neighbouring version of the stream that is not in this append. */
  readonly append_continues: boolean;
}

export const originalResult = (append: PreparedAppend, stored: readonly StoredEventIdentity[]): AppendResult => {
  const byId = new Map(stored.map((event) => [event.id, event]));
  const first = byId.get(append.ids[0]);
  const matches =
    first !== undefined &&
    stored.length === append.ids.length &&
    append.ids.every((id, index) => {
      const event = byId.get(id);
      return (
        event !== undefined &&
        event.tenant_id === append.tenantId &&
        event.stream_id === append.streamId &&
        Number(event.stream_version) === Number(first.stream_version) + index &&
        event.tx_id === first.tx_id &&
        event.cmin === first.cmin &&
        !event.append_continues
      );
    });
  if (!matches) throw new DuplicateEventIdError(stored.map((event) => event.id));
  const last = byId.get(append.ids[append.ids.length - 1])!;
  return {
    nextExpectedVersion: Number(last.stream_version),
    position: { txId: Number(last.tx_id), globalPosition: Number(last.global_position) },
    replayed: true,
  };
};

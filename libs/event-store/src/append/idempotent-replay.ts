/**
 * Decides whether stored events are exactly an earlier, identical append (same ids, same order, same
 * stream, consecutive versions); if so its original result is returned and nothing is written.
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
}

export const originalResult = (append: PreparedAppend, stored: readonly StoredEventIdentity[]): AppendResult => {
  const byId = new Map(stored.map((event) => [event.id, event]));
  const matches =
    stored.length === append.ids.length &&
    append.ids.every((id, index) => {
      const event = byId.get(id);
      const first = byId.get(append.ids[0]);
      return (
        event !== undefined &&
        first !== undefined &&
        event.tenant_id === append.tenantId &&
        event.stream_id === append.streamId &&
        Number(event.stream_version) === Number(first.stream_version) + index
      );
    });
  if (!matches) throw new DuplicateEventIdError(stored.map((event) => event.id));
  const last = byId.get(append.ids[append.ids.length - 1])!;
  return {
    nextExpectedVersion: Number(last.stream_version),
    position: { txId: Number(last.tx_id), globalPosition: Number(last.global_position) },
  };
};

/**
 * A runner's notices (a row projection's `notify`: channel and tenant id), told to this process the
 * moment its batch commits, before the runner answers the waiters of the batch's checkpoint.
 * PostgreSQL delivers the same notices to every listening session at commit, ahead of the
 * checkpoint's announcement (a waiter the listening session answers finds the caches already told),
 * but a runner in this process answers its waiters at once, often before its listening session
 * hears anything, so a mutation answered that way could otherwise read a cache its own change has
 * not yet reached.
 */
import type { RecordedEvent } from '@stepwise/event-store';
import type { Projection } from './projection';

type NoticeListener = (payload: string) => void;

/** The payload of a notice meaning every tenant (a reset, or a rebuild's swap). */
export const EVERY_TENANT = '*';

const listeners = new WeakMap<object, Map<string, Set<NoticeListener>>>();

/** Hears `channel`'s notices from runners of this process on `database`; answers a function that stops. */
export const onCommittedNotice = (database: object, channel: string, listener: NoticeListener): (() => void) => {
  let byChannel = listeners.get(database);
  if (!byChannel) listeners.set(database, (byChannel = new Map()));
  let set = byChannel.get(channel);
  if (!set) byChannel.set(channel, (set = new Set()));
  const registration: NoticeListener = (payload) => listener(payload);
  set.add(registration);
  return () => void byChannel?.get(channel)?.delete(registration);
};

/** The notices the row projections send for these events: one per channel and tenant. */
export const rowNotices = (projections: readonly Projection[], events: readonly RecordedEvent[]): { channel: string; payload: string }[] => {
  const notices = new Map<string, { channel: string; payload: string }>();
  for (const projection of projections) {
    for (const notify of projection.rows?.notify ?? []) {
      for (const event of events) {
        if (notify.on.has(event.type)) notices.set(`${notify.channel}\n${event.tenantId}`, { channel: notify.channel, payload: event.tenantId });
      }
    }
  }
  return [...notices.values()];
};

/** Tells this process's listeners on `database` what a committed batch notified. */
export const noticesCommitted = (database: object, notices: readonly { channel: string; payload: string }[]): void => {
  const byChannel = listeners.get(database);
  if (!byChannel) return;
  for (const { channel, payload } of notices) for (const listener of byChannel.get(channel) ?? []) listener(payload);
};

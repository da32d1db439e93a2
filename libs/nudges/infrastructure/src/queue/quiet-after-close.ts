/**
 * A BullMQ queue or worker closed before its start-up finished (Redis unreachable, or still being
 * asked its version) drops that start-up's connection; when a connection was in flight, its
 * connection object reports the failure as an 'error' event a moment after close removed every
 * listener, and an EventEmitter throws an error nobody listens to: an unhandled rejection, which
 * ends the process (taskforcesh/bullmq#3546). Each of their connections is made to let an error go
 * once nobody listens, which is only ever after close: until then the owner forwards every error.
 */
import { EventEmitter } from 'node:events';
import type { Queue, Worker } from 'bullmq';

/** BullMQ's names for them (not public API: `connection` is protected, `blockingConnection` private). */
const CONNECTIONS = { queue: ['connection'], worker: ['connection', 'blockingConnection'] } as const;

const letErrorsGoOnceUnheard = (connection: EventEmitter): void => {
  const emit = connection.emit.bind(connection);
  connection.emit = (event: string | symbol, ...args: unknown[]): boolean =>
    event === 'error' && connection.listenerCount('error') === 0 ? false : emit(event, ...args);
};

export const quietAfterClose = (owner: Queue | Worker, kind: keyof typeof CONNECTIONS): void => {
  for (const name of CONNECTIONS[kind]) {
    const connection = (owner as unknown as Record<string, unknown>)[name];
    // A BullMQ that renamed them fails here, at construction, not in a stop.
    if (!(connection instanceof EventEmitter)) throw new Error(`BullMQ ${kind} has no ${name} connection to guard`);
    letErrorsGoOnceUnheard(connection);
  }
};

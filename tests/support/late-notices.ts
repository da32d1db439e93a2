/**
 * A database whose listeners hear some channels' notifications late: only when the spec says so.
 * The real database underneath sends and delivers them; only the order is arranged, so a spec can
 * have a notification arrive after the answer it would normally precede (a listening session slower
 * than the session that read the checkpoint, say) every time rather than now and then.
 */
import type { SqlDatabase } from '@stepwise/database';

export interface LateNotices {
  /** The database as the listeners see it: every call but `listen` goes to the real one. */
  readonly database: SqlDatabase;
  /** How many notifications are waiting to be heard. */
  readonly waiting: number;
  /** Lets the listeners hear what is waiting, in the order it came. */
  deliver(): void;
}

export const lateNotices = (database: SqlDatabase, channels: readonly string[]): LateNotices => {
  const waiting: (() => void)[] = [];
  const listen: SqlDatabase['listen'] = (channel, onNotify, onLost) =>
    database.listen(channel, channels.includes(channel) ? (payload) => void waiting.push(() => onNotify(payload)) : onNotify, onLost);
  const late = new Proxy(database, {
    get: (target, key) => {
      if (key === 'listen') return listen;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    database: late,
    get waiting() {
      return waiting.length;
    },
    deliver: () => {
      for (const hear of waiting.splice(0)) hear();
    },
  };
};

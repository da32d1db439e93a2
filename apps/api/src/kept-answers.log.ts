/**
 * A log line each time one of the api's kept-answer caches (memberships, journeys, analytics) stops
 * hearing of changes on its listening session, and when it hears again: while deaf it keeps nothing
 * and every read goes to the database, which is slower but never stale.
 */
import type { Logger } from '@stepwise/platform';

export const keptAnswersHearing =
  (logger: Logger, cache: string) =>
  (hearing: boolean): void => {
    if (hearing) logger.info({ cache }, 'kept answers on again: the listening session to the database hears of changes');
    else logger.warn({ code: 'LISTENING_SESSION_LOST', cache }, 'kept answers off: the listening session to the database was lost; every read goes to the database until it listens again');
  };

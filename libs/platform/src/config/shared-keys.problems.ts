/**
 * Keys every process of a deployment must share. On the embedded default (one process, one host) a
 * key file made on first use is right. On PostgreSQL in production the api and the worker may run on
 * different hosts, and a key file made on each would seal secrets one cannot open, and sign answer
 * links the other refuses: there the key must be given, inline or as a file on a shared volume.
 */
import type { SharedConfig } from './shared.config';

const isSet = (value: string | undefined): boolean => value !== undefined && value.trim() !== '';

const SHARED_KEYS = [
  ['STEPWISE_SECRETS_KEY', 'STEPWISE_SECRETS_KEY_FILE', 'secrets (webhook secrets, channel tokens) sealed by one process are opened by another'],
  ['STEPWISE_LINK_SIGNING_KEY', 'STEPWISE_LINK_SIGNING_KEY_FILE', 'answer and unsubscribe links signed by the worker are verified by the api'],
] as const;

/** What is missing for the processes of a production deployment on PostgreSQL to share their keys. */
export const sharedKeyProblems = (shared: Pick<SharedConfig, 'env' | 'database'>, env: Readonly<Record<string, string | undefined>>): string[] =>
  shared.env !== 'production' || shared.database.kind !== 'postgres'
    ? []
    : SHARED_KEYS.filter(([key, file]) => !isSet(env[key]) && !isSet(env[file])).map(
        ([key, file, why]) =>
          `${key}: required in production on PostgreSQL (or ${file}, a file every process reads): every process needs the same key, because ${why}; make one with: openssl rand -base64 32`,
      );

import { ConfigError } from './config.error';
import type { SharedConfig } from './shared.config';

/**
 * The api and the worker as processes of their own (`npm run start:api`, `start:worker`) share one
 * PostgreSQL database. On the embedded database one process holds the folder: an api alone there
 * would take writes no worker can ever project (every mutation waiting its read-your-writes timeout
 * and answering unprojected, while /health said ready), and a worker alone would serve no one.
 * Refused at boot, saying what to run instead.
 */
export const refuseAloneOnEmbedded = ({ database }: Pick<SharedConfig, 'database'>, role: 'api' | 'worker'): void => {
  if (database.kind !== 'pglite') return;
  const other = role === 'api' ? 'worker, which fills the read models,' : 'api';
  throw new ConfigError([
    `STEPWISE_DATABASE_URL: required to run the ${role} on its own (npm run start:${role}); on the embedded database (STEPWISE_DATA_DIR) one process holds the folder and the ${other} could not run beside it: run \`npm start\` (the api and the worker in one process), or set STEPWISE_DATABASE_URL to a PostgreSQL database both use`,
  ]);
};

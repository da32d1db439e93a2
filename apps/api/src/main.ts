// First: NODE_ENV must be settled before graphql-js and Express load.
import '@stepwise/platform/process-mode';
import { exitOnBootFailure, refuseAloneOnEmbedded } from '@stepwise/platform/settings';
import { loadApiConfigFromProcess } from './config/api.config';

/**
 * The api as its own process (any number of them, against PostgreSQL). Its settings are read
 * before the rest of it loads, so a refused setting is answered at once.
 */
const main = async (): Promise<void> => {
  const config = loadApiConfigFromProcess();
  refuseAloneOnEmbedded(config, 'api');
  const { startApi } = await import('./start-api');
  await startApi(config);
};

main().catch(exitOnBootFailure);

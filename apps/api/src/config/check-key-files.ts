import { checkKeyFile } from '@stepwise/kernel';
import { checkSharedKeyFiles } from '@stepwise/nudges-infrastructure';
import { loadOrCreateLocalSigningKey } from '../auth/local-signing-key';
import type { ApiConfig } from './api.config';

/**
 * The api's keys, checked before the database is opened (see `checkSharedKeyFiles`): the shared
 * keys, and the local signing key when tokens are verified with it rather than an identity
 * provider's: loaded when there, or else one this process can make. Nothing is made here.
 */
export const checkApiKeyFiles = async (config: Pick<ApiConfig, 'secrets' | 'answerLinks' | 'auth'>): Promise<void> => {
  await checkSharedKeyFiles(config);
  const { keys } = config.auth;
  if (keys.kind === 'local') await checkKeyFile('STEPWISE_AUTH_LOCAL_KEY_FILE', keys.file, () => loadOrCreateLocalSigningKey(keys.file));
};

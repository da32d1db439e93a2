import type { SecretsConfig } from '@stepwise/platform';
import { SecretBox } from './secret-box';
import { loadOrCreateSecretsKeyFile, parseSecretsKey } from './secrets-key.file';

/** The process's secret box, from the configured key or the key file (made on first use). */
export const openSecretBox = async (config: SecretsConfig): Promise<SecretBox> =>
  new SecretBox({
    current: config.kind === 'key' ? parseSecretsKey(config.key, 'STEPWISE_SECRETS_KEY') : await loadOrCreateSecretsKeyFile(config.file),
  });

import { checkKeyFile } from '@stepwise/kernel';
import type { AnswerLinkConfig, SecretsConfig } from '@stepwise/platform';
import { openAnswerLinkKey } from '../answers/answer-link.key';
import { openSecretBox } from './open-secret-box';

/**
 * Checks the keys every process shares, the secrets key and the link signing key, before the
 * process opens the database: a key the settings give, or a key file that is there, that cannot be
 * used is refused with KEY_FILE_UNUSABLE at once, before a data folder is made or migrated, and so
 * is a key file not there yet that could not be made. Nothing is made here: a key file not there
 * yet is made where it is first used, as before.
 */
export const checkSharedKeyFiles = async (config: { readonly secrets: SecretsConfig; readonly answerLinks: AnswerLinkConfig }): Promise<void> => {
  const { secrets, answerLinks } = config;
  if (secrets.kind === 'key') await openSecretBox(secrets);
  else await checkKeyFile('STEPWISE_SECRETS_KEY_FILE', secrets.file, () => openSecretBox(secrets));
  const { signingKey } = answerLinks;
  if (signingKey.kind === 'inline') await openAnswerLinkKey(signingKey);
  else await checkKeyFile('STEPWISE_LINK_SIGNING_KEY_FILE', signingKey.file, () => openAnswerLinkKey(signingKey));
};

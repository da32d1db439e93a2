import { keyFileIsThere } from '@stepwise/kernel';
import type { AnswerLinkConfig, SecretsConfig } from '@stepwise/platform';
import { openAnswerLinkKey } from '../answers/answer-link.key';
import { openSecretBox } from './open-secret-box';

/**
 * Checks the keys every process shares, the secrets key and the link signing key, before the
 * process opens the database: a key the settings give, or a key file that is there, that cannot be
 * used is refused with KEY_FILE_UNUSABLE at once, before a data folder is made or migrated. Nothing
 * is made here: a key file not there yet is made where it is first used, as before.
 */
export const checkSharedKeyFiles = async (config: { readonly secrets: SecretsConfig; readonly answerLinks: AnswerLinkConfig }): Promise<void> => {
  const { secrets, answerLinks } = config;
  if (secrets.kind === 'key' || (await keyFileIsThere(secrets.file))) await openSecretBox(secrets);
  if (answerLinks.signingKey.kind === 'inline' || (await keyFileIsThere(answerLinks.signingKey.file))) await openAnswerLinkKey(answerLinks.signingKey);
};

/**
 * Each key a process makes on first use lives in a file of its own. Two settings naming one file
 * (written out, or one set to where another's default puts it) would have the second key found in
 * the first one's file: refused at boot, after the database was made and migrated, or, where both
 * hold the same kind of bytes, one key silently sealing secrets and signing links at once.
 */
import type { AnswerLinkConfig } from './answer-link.settings';
import type { SharedConfig } from './shared.config';

/** A key file a process uses, by the setting that names it (or whose default names it). */
export type KeyFileInUse = readonly [setting: string, file: string];

/** The key files the shared configuration uses: the secrets key's and the link-signing key's, where made on first use. */
export const sharedKeyFiles = (shared: Pick<SharedConfig, 'secrets'>, answerLinks: Pick<AnswerLinkConfig, 'signingKey'>): KeyFileInUse[] => [
  ...(shared.secrets.kind === 'file' ? [['STEPWISE_SECRETS_KEY_FILE', shared.secrets.file] as const] : []),
  ...(answerLinks.signingKey.kind === 'file' ? [['STEPWISE_LINK_SIGNING_KEY_FILE', answerLinks.signingKey.file] as const] : []),
];

export const sameKeyFileProblems = (files: readonly KeyFileInUse[]): string[] =>
  files.flatMap(([setting, file], index) =>
    files
      .slice(index + 1)
      .filter(([, other]) => other === file)
      .map(([other]) => `${setting} and ${other}: both name ${file}; each key needs a file of its own (set one of them to another path)`),
  );

/**
 * The reading every app's configuration starts with: its own settings validated together with those
 * all processes share (storage and keys, outbound delivery, answer links, Slack's interactions),
 * turned into the shared parts of the configuration, with the problems every process refuses to
 * boot with. The app adds its own checks and its own parts.
 */
import type { z } from 'zod';
import { answerLinkSettings, slackInteractionSettings, toAnswerLinkConfig, type AnswerLinkConfig } from './answer-link.settings';
import { outboundSettings, toOutboundConfig, type OutboundConfig } from './outbound.settings';
import { sameKeyFileProblems, sharedKeyFiles, type KeyFileInUse } from './key-files.problems';
import { readSettings } from './read-settings';
import { sharedKeyProblems } from './shared-keys.problems';
import { setButEmptyProblems, toSharedConfig, type SharedConfig } from './shared.config';
import { sharedSettings } from './shared.settings';

type EveryProcessShape = typeof sharedSettings & typeof outboundSettings & typeof answerLinkSettings & typeof slackInteractionSettings;

type Settings<Own extends z.ZodRawShape> = z.infer<z.ZodObject<EveryProcessShape>> & z.infer<z.ZodObject<Own>>;

export interface SharedConfigReading<Own extends z.ZodRawShape> {
  /** Every setting the app reads, validated: its own and the shared ones. */
  readonly settings: Settings<Own>;
  readonly shared: SharedConfig;
  readonly outbound: OutboundConfig;
  readonly answerLinks: AnswerLinkConfig;
  /** What the shared settings cannot boot with (empty when all is well); the app adds its own. */
  readonly problems: string[];
}

/**
 * `ownKeyFiles`: the key files the app itself makes on first use (the api's local signing key), told
 * apart from the shared ones like them (each key a file of its own).
 */
export const readSharedConfig = <Own extends z.ZodRawShape>(
  own: Own,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  ownKeyFiles: (settings: Settings<Own>) => readonly KeyFileInUse[] = () => [],
): SharedConfigReading<Own> => {
  // In this order, so problems are listed shared settings first, then the app's own, then the rest.
  // The cast only splits the result in two: zod cannot resolve the inferred type of a shape still generic.
  const settings = readSettings({ ...sharedSettings, ...own, ...outboundSettings, ...answerLinkSettings, ...slackInteractionSettings }, env) as Settings<Own>;
  const shared = toSharedConfig(settings, cwd);
  const outbound = toOutboundConfig(settings, shared.env);
  const answerLinks = toAnswerLinkConfig(settings, cwd, env);
  const keyFiles = [...sharedKeyFiles(shared, answerLinks), ...ownKeyFiles(settings)];
  return {
    settings,
    shared,
    outbound: outbound.config,
    answerLinks,
    problems: [...setButEmptyProblems(env), ...sharedKeyProblems(shared, env), ...sameKeyFileProblems(keyFiles), ...outbound.problems],
  };
};

/**
 * Settings of one-tap answers to nudges, read by the api (which verifies the links and serves the
 * answer pages) and the worker (which puts the links into the nudges it delivers): both must see
 * the same signing key and public URL.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { integerSetting, publicUrlSetting, textSetting } from './setting-types';

const KEY_MIN_BYTES = 32;

const isSigningKey = (value: string): boolean =>
  /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) && Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64').length >= KEY_MIN_BYTES;

export const answerLinkSettings = {
  /** Unset: a key made on first use in STEPWISE_LINK_SIGNING_KEY_FILE (one host only). */
  STEPWISE_LINK_SIGNING_KEY: z
    .string()
    .refine(isSigningKey, `expected at least ${KEY_MIN_BYTES} random bytes, base64-encoded (e.g. from \`openssl rand -base64 32\`)`)
    .optional(),
  STEPWISE_LINK_SIGNING_KEY_FILE: textSetting().default('.stepwise/link-signing-key'),
  STEPWISE_ANSWER_LINK_TTL_HOURS: integerSetting(72, 1, 30 * 24),
  /** Where people reach the api from outside: the base of every link a nudge carries. Unset: the api's own address (localPublicUrl). */
  STEPWISE_PUBLIC_URL: publicUrlSetting().optional(),
};

/** Slack's interactive buttons (the api only). Per-team Slack app settings will take over from it. */
export const slackInteractionSettings = {
  /** Unset: `POST /integrations/slack/interactions` answers 404 SLACK_NOT_CONFIGURED. */
  STEPWISE_SLACK_SIGNING_SECRET: textSetting().optional(),
};

export interface AnswerLinkConfig {
  readonly signingKey: { readonly kind: 'inline'; readonly base64: string } | { readonly kind: 'file'; readonly file: string };
  readonly ttlHours: number;
  readonly publicUrl: string;
}

type AnswerLinkSettings = z.infer<z.ZodObject<typeof answerLinkSettings>>;

/** The port the api listens on when STEPWISE_PORT is unset, or 0 (a port chosen at start, unknown here). */
const DEFAULT_PORT = 3000;

/**
 * Without STEPWISE_PUBLIC_URL, links lead to the api on this host, where STEPWISE_HOST and
 * STEPWISE_PORT put it (read from the environment, since the worker, which writes links too, has no
 * listening settings of its own): right for one machine, as the embedded default runs. An api
 * listening on every interface is reached on loopback.
 */
export const localPublicUrl = (env: Readonly<Record<string, string | undefined>>): string => {
  const host = env.STEPWISE_HOST?.trim() || '127.0.0.1';
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const port = Number(env.STEPWISE_PORT?.trim() || DEFAULT_PORT);
  const listening = Number.isInteger(port) && port > 0 && port <= 65_535 ? port : DEFAULT_PORT;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${listening}`;
};

export const toAnswerLinkConfig = (settings: AnswerLinkSettings, cwd: string, env: Readonly<Record<string, string | undefined>>): AnswerLinkConfig => ({
  signingKey: settings.STEPWISE_LINK_SIGNING_KEY
    ? { kind: 'inline', base64: settings.STEPWISE_LINK_SIGNING_KEY }
    : { kind: 'file', file: resolve(cwd, settings.STEPWISE_LINK_SIGNING_KEY_FILE) },
  ttlHours: settings.STEPWISE_ANSWER_LINK_TTL_HOURS,
  publicUrl: settings.STEPWISE_PUBLIC_URL ?? localPublicUrl(env),
});

/**
 * Production on PostgreSQL serves people on other machines: a link to this host's loopback would
 * reach no one, so the public address must be given (the embedded default, one machine, keeps its own).
 */
export const publicUrlProblems = (shared: { readonly env: string; readonly database: { readonly kind: string } }, env: Readonly<Record<string, string | undefined>>): string[] =>
  shared.env === 'production' && shared.database.kind === 'postgres' && !env.STEPWISE_PUBLIC_URL?.trim()
    ? [
        'STEPWISE_PUBLIC_URL: required in production on PostgreSQL: the links nudges carry (one-tap answers, one-click unsubscribe) start with it, and without it they would lead to this host’s loopback; set it to the https address people reach the api at',
      ]
    : [];

import { resolve } from 'node:path';
import { apiSettings, ConfigError, publicUrlProblems, readSharedConfig, type AnswerLinkConfig, type OutboundConfig, type SharedConfig } from '@stepwise/platform/settings';

export interface AuthConfig {
  readonly issuer: string;
  readonly audience: string;
  readonly algorithms: readonly string[];
  /** Remote JWKS (an OIDC provider) or the local signing key of development and tests. */
  readonly keys: { readonly kind: 'jwks'; readonly url: string } | { readonly kind: 'local'; readonly file: string };
}

/** How long the HTTP server waits on a client (Node's own defaults are minutes: a slow client holds a socket that long). */
export interface HttpTimeouts {
  readonly headersMs: number;
  readonly requestMs: number;
  readonly keepAliveMs: number;
}

export interface ApiConfig extends SharedConfig {
  readonly http: { readonly host: string; readonly port: number; readonly timeouts: HttpTimeouts };
  readonly auth: AuthConfig;
  readonly readYourWritesTimeoutMs: number;
  /** The most memory each kept-answer cache (journeys, analytics) takes; 0 keeps nothing. */
  readonly keptAnswersBytes: number;
  /** Whether webhook URLs may be plain http (development and tests only): `outbound.allowPrivateAddresses`. */
  readonly webhooks: { readonly allowHttp: boolean };
  /** How test messages go out: the same settings the worker delivers nudges with. */
  readonly outbound: OutboundConfig;
  readonly answerLinks: AnswerLinkConfig;
  /** Slack's signing secret for interactive buttons; null turns the Slack endpoint off. */
  readonly slack: { readonly signingSecret: string | null };
  /** The origins web pages may call /graphql from in a browser: exact origins, or `*` alone; empty sends no CORS headers. */
  readonly cors: { readonly origins: readonly string[] };
}

const isSet = (value: string | undefined): boolean => value !== undefined && value !== '';

/** https, or plain http to this machine only (an identity provider's sidecar): nothing on a network path can swap the keys. */
const isPrivateTransport = (url: URL): boolean => url.protocol === 'https:' || ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);

const JWKS_URL_NOT_HTTPS =
  'STEPWISE_AUTH_JWKS_URL: must be https in production (plain http only to this machine: 127.0.0.1, [::1] or localhost); ' +
  'keys fetched over plain http across a network could be replaced by anyone on the path, who could then sign any identity';

const missingIssuerOrAudience = (env: Readonly<Record<string, string | undefined>>): string[] =>
  [
    ['STEPWISE_AUTH_ISSUER', "the identity provider's issuer (the tokens' iss claim)"],
    ['STEPWISE_AUTH_AUDIENCE', 'the audience your identity provider puts in tokens for Stepwise (their aud claim)'],
  ]
    .filter(([key]) => !isSet(env[key]))
    .map(([key, what]) => `${key}: required with STEPWISE_AUTH_JWKS_URL; set it to ${what}`);

/**
 * Production verifies tokens against an identity provider, so it needs the provider's JWKS URL (over
 * https unless the provider is on this machine), and then its issuer and audience too: the defaults
 * are the local key's and would refuse every token.
 */
const authProblems = (
  stepwiseEnv: SharedConfig['env'],
  jwksUrl: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string[] => {
  if (!jwksUrl) {
    return stepwiseEnv === 'production'
      ? [
          'STEPWISE_AUTH_JWKS_URL: required in production; set it to your identity provider\'s JWKS URL ' +
            '(with STEPWISE_AUTH_ISSUER and STEPWISE_AUTH_AUDIENCE), or set STEPWISE_ENV=development to use the local signing key',
        ]
      : [];
  }
  const transport = stepwiseEnv === 'production' && URL.canParse(jwksUrl) && !isPrivateTransport(new URL(jwksUrl)) ? [JWKS_URL_NOT_HTTPS] : [];
  return [...transport, ...missingIssuerOrAudience(env)];
};

/** The headers are part of the request: a headers timeout past the request's would never apply. */
const timeoutProblems = (headersMs: number, requestMs: number): string[] =>
  headersMs > requestMs
    ? [
        `STEPWISE_HTTP_HEADERS_TIMEOUT_MS: ${headersMs} is longer than STEPWISE_HTTP_REQUEST_TIMEOUT_MS (${requestMs}); ` +
          'the headers are part of the request, so set it to at most the request timeout',
      ]
    : [];

/** The api's one configuration, read once at boot. */
export const loadApiConfig = (env: Readonly<Record<string, string | undefined>>, cwd: string, use: 'serve' | 'maintain' = 'serve'): ApiConfig => {
  // The local signing key's file, where tokens are checked against it rather than an identity provider's keys.
  const { settings, shared, outbound, answerLinks, problems: sharedProblems } = readSharedConfig(apiSettings, env, cwd, (read) =>
    read.STEPWISE_AUTH_JWKS_URL ? [] : [['STEPWISE_AUTH_LOCAL_KEY_FILE', resolve(cwd, read.STEPWISE_AUTH_LOCAL_KEY_FILE)]],
  );
  const problems = [
    ...authProblems(shared.env, settings.STEPWISE_AUTH_JWKS_URL, env),
    // The api serves the answer pages the links lead to, and sends test messages carrying them.
    ...(use === 'serve' ? publicUrlProblems(shared, env) : []),
    ...timeoutProblems(settings.STEPWISE_HTTP_HEADERS_TIMEOUT_MS, settings.STEPWISE_HTTP_REQUEST_TIMEOUT_MS),
    ...sharedProblems,
  ];
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...shared,
    http: {
      host: settings.STEPWISE_HOST,
      port: settings.STEPWISE_PORT,
      timeouts: {
        headersMs: settings.STEPWISE_HTTP_HEADERS_TIMEOUT_MS,
        requestMs: settings.STEPWISE_HTTP_REQUEST_TIMEOUT_MS,
        keepAliveMs: settings.STEPWISE_HTTP_KEEP_ALIVE_TIMEOUT_MS,
      },
    },
    auth: {
      issuer: settings.STEPWISE_AUTH_ISSUER,
      audience: settings.STEPWISE_AUTH_AUDIENCE,
      algorithms: settings.STEPWISE_AUTH_ALGORITHMS,
      keys: settings.STEPWISE_AUTH_JWKS_URL
        ? { kind: 'jwks', url: settings.STEPWISE_AUTH_JWKS_URL }
        : { kind: 'local', file: resolve(cwd, settings.STEPWISE_AUTH_LOCAL_KEY_FILE) },
    },
    readYourWritesTimeoutMs: settings.STEPWISE_READ_YOUR_WRITES_TIMEOUT_MS,
    keptAnswersBytes: settings.STEPWISE_KEPT_ANSWERS_MB * 2 ** 20,
    webhooks: { allowHttp: outbound.allowPrivateAddresses },
    outbound,
    answerLinks,
    slack: { signingSecret: settings.STEPWISE_SLACK_SIGNING_SECRET ?? null },
    cors: { origins: settings.STEPWISE_CORS_ORIGINS },
  };
};

/** The one place the api reads its process environment. */
/** `maintain`: a command that serves nothing (issuing a token, seeding demo data) needs no public address. */
export const loadApiConfigFromProcess = (use: 'serve' | 'maintain' = 'serve'): ApiConfig => loadApiConfig(process.env, process.cwd(), use);

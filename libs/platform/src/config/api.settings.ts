/** Settings only the api reads. */
import { z } from 'zod';
import { corsOriginsSetting, integerSetting, textSetting, urlSetting } from './setting-types';

const ALLOWED_ALGORITHMS = ['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA'] as const;

export const apiSettings = {
  STEPWISE_HOST: textSetting().default('127.0.0.1'),
  STEPWISE_PORT: integerSetting(3000, 0, 65535),
  /** How long a client may take to send a request's headers; a connection that sends none is closed then too. */
  STEPWISE_HTTP_HEADERS_TIMEOUT_MS: integerSetting(10_000, 100, 120_000),
  /** How long a client may take to send a whole request, headers and body (bodies are at most 256 KiB). */
  STEPWISE_HTTP_REQUEST_TIMEOUT_MS: integerSetting(30_000, 100, 600_000),
  /** How long an idle keep-alive connection is kept: above a load balancer's idle timeout, so the balancer closes first. */
  STEPWISE_HTTP_KEEP_ALIVE_TIMEOUT_MS: integerSetting(65_000, 1_000, 900_000),
  STEPWISE_AUTH_ISSUER: textSetting().default('stepwise-local'),
  STEPWISE_AUTH_AUDIENCE: textSetting().default('stepwise'),
  /** Unset: tokens are verified with the local signing key (development and tests only). */
  STEPWISE_AUTH_JWKS_URL: urlSetting(['https:', 'http:']).optional(),
  STEPWISE_AUTH_ALGORITHMS: z
    .string()
    .default('ES256')
    .transform((value) => value.split(',').map((part) => part.trim()))
    .pipe(z.array(z.enum(ALLOWED_ALGORITHMS)).min(1)),
  STEPWISE_AUTH_LOCAL_KEY_FILE: textSetting().default('.stepwise/local-signing-key.json'),
  /** How long a mutation waits for its events to reach the read models before returning anyway. */
  STEPWISE_READ_YOUR_WRITES_TIMEOUT_MS: integerSetting(2000, 0, 30_000),
  /** The memory each of the api's kept-answer caches (journeys, analytics) may take, in MB; 0 keeps nothing. */
  STEPWISE_KEPT_ANSWERS_MB: integerSetting(32, 0, 1024),
  /** The origins web pages may call /graphql from in a browser (CORS); unset: none. */
  STEPWISE_CORS_ORIGINS: corsOriginsSetting(),
};

import { resolve } from 'node:path';
import { apiSettings, ConfigError, readSettings, sharedSettings, toSharedConfig, type SharedConfig } from '@stepwise/platform';

export interface AuthConfig {
  readonly issuer: string;
  readonly audience: string;
  readonly algorithms: readonly string[];
  /** Remote JWKS (an OIDC provider) or the local signing key of development and tests. */
  readonly keys: { readonly kind: 'jwks'; readonly url: string } | { readonly kind: 'local'; readonly file: string };
}

export interface ApiConfig extends SharedConfig {
  readonly http: { readonly host: string; readonly port: number };
  readonly auth: AuthConfig;
  readonly readYourWritesTimeoutMs: number;
}

/** The api's one configuration, read once at boot. */
export const loadApiConfig = (env: Readonly<Record<string, string | undefined>>, cwd: string): ApiConfig => {
  const settings = readSettings({ ...sharedSettings, ...apiSettings }, env);
  const shared = toSharedConfig(settings, cwd);
  if (shared.env === 'production' && !settings.STEPWISE_AUTH_JWKS_URL) {
    throw new ConfigError(['STEPWISE_AUTH_JWKS_URL: required in production (the local signing key is for development and tests)']);
  }
  return {
    ...shared,
    http: { host: settings.STEPWISE_HOST, port: settings.STEPWISE_PORT },
    auth: {
      issuer: settings.STEPWISE_AUTH_ISSUER,
      audience: settings.STEPWISE_AUTH_AUDIENCE,
      algorithms: settings.STEPWISE_AUTH_ALGORITHMS,
      keys: settings.STEPWISE_AUTH_JWKS_URL
        ? { kind: 'jwks', url: settings.STEPWISE_AUTH_JWKS_URL }
        : { kind: 'local', file: resolve(cwd, settings.STEPWISE_AUTH_LOCAL_KEY_FILE) },
    },
    readYourWritesTimeoutMs: settings.STEPWISE_READ_YOUR_WRITES_TIMEOUT_MS,
  };
};

/** The one place the api reads its process environment. */
export const loadApiConfigFromProcess = (): ApiConfig => loadApiConfig(process.env, process.cwd());

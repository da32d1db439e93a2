import { createLocalJWKSet, errors, type FlattenedJWSInput, type JSONWebKeySet, type JWSHeaderParameters, type JWTVerifyGetKey } from 'jose';
import { AuthenticationUnavailableError } from './auth.errors';

/** How the identity provider's key set is fetched and kept. */
export interface RemoteKeySetTimings {
  /** A fetch that has not answered by then has failed. */
  readonly fetchTimeoutMs: number;
  /** Keys older than this are fetched again (in the background while the old ones still serve). */
  readonly refreshAfterMs: number;
  /** A token naming a key the set lacks fetches the set again at most this often. */
  readonly unknownKeyCooldownMs: number;
  /** After a failed fetch, the provider is not asked again for this long. */
  readonly retryAfterFailureMs: number;
}

export const REMOTE_KEY_SET_TIMINGS: RemoteKeySetTimings = {
  fetchTimeoutMs: 3_000,
  refreshAfterMs: 10 * 60_000,
  unknownKeyCooldownMs: 30_000,
  retryAfterFailureMs: 5_000,
};

/**
 * The identity provider's JWKS, fetched on first use and kept. Unlike jose's remote key set, keys
 * that were fetched keep serving while the provider is failing (a provider outage does not refuse
 * tokens signed by keys already known), every fetch, failed or not, counts towards the pauses (so
 * neither a flood of unknown key ids nor a failing provider turns requests into fetches), and a
 * request that finds no keys at all is AUTHENTICATION_UNAVAILABLE, not UNAUTHENTICATED: the
 * token may well be good.
 */
export class RemoteKeySet {
  private keys: ReturnType<typeof createLocalJWKSet> | undefined;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private attemptedAt = Number.NEGATIVE_INFINITY;
  private lastFetchFailed = false;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly url: URL,
    private readonly timings: RemoteKeySetTimings = REMOTE_KEY_SET_TIMINGS,
    /** Told of every failed fetch, with why it failed (for the operator's log; clients see only the code). */
    private readonly onFetchFailed: (error: unknown) => void = () => undefined,
  ) {}

  readonly getKey: JWTVerifyGetKey = async (header: JWSHeaderParameters, token: FlattenedJWSInput) => {
    if (!this.keys) await this.refresh();
    else if (Date.now() - this.fetchedAt >= this.timings.refreshAfterMs) void this.refresh();
    try {
      return await this.known()(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      await this.refresh();
      return this.known()(header, token);
    }
  };

  /**
   * Whether tokens can be checked now: keys are held (fetched keys keep serving through a provider
   * outage), else a fetch is tried, within the same pauses as requests' fetches, and must succeed
   * within `waitMs` (a readiness probe answers quickly; a slower fetch goes on and counts next time).
   */
  async available(waitMs = 1_000): Promise<boolean> {
    if (!this.keys) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.refresh(), new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      clearTimeout(timer);
    }
    return this.keys !== undefined;
  }

  private known(): ReturnType<typeof createLocalJWKSet> {
    if (!this.keys) throw new AuthenticationUnavailableError();
    return this.keys;
  }

  /** Fetches the set unless a fetch is under way (then waits for it) or one was made too recently. Never throws. */
  private refresh(): Promise<void> {
    if (this.pending) return this.pending;
    const pause = this.lastFetchFailed ? this.timings.retryAfterFailureMs : this.timings.unknownKeyCooldownMs;
    if (Date.now() - this.attemptedAt < pause) return Promise.resolve();
    this.attemptedAt = Date.now();
    this.pending = this.fetchKeys()
      .then((keys) => {
        this.keys = keys;
        this.fetchedAt = Date.now();
        this.lastFetchFailed = false;
      })
      .catch((error: unknown) => {
        this.lastFetchFailed = true;
        this.onFetchFailed(error);
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  private async fetchKeys(): Promise<ReturnType<typeof createLocalJWKSet>> {
    const response = await fetch(this.url, {
      signal: AbortSignal.timeout(this.timings.fetchTimeoutMs),
      redirect: 'manual',
      headers: { accept: 'application/json, application/jwk-set+json' },
    });
    if (response.status !== 200) throw new Error(`the JWKS answered ${response.status}`);
    return createLocalJWKSet(JSON.parse(await boundedText(response, MAX_JWKS_BYTES)) as JSONWebKeySet);
  }
}

/**
 * The most a key set may weigh. A real one holds a few keys, a few KB; one of hundreds of MB, read
 * whole, took the process past its heap and down (and every request in flight with it). Past this
 * the fetch fails, and the keys already known go on serving.
 */
export const MAX_JWKS_BYTES = 1024 * 1024;

/** The body as text, read until it passes `max` bytes: then the read stops and the fetch fails. */
const boundedText = async (response: Response, max: number): Promise<string> => {
  const declared = Number(response.headers.get('content-length'));
  if (declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`the JWKS is ${declared} bytes, more than the ${max} a key set may be`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
    size += read.value.byteLength;
    if (size > max) {
      await reader?.cancel().catch(() => undefined);
      throw new Error(`the JWKS is more than the ${max} bytes a key set may be`);
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString('utf8');
};

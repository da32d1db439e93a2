/**
 * Boots Stepwise for end-to-end tests exactly as `npm start` composes it (api + worker on one
 * runtime), on a fresh PostgreSQL database of its own (or PGlite), and speaks GraphQL over HTTP.
 */
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DestinationStream } from 'pino';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { SqlDatabase } from '@stepwise/database';
import { closeRuntime, createLogger, openRuntime, ProcessMetrics, type Runtime } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import type { Clock, IdGenerator } from '@stepwise/kernel';
import { bootstrapApi, issueLocalToken, loadApiConfig, type ApiConfig } from '@stepwise/api';
import { bootstrapWorker, loadWorkerConfig, type WorkerOptions } from '@stepwise/worker';
import { removeQueueKeys } from './nudges/queue-keys';
import { pgliteMigrated } from './pglite-migrated';
import { adminDatabaseUrl, createMigratedDatabase, databaseUrlFor } from './test-database';

export interface GraphqlResponse<Data = Record<string, unknown>> {
  readonly data?: Data | null;
  readonly errors?: { message: string; extensions?: { code?: string; [key: string]: unknown }; path?: unknown }[];
  readonly status: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * A plain HTTP call without keep-alive: fetch's pooled sockets keep timers alive after the server
 * closes, which would hold the test process open.
 */
export const http = (url: string, options: { method?: string; headers?: Record<string, string | string[]>; body?: string | Buffer } = {}): Promise<HttpResponse> =>
  new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body, json: () => JSON.parse(body) });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    if (options.body) request.write(options.body);
    request.end();
  });

/** Sends GraphQL requests to the api at `url`, with a bearer token and organisation when given. */
export const graphqlAt =
  (url: string): Stepwise['graphql'] =>
  async ({ query, variables, token, organisationId, headers }) => {
    const response = await http(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token && { authorization: `Bearer ${token}` }),
        ...(organisationId && { 'x-organisation-id': organisationId }),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = response.json() as Omit<GraphqlResponse, 'status'>;
    return { ...body, status: response.status } as GraphqlResponse<never>;
  };

export interface Stepwise {
  readonly url: string;
  readonly runtime: Runtime;
  readonly config: ApiConfig;
  /** A token from the local signing key, with the profile claims given (an email as sent, unchecked). */
  token(subject: string, name?: string, email?: string): Promise<string>;
  graphql<Data = Record<string, unknown>>(
    request: { query: string; variables?: Record<string, unknown>; token?: string; organisationId?: string; headers?: Record<string, string> },
  ): Promise<GraphqlResponse<Data>>;
  /** Stops the api as a signal does (`closeOnSignal`): nothing cut first, requests in flight finish; `close` still ends the rest. */
  stopApi(): Promise<void>;
  /** Stops the in-process worker: nothing is projected after it, as while a worker process is down. */
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly engine?: 'postgres' | 'pglite';
  readonly env?: Record<string, string>;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** False: boot only the api; the caller runs a worker elsewhere (default true). */
  readonly inProcessWorker?: boolean;
  /** The in-process worker's nudge delivery ports (webhook endpoints, member reachability…). */
  readonly nudgeDelivery?: WorkerOptions['nudgeDelivery'];
  /** Where the processes' log lines go (stdout by default; STEPWISE_LOG_LEVEL in `env` sets what is written). */
  readonly logDestination?: DestinationStream;
  /**
   * The database as the api sees it (the in-process worker sees it as opened), the real one
   * underneath: a spec may arrange when the api hears notifications (see late-notices.ts). The api
   * then hears of the worker's commits only through the database, as an api process of its own does.
   */
  readonly apiDatabase?: (database: SqlDatabase) => SqlDatabase;
}

const createDatabase = async (): Promise<{ url: string; drop: () => Promise<void> }> => {
  const name = `stepwise_e2e_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await createMigratedDatabase(name);
  return {
    url: databaseUrlFor(name),
    drop: async () => {
      const client = new Client({ connectionString: adminDatabaseUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
};

export const startStepwise = async (options: HarnessOptions = {}): Promise<Stepwise> => {
  const dir = await mkdtemp(join(tmpdir(), 'stepwise-e2e-'));
  const database = options.engine === 'pglite' ? undefined : await createDatabase().catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  const env: Record<string, string> = {
    STEPWISE_ENV: 'test',
    STEPWISE_PORT: '0',
    STEPWISE_LOG_LEVEL: process.env.STEPWISE_TEST_LOG_LEVEL ?? 'silent',
    STEPWISE_DATA_DIR: join(dir, 'data'),
    STEPWISE_AUTH_LOCAL_KEY_FILE: join(dir, 'signing-key.json'),
    STEPWISE_REDIS_URL: process.env.STEPWISE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    STEPWISE_PROJECTION_POLL_MS: '100',
    // Suites run side by side against one server: keep each one's share of its connections small.
    STEPWISE_DATABASE_POOL_SIZE: '8',
    // Each run's nudge jobs in a queue of their own on the shared Redis, with few connections.
    STEPWISE_NUDGE_QUEUE_PREFIX: `sw-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    STEPWISE_NUDGE_CONCURRENCY: '4',
    ...(database && { STEPWISE_DATABASE_URL: database.url }),
    ...options.env,
  };
  /** What a run leaves outside the processes: its queue keys, its database and its folder. */
  const removeLeftovers = async (): Promise<void> => {
    await removeQueueKeys(env.STEPWISE_REDIS_URL, env.STEPWISE_NUDGE_QUEUE_PREFIX).catch(() => undefined);
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  };
  let runtime: Runtime | undefined;
  let worker: INestApplicationContext | undefined;
  let api: NestExpressApplication | undefined;
  let config: ApiConfig;
  try {
    config = loadApiConfig(env, dir);
    const logger = createLogger('e2e', config.logLevel, options.logDestination);
    // The log records events on the injected clock too, as the api stamps them and the worker judges them.
    runtime = await openRuntime(config, logger, stepwiseSchema, { pglite: pgliteMigrated(stepwiseSchema), ...(options.clock && { clock: options.clock }) });
    const metrics = new ProcessMetrics();
    if (options.inProcessWorker !== false) worker = await bootstrapWorker(runtime, loadWorkerConfig(env, dir), metrics, { clock: options.clock, nudgeDelivery: options.nudgeDelivery });
    const apiRuntime = options.apiDatabase ? { ...runtime, database: options.apiDatabase(runtime.database) } : runtime;
    api = await bootstrapApi({ runtime: apiRuntime, config, clock: options.clock, ids: options.ids, metrics });
  } catch (error) {
    // A start that fails (a setting refused, a boot error) leaves nothing behind either.
    await worker?.close();
    if (runtime) await closeRuntime(runtime);
    await removeLeftovers();
    throw error;
  }
  const started = runtime;
  const address = api.getHttpServer().address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    runtime: started,
    config,
    token: (subject, name, email) => issueLocalToken(config.auth, { subject, name, email }),
    graphql: graphqlAt(url),
    stopApi: async () => {
      const stopping = api;
      api = undefined;
      await stopping?.close();
    },
    stopWorker: async () => {
      const stopping = worker;
      worker = undefined;
      await stopping?.close();
    },
    close: async () => {
      api?.getHttpServer().closeAllConnections();
      await api?.close();
      await worker?.close();
      await closeRuntime(started);
      await removeLeftovers();
    },
  };
};

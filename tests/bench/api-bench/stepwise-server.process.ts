/**
 * The server side of `npm run bench:api`, forked by the benchmark so that the load generator does
 * not share an event loop with the server: Stepwise booted by the end-to-end harness (api and
 * worker in this one process, as `npm start` composes them) on a fresh PostgreSQL database that is
 * dropped on close; then the benchmark data, seeded over GraphQL, and the projection-lag probe.
 * It answers the parent's requests over the IPC channel.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { installRoundTripCounter } from '../../support/round-trip.counter';
import { startStepwise, type Stepwise } from '../../support/stepwise-harness';
import { seedBenchData } from './bench-data.seed';
import { ProjectionLagProbe } from './projection-lag.probe';
import type { ServerReady, ServerReply, ServerRequest } from './stepwise-server.protocol';

const send = (message: ServerReady | ServerReply): void => {
  process.send?.(message);
};

const root = join(__dirname, '..', '..', '..');

/** The production shape: the worker as its own process (`npm run start:worker`) on the same database. */
const startWorkerProcess = (databaseUrl: string): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const worker = spawn(process.execPath, ['-r', './tools/register.js', 'apps/worker/src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', STEPWISE_DATABASE_URL: databaseUrl, STEPWISE_LOG_LEVEL: 'info', STEPWISE_MIGRATE_ON_BOOT: 'false' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    worker.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('read-model projections running')) resolve(worker);
    });
    worker.once('exit', (code) => reject(new Error(`worker process exited (${code})`)));
  });

const main = async (): Promise<void> => {
  const quietJourneys = Number(process.argv[2] ?? '50');
  const poolSize = process.argv[3] === '-' ? undefined : process.argv[3];
  const splitWorker = process.argv[4] === 'split';
  const roundTrips = installRoundTripCounter();
  // The production polling fallback (the harness shortens it for tests): projections here are woken
  // by NOTIFY, and a shorter poll would flatter the lag figure if a notification were missed.
  const stepwise: Stepwise = await startStepwise({
    env: { STEPWISE_PROJECTION_POLL_MS: '1000', ...(poolSize && { STEPWISE_DATABASE_POOL_SIZE: poolSize }) },
    inProcessWorker: !splitWorker,
  });
  const database = stepwise.config.database;
  const worker = splitWorker && database.kind === 'postgres' ? await startWorkerProcess(database.url) : undefined;
  let closing = false;
  const close = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    if (worker && worker.exitCode === null) await new Promise((done) => (worker.once('exit', done), worker.kill('SIGTERM')));
    await stepwise.close();
  };
  // Never leave the database behind: if the parent goes away, close (which drops it) and exit.
  process.on('disconnect', () => void close().finally(() => process.exit(0)));
  try {
    const data = await seedBenchData(stepwise, quietJourneys);
    const probe = new ProjectionLagProbe(stepwise.runtime.database);
    await probe.install();
    process.on('message', (request: ServerRequest) => {
      const answer = async (): Promise<unknown> => {
        switch (request.op) {
          case 'reset-lag':
            return probe.reset();
          case 'measure-lag':
            return probe.measure();
          case 'reset-round-trips':
            return roundTrips.reset();
          case 'round-trips':
            return { perRequest: roundTrips.perRequest, lastStatements: roundTrips.lastStatements };
          case 'peak-rss':
            // maxRSS is in kilobytes: the high-water mark of this process since it started.
            return process.resourceUsage().maxRSS * 1024;
          case 'close':
            return close();
        }
      };
      answer().then(
        (result) => send({ id: request.id, ok: true, result }),
        (error: unknown) => send({ id: request.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
    });
    send({ type: 'ready', url: stepwise.url, data, poolSize: stepwise.config.database.kind === 'postgres' ? stepwise.config.database.poolSize : 1 });
  } catch (error) {
    await close();
    throw error;
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

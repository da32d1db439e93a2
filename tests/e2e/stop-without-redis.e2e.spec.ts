/**
 * Stopping `npm start` while Redis is unreachable: the nudge queue and its worker each give BullMQ's
 * start-up a bounded moment to settle before closing, and those moments run side by side, so the
 * stop leaves the shutdown deadline most of its time for requests and projections.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compiledEntry, LISTENING, spawnProcess, type SpawnedProcess } from './support/spawned-process';

/** START_UP_SETTLE_MS (libs/nudges/infrastructure/src/queue/start-up.settle.ts): how long one settle may wait. */
const SETTLE_MS = 2_000;

/** When the log line with this message was written, from its own timestamp. */
const loggedAt = (output: string, message: string): number => {
  const line = output.split('\n').find((each) => each.includes(`"msg":"${message}"`));
  if (!line) throw new Error(`no "${message}" in the output:\n${output}`);
  return Date.parse((JSON.parse(line) as { time: string }).time);
};

describe('npm start without Redis stops on SIGTERM', () => {
  let dir: string;
  let started: SpawnedProcess | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stepwise-stop-no-redis-'));
  });
  afterAll(async () => {
    if (started && started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0, the start-up settles of the queue and the worker overlapping', async () => {
    started = spawnProcess(process.execPath, [compiledEntry('apps/stepwise/src/main.ts')], {
      STEPWISE_PORT: '0',
      STEPWISE_DATA_DIR: join(dir, 'data'),
      STEPWISE_AUTH_LOCAL_KEY_FILE: join(dir, 'key.json'),
      STEPWISE_REDIS_URL: 'redis://127.0.0.1:1',
    });
    await started.waitFor(LISTENING);
    await started.waitFor(/nudge queue: Redis is unreachable/);
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    const output = started.output();
    const stopping = loggedAt(output, 'stopped') - loggedAt(output, 'shutting down');
    // One settle's worth, not two after each other.
    expect(stopping).toBeLessThan(SETTLE_MS * 1.5);
  }, 60_000);
});

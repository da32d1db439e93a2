/**
 * A lease whose holder freezes (a stopped or paused process: its session stays open, saying
 * nothing) is freed by the server once the session has been silent for `silenceMs`, and another
 * process takes it; a holder that keeps saying it is alive keeps its lease however long it holds it.
 */
import { randomUUID } from 'node:crypto';
import { testDatabaseUrl } from '@stepwise/test-support';
import { PostgresDatabase } from './postgres.database';

const until = async (done: () => boolean, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
};

describe('a lease on PostgreSQL', () => {
  const opened: PostgresDatabase[] = [];
  const open = (leaseHeartbeat?: { heartbeatMs: number; silenceMs: number }): PostgresDatabase => {
    const database = new PostgresDatabase({ connectionString: testDatabaseUrl(), max: 1, ...(leaseHeartbeat && { leaseHeartbeat }) });
    opened.push(database);
    return database;
  };
  afterAll(() => Promise.all(opened.map((database) => database.close())));

  it('goes to another process once its frozen holder has been silent too long, and stays with a holder that says it is alive', async () => {
    const alive = `lease-alive-${randomUUID()}`;
    const frozen = `lease-frozen-${randomUUID()}`;
    const lost = { alive: false, frozen: false };
    // Heartbeats every 200 ms against 3 s of allowed silence: a holder held up for 2.8 s still keeps it.
    const aliveLease = await open({ heartbeatMs: 200, silenceMs: 3_000 }).tryLease(alive, () => (lost.alive = true));
    // No heartbeat at all: a holder frozen from the moment it took the lease.
    const frozenLease = await open({ heartbeatMs: 0, silenceMs: 1_000 }).tryLease(frozen, () => (lost.frozen = true));
    expect([aliveLease, frozenLease].map(Boolean)).toEqual([true, true]);
    const other = open();

    await until(() => lost.frozen, 20_000);
    expect(lost.frozen).toBe(true);
    const takenOver = await other.tryLease(frozen, () => undefined);
    expect(takenOver).toBeDefined();

    // Past twice the alive holder's allowed silence, it still holds its lease: nobody else gets it.
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    expect(lost.alive).toBe(false);
    expect(await other.tryLease(alive, () => undefined)).toBeUndefined();

    await takenOver?.release();
    await aliveLease?.release();
    await frozenLease?.release();
  });
});

/**
 * The test harness when Stepwise fails to start: the database it made for the run is dropped, as a
 * closed run's is, so failing suites do not pile `stepwise_e2e_*` databases up on the shared server.
 */
import { Client } from 'pg';
import { startStepwise } from '../support/stepwise-harness';
import { adminDatabaseUrl } from '../support/test-database';

/** The databases this test process's harness made and has not dropped (the harness names them by pid). */
const harnessDatabases = async (): Promise<string[]> => {
  const client = new Client({ connectionString: adminDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`stepwise\\_e2e\\_${process.pid}\\_%`]);
    return rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
};

describe('a harness start that fails', () => {
  it.each([
    ['a setting the api refuses, before anything is opened', { STEPWISE_PORT: 'not-a-port' }, /STEPWISE_PORT/],
    ['a setting only the worker refuses, after the database is opened', { STEPWISE_NUDGE_SEND_TIMEOUT_MS: '20000', STEPWISE_NUDGE_LEASE_MS: '10000' }, /STEPWISE_NUDGE_LEASE_MS/],
  ])('drops its database: %s', async (_case, env, refusal) => {
    const before = await harnessDatabases();
    await expect(startStepwise({ env })).rejects.toThrow(refusal);
    expect(await harnessDatabases()).toEqual(before);
  });
});

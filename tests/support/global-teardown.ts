import { Client } from 'pg';
import { adminDatabaseUrl } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const names = [process.env.STEPWISE_TEST_DATABASE_NAME, process.env.STEPWISE_TEST_MIGRATED_DATABASE].filter((name) => name !== undefined);
  if (names.length === 0) return;
  const admin = new Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  try {
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

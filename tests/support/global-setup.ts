/**
 * Gives each test run its own fresh PostgreSQL database (so runs never see each other's rows and
 * concurrent runs on one machine do not collide) and exposes its URL to the test workers.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { adminDatabaseUrl, databaseUrlFor } from './test-database';

export default async function globalSetup(): Promise<void> {
  // The compiled apps (dist/), built once before any suite runs: suites that start `npm start` or the
  // compose commands in parallel would otherwise race to rebuild the same folder.
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'tools', 'build.js')], { stdio: 'inherit' });
  if (process.env.STEPWISE_TEST_DATABASE_URL) return;
  const name = `stepwise_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  process.env.STEPWISE_TEST_DATABASE_URL = databaseUrlFor(name);
  process.env.STEPWISE_TEST_DATABASE_NAME = name;
}

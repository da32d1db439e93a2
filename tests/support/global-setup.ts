/**
 * Gives each test run its own fresh PostgreSQL database (so runs never see each other's rows and
 * concurrent runs on one machine do not collide) and exposes its URL to the test workers; and a
 * second one holding every migration, made by `npm run migrate`, that databases of the whole schema
 * are copied from (createMigratedDatabase) instead of migrating each: some 440 statements saved for
 * every Stepwise a suite starts. A database starts from nothing only where a spec makes it so
 * (createScratchDatabase), as the migration specs do.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { adminDatabaseUrl, adminQuery, databaseUrlFor } from './test-database';

const root = join(__dirname, '..', '..');

export default async function globalSetup(): Promise<void> {
  // The compiled apps (dist/), built once before any suite runs: suites that start `npm start` or the
  // compose commands in parallel would otherwise race to rebuild the same folder.
  execFileSync(process.execPath, [join(root, 'tools', 'build.js')], { stdio: 'inherit' });
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
  const migrated = `${name}_migrated`;
  await adminQuery(`CREATE DATABASE ${migrated}`);
  // Named before it is migrated, so global-teardown drops it even when migrating fails.
  process.env.STEPWISE_TEST_MIGRATED_DATABASE = migrated;
  execFileSync(process.execPath, [join(root, 'dist', 'apps', 'worker', 'src', 'migrate.js')], {
    env: { PATH: process.env.PATH ?? '', STEPWISE_DATABASE_URL: databaseUrlFor(migrated), STEPWISE_LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
}

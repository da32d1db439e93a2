import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { eventStoreMigrations, migrate, PostgresDatabase, SqlEventStore } from '@stepwise/event-store';
(async () => {
  const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS zz_probe'); await admin.query('CREATE DATABASE zz_probe');
  const db = new PostgresDatabase({ connectionString: 'postgres://postgres@127.0.0.1:5432/zz_probe', max: 20 });
  await migrate(db, eventStoreMigrations);
  const store = new SqlEventStore(db);
  const ev = () => ({ id: randomUUID(), type: 'StepTaken', data: { title: 'x' } });
  for (const writers of [1, 16]) {
    const t = Date.now();
    await Promise.all(Array.from({ length: writers }, async (_, w) => { for (let i = 0; i < 1600 / writers; i++) await store.append('t', `s-${w}-${i % 10}`, [ev()]); }));
    console.log('ours', writers, Math.round(1600 / ((Date.now() - t) / 1000)));
  }
  const t2 = Date.now();
  await Promise.all(Array.from({ length: 16 }, async (_, w) => { for (let i = 0; i < 100; i++) await db.query('SELECT 1'); }));
  console.log('select1 x16', Math.round(1600 / ((Date.now() - t2) / 1000)));
  const r = await db.query("SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit','fsync','commit_delay','wal_sync_method')");
  console.log(r.rows);
  await db.close(); await admin.query('DROP DATABASE zz_probe WITH (FORCE)'); await admin.end();
})();

/**
 * The embedded default acknowledges an append only once PGlite has written the commit's WAL through
 * to the operating system, so a process killed right after the acknowledgement loses nothing it
 * acknowledged. (What this does not cover, machine crashes and power loss, is in the library README.)
 */
import { PgliteDatabase } from '@stepwise/database';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqlEventStore } from '@stepwise/event-store';
import { pgliteOutsideSandbox } from '../support/pglite-module';

const repoRoot = resolve(__dirname, '..', '..');

/** Runs the child until it has acknowledged `acks` appends, SIGKILLs it, and returns every acknowledged id. */
const appendUntilKilled = (dataDir: string, tenantId: string, acks: number): Promise<string[]> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-r', './tools/register.js', 'tests/event-store/append-until-killed.script.ts', dataDir, tenantId], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: string[] = [];
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('ACK ')) acknowledged.push(line.slice(4));
      // Kill the moment enough acknowledgements are in: no grace period, no clean shutdown.
      if (acknowledged.length >= acks && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') done(acknowledged);
      else fail(new Error(`child exited with ${code}: ${stderr}`));
    });
  });

describe('file-backed PGlite durability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'stepwise-durability-'));

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged append when the process is SIGKILLed right after the acknowledgement', async () => {
    const tenantId = 'durability-tenant';
    const firstRun = await appendUntilKilled(dataDir, tenantId, 25);
    const secondRun = await appendUntilKilled(dataDir, tenantId, 25);
    const acknowledged = [...firstRun, ...secondRun];
    expect(acknowledged.length).toBeGreaterThanOrEqual(50);

    const db = await PgliteDatabase.open({ dataDir, pglite: pgliteOutsideSandbox() });
    try {
      const stored = await new SqlEventStore(db).readStream(tenantId, 'durability');
      const storedIds = new Set(stored.map((event) => event.id));
      expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);
      // Versions stay gapless across the crash: recovery neither lost nor duplicated a commit.
      expect(stored.map((event) => event.streamVersion)).toEqual(stored.map((_, index) => index + 1));
    } finally {
      await db.close();
    }
  }, 120_000);
});

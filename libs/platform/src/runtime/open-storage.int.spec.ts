import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stepwiseSchema } from '@stepwise/read-models';
import { adminQuery, databaseUrlFor, pgliteOutsideSandbox, testDatabaseUrl } from '@stepwise/test-support';
import { openStorage } from './open-storage';

/** A PGlite data folder the process cannot use is refused with a reason a person can act on. */
describe('openStorage on a PGlite data folder it cannot use', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stepwise-open-storage-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a STEPWISE_DATA_DIR that is a file with DATA_FOLDER_UNUSABLE saying it is not a folder', async () => {
    const aFile = join(dir, 'data');
    await writeFile(aFile, 'a file, not a folder\n');
    const refusal = await openStorage({ kind: 'pglite', dataDir: aFile }, stepwiseSchema, { pglite: pgliteOutsideSandbox() }).then(
      () => undefined,
      (error: unknown) => error as { code?: string; message?: string },
    );
    expect(refusal?.code).toBe('DATA_FOLDER_UNUSABLE');
    expect(refusal?.message).toBe(`STEPWISE_DATA_DIR (${aFile}) cannot be used: it is a file, not a folder`);
  });

  it('refuses upcasters it cannot use before opening the folder, so the next open of it is not locked out by this process', async () => {
    const folder = join(dir, 'upcasters');
    const twice = { type: 'StepPlanned', fromVersion: 1, upcast: (data: Record<string, unknown>) => data };
    const refused = await openStorage({ kind: 'pglite', dataDir: folder }, { ...stepwiseSchema, upcasters: [twice, twice] }, { pglite: pgliteOutsideSandbox() }).then(
      () => undefined,
      (error: unknown) => error as { code?: string },
    );
    expect(refused?.code).toBe('UPCASTER_DUPLICATE');
    const storage = await openStorage({ kind: 'pglite', dataDir: folder }, stepwiseSchema, { pglite: pgliteOutsideSandbox() });
    await storage.close();
  });
});

/** A PostgreSQL login that cannot take the application role is refused at boot, saying what to grant. */
describe('openStorage with a PostgreSQL login that cannot take the application role', () => {
  const suffix = randomUUID().slice(0, 8);
  const login = `stepwise_e2e_owner_${suffix}`;
  const name = `${new URL(testDatabaseUrl()).pathname.slice(1)}_owner_${suffix}`;

  beforeAll(async () => {
    // The application role exists in this cluster already (made by the suites' superuser); this login owns its database but was never granted it.
    await adminQuery(`CREATE ROLE ${login} LOGIN`);
    await adminQuery(`CREATE DATABASE ${name} OWNER ${login}`);
  });
  afterAll(async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await adminQuery(`DROP ROLE IF EXISTS ${login}`);
  });

  it('refuses with APP_ROLE_NOT_GRANTED naming the grant, after migrating; once granted, it opens', async () => {
    const url = new URL(databaseUrlFor(name));
    url.username = login;
    const target = { kind: 'postgres' as const, url: url.toString(), poolSize: 2 };
    const refusal = await openStorage(target, stepwiseSchema).then(
      () => undefined,
      (error: unknown) => error as { code?: string; message?: string },
    );
    expect(refusal?.code).toBe('APP_ROLE_NOT_GRANTED');
    expect(refusal?.message).toContain(`as a superuser, run: GRANT stepwise_app TO "${login}"`);

    await adminQuery(`GRANT stepwise_app TO ${login}`);
    const storage = await openStorage(target, stepwiseSchema);
    await storage.close();
  });
});

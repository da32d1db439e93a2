import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stepwiseSchema } from '@stepwise/read-models';
import { PostgresDatabase } from '@stepwise/database';
import { adminDatabaseUrl, adminQuery, databaseUrlFor, pgliteOutsideSandbox, testDatabaseUrl } from '@stepwise/test-support';
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

  const targetAs = (role: string) => {
    const url = new URL(databaseUrlFor(name));
    url.username = role;
    return { kind: 'postgres' as const, url: url.toString(), poolSize: 2 };
  };

  it('refuses with APP_ROLE_NOT_GRANTED naming the grant, before applying any migration; once granted, it opens', async () => {
    const refusal = await openStorage(targetAs(login), stepwiseSchema).then(
      () => undefined,
      (error: unknown) => error as { code?: string; message?: string },
    );
    expect(refusal?.code).toBe('APP_ROLE_NOT_GRANTED');
    expect(refusal?.message).toContain(`as a superuser, or a login with CREATEROLE, run: GRANT stepwise_app TO "${login}"`);
    const owner = new PostgresDatabase({ connectionString: targetAs(login).url, max: 1 });
    try {
      expect((await owner.query(`SELECT to_regclass('schema_migrations') AS migrations`)).rows).toEqual([{ migrations: null }]);
    } finally {
      await owner.close();
    }

    await adminQuery(`GRANT stepwise_app TO ${login}`);
    const storage = await openStorage(targetAs(login), stepwiseSchema);
    await storage.close();
  });

  it('grants the role to a login that may grant it (CREATEROLE, as managed PostgreSQL gives its admin login), and opens', async () => {
    const admin = `${login}_cr`;
    const own = `${name}_cr`;
    await adminQuery(`CREATE ROLE ${admin} LOGIN CREATEROLE`);
    await adminQuery(`CREATE DATABASE ${own} OWNER ${admin}`);
    try {
      const url = new URL(databaseUrlFor(own));
      url.username = admin;
      const storage = await openStorage({ kind: 'postgres', url: url.toString(), poolSize: 2 }, stepwiseSchema);
      await storage.close();
      expect(await adminRows(`SELECT pg_has_role('${admin}', 'stepwise_app', 'MEMBER') AS member`)).toEqual([{ member: true }]);
    } finally {
      await adminQuery(`DROP DATABASE IF EXISTS ${own} WITH (FORCE)`);
      await adminQuery(`DROP ROLE IF EXISTS ${admin}`);
    }
  });

  it('refuses a login that may take the role but not create the tables (a database it does not own) with DATABASE_PERMISSION_DENIED, whatever it tries first', async () => {
    const user = `${login}_user`;
    const theirs = `${name}_theirs`;
    await adminQuery(`CREATE ROLE ${user} LOGIN`);
    await adminQuery(`GRANT stepwise_app TO ${user}`);
    await adminQuery(`CREATE DATABASE ${theirs}`);
    try {
      const url = new URL(databaseUrlFor(theirs));
      url.username = user;
      for (const options of [{}, { refuseNewer: true }]) {
        const refusal = await openStorage({ kind: 'postgres', url: url.toString(), poolSize: 2 }, stepwiseSchema, options).then(
          () => undefined,
          (error: unknown) => error as { code?: string; message?: string; details?: unknown },
        );
        expect({ code: refusal?.code, details: refusal?.details }).toEqual({ code: 'DATABASE_PERMISSION_DENIED', details: { login: user } });
        expect(refusal?.message).toContain('permission denied');
      }
    } finally {
      await adminQuery(`DROP DATABASE IF EXISTS ${theirs} WITH (FORCE)`);
      await adminQuery(`DROP ROLE IF EXISTS ${user}`);
    }
  });
});

const adminRows = async (sql: string): Promise<unknown[]> => {
  const admin = new PostgresDatabase({ connectionString: adminDatabaseUrl(), max: 1 });
  try {
    return (await admin.query(sql)).rows;
  } finally {
    await admin.close();
  }
};

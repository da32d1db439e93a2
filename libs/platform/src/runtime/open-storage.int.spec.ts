import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stepwiseSchema } from '@stepwise/read-models';
import { pgliteOutsideSandbox } from '@stepwise/test-support';
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

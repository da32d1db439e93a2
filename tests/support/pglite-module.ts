/**
 * PGlite loads its WebAssembly with dynamic import(), which jest's module sandbox refuses unless node
 * runs with --experimental-vm-modules (electric-sql/pglite#224). This loads the module with Node's own
 * require, outside the sandbox; pass it as `PgliteDatabase.open({ pglite })`.
 *
 * A new PGlite cluster starts with initdb inside WebAssembly: some 3.5 s of CPU each time, most of a
 * test's start on PGlite, and far longer when the machine is busy. So a new database (in memory, or a
 * folder that does not exist yet) starts from a template instead: a freshly initialised cluster,
 * dumped once per PGlite version into the temporary folder and loaded from there (about 1.2 s), or
 * one with a schema's migrations applied too (pglite-migrated.ts). A
 * folder that already exists opens as it is, so reopening one (the durability specs) reads what was
 * written. The product itself always initialises its own cluster; this is for tests only.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runInThisContext } from 'node:vm';
import type * as Pglite from '@electric-sql/pglite';

export type PgliteModule = typeof Pglite;
type CreateOptions = Pglite.PGliteOptions;

/** Where each new database of a module starts: the tarball of a cluster, made for this PGlite version. */
export type PgliteTemplate = (real: PgliteModule, version: string) => Promise<Blob>;

/** A week unread: a template of migrations since changed, removed when another is made. */
const STALE_MS = 7 * 24 * 3_600_000;

/**
 * The tarball `<kind><key>.tar` in the temporary folder, made there first by `make` if absent
 * (written whole, then renamed). Making one removes the stale tarballs beside it of the same `kind`.
 */
export const cachedTarball = async (kind: string, key: string, make: () => Promise<Blob>): Promise<Blob> => {
  const fileName = `${kind}${key}.tar`;
  const file = join(tmpdir(), fileName);
  try {
    return new Blob([readFileSync(file)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const dump = await make();
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  removeStale(kind, fileName);
  return dump;
};

const removeStale = (kind: string, kept: string): void => {
  for (const name of readdirSync(tmpdir()).filter((each) => each.startsWith(kind) && each !== kept)) {
    const path = join(tmpdir(), name);
    try {
      if (Date.now() - statSync(path).atimeMs > STALE_MS) rmSync(path, { force: true });
    } catch {
      // Gone already, or another run's: nothing to remove.
    }
  }
};

/** A freshly initialised cluster (initdb and nothing else). */
export const initdbTemplate: PgliteTemplate = (real, version) =>
  cachedTarball('stepwise-pglite-template-', version, async () => {
    const fresh = await real.PGlite.create();
    try {
      return await fresh.dumpDataDir('none');
    } finally {
      await fresh.close();
    }
  });

const startsEmpty = (dataDir: string | undefined): boolean => dataDir === undefined || !existsSync(dataDir);

/** The module with `PGlite.create` starting each new database from `template`, telling `created` of each database it opens. */
const withTemplate = (real: PgliteModule, version: string, template: PgliteTemplate, created: (db: Pglite.PGlite) => void): PgliteModule => {
  const create = async (first?: string | CreateOptions, second?: CreateOptions): Promise<Pglite.PGlite> => {
    const dataDir = typeof first === 'string' ? first : undefined;
    const options = (typeof first === 'string' ? second : first) ?? {};
    const fresh = !options.loadDataDir && startsEmpty(dataDir);
    const db = await real.PGlite.create(dataDir, fresh ? { ...options, loadDataDir: await template(real, version) } : options);
    created(db);
    return db;
  };
  const PGlite = new Proxy(real.PGlite, { get: (target, key, receiver) => (key === 'create' ? create : Reflect.get(target, key, receiver)) });
  return { ...real, PGlite };
};

/**
 * PGlite, loaded outside jest's sandbox, each new database starting from `template` (a freshly
 * initialised cluster by default); `created` hears of each database it opens.
 */
export const pgliteOutsideSandbox = (template: PgliteTemplate = initdbTemplate, created: (db: Pglite.PGlite) => void = () => undefined): PgliteModule => {
  const nodeModule = runInThisContext('process.getBuiltinModule("node:module")') as typeof import('node:module');
  const load = nodeModule.createRequire(__filename);
  // The package's exports do not include its package.json: read it beside the entry point's folder.
  const entry = load.resolve('@electric-sql/pglite');
  const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return withTemplate(load('@electric-sql/pglite') as PgliteModule, version, template, created);
};

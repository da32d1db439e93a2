/**
 * PGlite loads its WebAssembly with dynamic import(), which jest's module sandbox refuses unless node
 * runs with --experimental-vm-modules (electric-sql/pglite#224). This loads the module with Node's own
 * require, outside the sandbox; pass it as `PgliteDatabase.open({ pglite })`.
 *
 * A new PGlite cluster starts with initdb inside WebAssembly: some 3.5 s of CPU each time, most of a
 * test's start on PGlite, and far longer when the machine is busy. So a new database (in memory, or a
 * folder that does not exist yet) starts from a template instead: a freshly initialised cluster,
 * dumped once per PGlite version into the temporary folder and loaded from there (about 1.2 s). A
 * folder that already exists opens as it is, so reopening one (the durability specs) reads what was
 * written. The product itself always initialises its own cluster; this is for tests only.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runInThisContext } from 'node:vm';
import type * as Pglite from '@electric-sql/pglite';

type PgliteModule = typeof Pglite;
type CreateOptions = Pglite.PGliteOptions;

const templateFile = (version: string): string => join(tmpdir(), `stepwise-pglite-template-${version}.tar`);

/** The template's tarball: read from the temporary folder, made there first if absent (written whole, then renamed). */
const template = async (real: PgliteModule, version: string): Promise<Blob> => {
  const file = templateFile(version);
  if (!existsSync(file)) {
    const fresh = await real.PGlite.create();
    try {
      const dump = await fresh.dumpDataDir('none');
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, file);
    } finally {
      await fresh.close();
    }
  }
  return new Blob([readFileSync(file)]);
};

const startsEmpty = (dataDir: string | undefined): boolean => dataDir === undefined || !existsSync(dataDir);

/** The module with `PGlite.create` starting each new database from the template. */
const withTemplate = (real: PgliteModule, version: string): PgliteModule => {
  const create = async (first?: string | CreateOptions, second?: CreateOptions): Promise<Pglite.PGlite> => {
    const dataDir = typeof first === 'string' ? first : undefined;
    const options = (typeof first === 'string' ? second : first) ?? {};
    if (options.loadDataDir || !startsEmpty(dataDir)) return real.PGlite.create(dataDir, options);
    return real.PGlite.create(dataDir, { ...options, loadDataDir: await template(real, version) });
  };
  const PGlite = new Proxy(real.PGlite, { get: (target, key, receiver) => (key === 'create' ? create : Reflect.get(target, key, receiver)) });
  return { ...real, PGlite };
};

export const pgliteOutsideSandbox = (): PgliteModule => {
  const nodeModule = runInThisContext('process.getBuiltinModule("node:module")') as typeof import('node:module');
  const load = nodeModule.createRequire(__filename);
  // The package's exports do not include its package.json: read it beside the entry point's folder.
  const entry = load.resolve('@electric-sql/pglite');
  const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return withTemplate(load('@electric-sql/pglite') as PgliteModule, version);
};

/**
 * The read side has entry points of its own (`@stepwise/<context>-application/read`), and nothing
 * they load, directly or through another library, is a command or a command handler: query
 * resolvers that import them never pull in the write side. Follows the source's imports (relative
 * ones and the `@stepwise/*` aliases of tsconfig.base.json) without running them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { preProcessFile } from 'typescript';

const root = join(__dirname, '..', '..');
const aliases: Record<string, string[]> = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions.paths;

const sourceFile = (base: string): string | undefined =>
  [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));

/** The source file an import names, or undefined for a package outside the repository. */
const resolveImport = (from: string, specifier: string): string | undefined => {
  if (specifier.startsWith('.')) return sourceFile(resolve(dirname(from), specifier));
  const target = aliases[specifier]?.[0];
  return target ? join(root, target) : undefined;
};

/** Every repository source file `entry` loads, itself included. */
const loadedBy = (entry: string): Set<string> => {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const { importedFiles } = preProcessFile(readFileSync(file, 'utf8'), true, false);
    for (const { fileName } of importedFiles) {
      const next = resolveImport(file, fileName);
      if (next) pending.push(next);
    }
  }
  return seen;
};

const writeSide = (file: string): boolean => /\/commands\/|\.command\.ts$|\.handler\.ts$|\.handlers\.ts$/.test(file);

const readEntryPoints = Object.keys(aliases).filter((alias) => /^@stepwise\/[a-z-]+-application\/read$/.test(alias));

describe('read entry points', () => {
  it('exist for the contexts whose queries the api serves', () => {
    expect(readEntryPoints).toEqual(
      expect.arrayContaining(['@stepwise/tenancy-application/read', '@stepwise/journeys-application/read', '@stepwise/nudges-application/read']),
    );
  });

  it.each(readEntryPoints)('%s loads no command or command handler', (alias) => {
    const loaded = [...loadedBy(join(root, aliases[alias][0]))].map((file) => relative(root, file));
    expect(loaded.length).toBeGreaterThan(1);
    expect(loaded.filter(writeSide)).toEqual([]);
  });

  it('tells the write side apart (the main entry points load the handlers)', () => {
    const loaded = [...loadedBy(join(root, aliases['@stepwise/journeys-application'][0]))].map((file) => relative(root, file));
    expect(loaded.filter(writeSide)).toEqual(expect.arrayContaining(['libs/journeys/application/src/commands/plan-step.handler.ts']));
  });
});

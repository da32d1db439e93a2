/**
 * PGlite loads its WebAssembly with dynamic import(), which jest's module sandbox refuses unless node
 * runs with --experimental-vm-modules (electric-sql/pglite#224). This loads the module with Node's own
 * require, outside the sandbox; pass it as `PgliteDatabase.open({ pglite })`.
 */
import { runInThisContext } from 'node:vm';
import type * as Pglite from '@electric-sql/pglite';

export const pgliteOutsideSandbox = (): typeof Pglite => {
  const nodeModule = runInThisContext('process.getBuiltinModule("node:module")') as typeof import('node:module');
  return nodeModule.createRequire(__filename)('@electric-sql/pglite') as typeof Pglite;
};

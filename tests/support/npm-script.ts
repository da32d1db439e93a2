/**
 * What an npm script runs, for the benches and tests that start a Stepwise process themselves (to
 * read its memory from /proc, which `npm`'s own process would hide): `"start": "exec node FLAGS
 * ENTRY"` gives `[...FLAGS, ENTRY]`, so the child is the command a user's `npm start` runs, its V8
 * heap flags included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** The node arguments of an `exec node …` script in package.json; throws for any other shape. */
export const npmScriptNodeArgs = (script: string): string[] => {
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const command = scripts[script];
  const match = command === undefined ? null : /^exec node ((?:\S+ )*\S+)$/.exec(command);
  if (!match) throw new Error(`npm script "${script}" is not "exec node …": ${command}`);
  return match[1].split(' ');
};

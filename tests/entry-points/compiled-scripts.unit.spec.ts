/**
 * The commands a user or an operator runs (`npm start`, `npm run migrate`, the rebuilds, the token
 * and demo seed commands) run compiled JavaScript from dist/, built first by their own pre-script:
 * none transpiles TypeScript as it starts, so each starts as fast, and with as little memory, as the
 * Docker image's processes do. Benches and the schema tools, run by developers, may.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { npmScriptNodeArgs } from '../support/npm-script';

const scripts = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const DEVELOPER_TOOLS = /^(build|lint|typecheck|test(:.*)?|bench:.*|schema:.*)$/;
const commands = Object.keys(scripts).filter((name) => !name.startsWith('pre') && !DEVELOPER_TOOLS.test(name));

it('finds the commands', () => {
  expect(commands).toEqual(expect.arrayContaining(['start', 'start:api', 'start:worker', 'migrate', 'token', 'seed:demo', 'rebuild', 'rebuild-read-models', 'rebuild-analytics']));
});

it.each(commands)('npm run %s runs compiled JavaScript, built by its pre-script', (name) => {
  const args = npmScriptNodeArgs(name);
  expect(args.filter((arg) => !arg.startsWith('--'))).toEqual([expect.stringMatching(/^dist\/apps\/.+\.js$/)]);
  expect(scripts[`pre${name}`]).toBe('node tools/build.js');
});

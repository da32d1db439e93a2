/**
 * The production processes run with the same V8 heap flags wherever they start: the api alone
 * (`npm run start:api`, the Docker image's command, docker-compose's api) with one set, the
 * processes that fold events (`npm run start:worker`, docker-compose's worker, and `npm start`,
 * the api and the worker in one) with another; both cap the old space and the semi-spaces (the
 * benches launch the scripts' own arguments, so their memory figures are these). The api alone has
 * the larger young generation: garbage collection under its analytics answers cost about a third
 * as much with 32 MB semi-spaces as with 8, while folding events gained nothing from them and a
 * reflection in `npm start` cost a little more (README, Configuration: Memory).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { npmScriptNodeArgs } from '../support/npm-script';

const root = join(__dirname, '..', '..');
const read = (file: string): string => readFileSync(join(root, file), 'utf8');
const flagsOf = (args: readonly string[]): string[] => args.filter((arg) => arg.startsWith('--'));

/** The JSON-array commands (`["node", …]`) in a Dockerfile or compose file that run `entry`. */
const commandsRunning = (text: string, entry: string): string[][] =>
  [...text.matchAll(/(?:CMD|command:)\s*(\[[^\]\n]*\])/g)].map((match) => JSON.parse(match[1]) as string[]).filter((command) => command.includes(entry));

const serving = flagsOf(npmScriptNodeArgs('start:api'));
const working = flagsOf(npmScriptNodeArgs('start:worker'));
const semiSpace = (flags: readonly string[]): number => Number(/^--max-semi-space-size=(\d+)$/.exec(flags[1])?.[1]);

it.each([
  ['npm run start:api', serving],
  ['npm run start:worker', working],
])('caps the old space and the semi-spaces in %s', (_name, flags) => {
  expect(flags).toEqual([expect.stringMatching(/^--max-old-space-size=\d+$/), expect.stringMatching(/^--max-semi-space-size=\d+$/)]);
});

it('gives the api a larger young generation than the worker', () => {
  expect(semiSpace(serving)).toBeGreaterThan(semiSpace(working));
});

it.each([
  ['start:api', 'dist/apps/api/src/main.js', serving],
  ['start', 'dist/apps/stepwise/src/main.js', working],
  ['start:worker', 'dist/apps/worker/src/main.js', working],
])('npm run %s runs %s with its flags', (script, entry, flags) => {
  expect(npmScriptNodeArgs(script)).toEqual([...flags, entry]);
});

it('gives the Docker image and docker-compose the same flags as the scripts', () => {
  const docker = commandsRunning(read('Dockerfile'), 'dist/apps/api/src/main.js');
  const composeApi = commandsRunning(read('docker-compose.yml'), 'dist/apps/api/src/main.js');
  const composeWorker = commandsRunning(read('docker-compose.yml'), 'dist/apps/worker/src/main.js');
  expect([docker.length, composeApi.length, composeWorker.length]).toEqual([1, 1, 1]);
  for (const command of [...docker, ...composeApi]) expect(command).toEqual(['node', ...serving, 'dist/apps/api/src/main.js']);
  expect(composeWorker[0]).toEqual(['node', ...working, 'dist/apps/worker/src/main.js']);
});

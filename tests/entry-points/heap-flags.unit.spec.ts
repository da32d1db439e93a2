/**
 * The production processes run with the same V8 heap flags wherever they start: `npm start`,
 * `npm run start:api` and `start:worker`, the Docker image's command and docker-compose's api and
 * worker (the benches launch the scripts' own arguments, so their memory figures are these).
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

const flags = flagsOf(npmScriptNodeArgs('start'));

it('caps the old space and the semi-spaces in npm start', () => {
  expect(flags).toEqual([expect.stringMatching(/^--max-old-space-size=\d+$/), expect.stringMatching(/^--max-semi-space-size=\d+$/)]);
});

it.each([
  ['start', 'dist/apps/stepwise/src/main.js'],
  ['start:api', 'dist/apps/api/src/main.js'],
  ['start:worker', 'dist/apps/worker/src/main.js'],
])('npm run %s runs %s with the same flags', (script, entry) => {
  expect(npmScriptNodeArgs(script)).toEqual([...flags, entry]);
});

it('gives the Docker image and docker-compose the same flags', () => {
  const docker = commandsRunning(read('Dockerfile'), 'dist/apps/api/src/main.js');
  const compose = ['api', 'worker'].flatMap((app) => commandsRunning(read('docker-compose.yml'), `dist/apps/${app}/src/main.js`));
  expect(docker).toHaveLength(1);
  expect(compose).toHaveLength(2);
  for (const command of [...docker, ...compose]) expect(command).toEqual(['node', ...flags, command[command.length - 1]]);
});

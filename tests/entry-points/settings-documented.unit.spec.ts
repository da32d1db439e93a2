/**
 * Every setting a process reads is a row of the README's settings tables, and every row names a
 * setting a process reads: an operator looking up a variable finds it, and one the README lists is
 * never refused as unknown.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerLinkSettings, apiSettings, outboundSettings, sharedSettings, slackInteractionSettings, workerSettings } from '@stepwise/platform';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

/** The settings a table row names in its first cell (`STEPWISE_HOST` / `STEPWISE_PORT` names two). */
const documented = new Set(
  readme
    .split('\n')
    .filter((line) => line.startsWith('| `STEPWISE_'))
    .flatMap((line) => line.split('|')[1].match(/STEPWISE_[A-Z0-9_]+/g) ?? []),
);

const read = new Set(
  [sharedSettings, apiSettings, outboundSettings, workerSettings, answerLinkSettings, slackInteractionSettings].flatMap((settings) => Object.keys(settings)),
);

it('lists every setting the processes read in a README table', () => {
  expect([...read].filter((key) => !documented.has(key)).sort()).toEqual([]);
});

it('lists no setting the processes do not read', () => {
  expect([...documented].filter((key) => !read.has(key)).sort()).toEqual([]);
});

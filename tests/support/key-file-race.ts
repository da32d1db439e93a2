/**
 * Processes racing to make the same key file, as the api and the worker of `npm start` do on a new
 * data folder: `threads` worker threads (each its own event loop, running at once on the machine's
 * cores) call a loader from `modulePath` on the same fresh files, in the same order, as fast as they
 * can. Each file's answers come back per thread: the key each thread got (as the loader's
 * `describe` puts it), or the error it threw.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

const REGISTER = join(__dirname, '..', '..', 'tools', 'register.js');

export type RacedAnswer = { readonly key: string } | { readonly error: string };

const RACER = `
const { parentPort, workerData } = require('node:worker_threads');
const loader = require(workerData.modulePath)[workerData.exportName];
const describe = new Function('key', 'return (' + workerData.describe + ')(key)');
(async () => {
  const answers = [];
  for (const file of workerData.files) {
    try {
      answers.push({ key: describe(await loader(file)) });
    } catch (error) {
      answers.push({ error: error instanceof Error ? error.message : String(error) });
    }
  }
  parentPort.postMessage(answers);
})();
`;

export const raceToMakeKeyFiles = async (
  modulePath: string,
  exportName: string,
  describe: (key: never) => string,
  files: readonly string[],
  threads = 4,
): Promise<RacedAnswer[][]> =>
  Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<RacedAnswer[]>((resolve, reject) => {
          const worker = new Worker(RACER, { eval: true, execArgv: ['-r', REGISTER], workerData: { modulePath, exportName, describe: describe.toString(), files } });
          worker.once('message', (answers: RacedAnswer[]) => {
            resolve(answers);
            void worker.terminate();
          });
          worker.once('error', reject);
        }),
    ),
  );

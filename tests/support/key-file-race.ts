/**
 * Processes racing to make the same key file, as the api and the worker of `npm start` do on a new
 * data folder: worker threads (each its own event loop, running at once on the machine's cores) call
 * a loader from `modulePath` on the same fresh files in `dir`, in the same order, all starting on
 * each file together (they meet at a barrier before every file). What comes back: every error a thread met, how many different keys the threads got for each
 * file (as `describe` names a key), and what else was left in `dir` (a draft not cleaned up).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

const REGISTER = join(__dirname, '..', '..', 'tools', 'register.js');

type RacedAnswer = { readonly key: string } | { readonly error: string };

export interface KeyFileRace {
  readonly errors: string[];
  readonly keysPerFile: number[];
  readonly leftovers: string[];
}

export interface KeyFileLoader {
  readonly modulePath: string;
  readonly exportName: string;
  /** Names a key as a string, to compare the threads' keys: run in the threads, so it must use nothing from around it. */
  readonly describe: (key: never) => string;
}

const RACER = `
const { parentPort, workerData } = require('node:worker_threads');
const loader = require(workerData.modulePath)[workerData.exportName];
const describe = new Function('key', 'return (' + workerData.describe + ')(key)');
const arrived = new Int32Array(workerData.arrivals);
/** Waits until every thread has reached file \`at\` (or 10 s have gone by: a thread that died must not hold the others forever). */
const meet = (at) => {
  Atomics.add(arrived, at, 1);
  Atomics.notify(arrived, at);
  const giveUp = Date.now() + 10000;
  let seen;
  while ((seen = Atomics.load(arrived, at)) < workerData.threads && Date.now() < giveUp) Atomics.wait(arrived, at, seen, 50);
};
(async () => {
  const answers = [];
  for (const [at, file] of workerData.files.entries()) {
    meet(at);
    try {
      answers.push({ key: describe(await loader(file)) });
    } catch (error) {
      answers.push({ error: error instanceof Error ? error.message : String(error) });
    }
  }
  parentPort.postMessage(answers);
})();
`;

const raceOnce = (loader: KeyFileLoader, files: readonly string[], threads: number, arrivals: SharedArrayBuffer): Promise<RacedAnswer[]> =>
  new Promise((resolve, reject) => {
    const workerData = { modulePath: loader.modulePath, exportName: loader.exportName, describe: loader.describe.toString(), files, threads, arrivals };
    const worker = new Worker(RACER, { eval: true, execArgv: ['-r', REGISTER], workerData });
    worker.once('message', (answers: RacedAnswer[]) => {
      resolve(answers);
      void worker.terminate();
    });
    worker.once('error', reject);
  });

export const raceToMakeKeyFiles = async (dir: string, loader: KeyFileLoader, options: { readonly files?: number; readonly threads?: number } = {}): Promise<KeyFileRace> => {
  const names = Array.from({ length: options.files ?? 100 }, (_, round) => `raced-key-${round}`);
  const count = options.threads ?? 4;
  const arrivals = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * names.length);
  const threads = await Promise.all(Array.from({ length: count }, () => raceOnce(loader, names.map((name) => join(dir, name)), count, arrivals)));
  const answersFor = (at: number): RacedAnswer[] => threads.map((answers) => answers[at]);
  return {
    errors: names.flatMap((_, at) => answersFor(at).flatMap((answer) => ('error' in answer ? [answer.error] : []))),
    keysPerFile: names.map((_, at) => new Set(answersFor(at).flatMap((answer) => ('key' in answer ? [answer.key] : []))).size),
    leftovers: (await readdir(dir)).filter((name) => !names.includes(name)),
  };
};

/**
 * Stepwise's own entry points run as child processes of `npm run bench:analytics`, exactly as an
 * operator runs them: the api, the worker and the rebuilds compiled from dist/ with their scripts'
 * flags (`npm run start:api`, `start:worker`, `rebuild`, `rebuild-read-models`, `rebuild-analytics`),
 * `migrate` from its TypeScript source (its npm script), each on the benchmark's database, with its
 * peak resident memory read
 * from /proc (VmHWM: the kernel's high-water mark of the process's resident set).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { peakRssMb } from '../support/peak-rss';
import { npmScriptNodeArgs } from '../../support/npm-script';

const root = join(__dirname, '..', '..', '..');

export interface AppProcess {
  readonly child: ChildProcess;
  /** Everything it wrote to stdout so far (pino lines). */
  output(): string;
  /** Its peak resident set in MB so far (the last reading once it has exited). */
  peakRssMb(): number;
  /** Resolves with its exit code. */
  readonly exited: Promise<number | null>;
  stop(): Promise<number | null>;
}


/** Compiles apps and libraries into dist/ as `npm run start:*` does first (skipped when up to date). */
export const buildDist = (): void => {
  execFileSync(process.execPath, ['tools/build.js'], { cwd: root, stdio: 'inherit' });
};

/**
 * Starts `script` (a path under apps/) from its TypeScript source through tools/register.js, or,
 * given `npmScript` (`start:api`, `start:worker`, `rebuild`, …), runs what that script runs: its build in dist/
 * (call buildDist first) with the script's heap flags. `nodeOptions` go first (e.g. `--cpu-prof`).
 */
export const startApp = (
  script: string,
  env: Record<string, string>,
  options: { readonly npmScript?: string; readonly nodeOptions?: readonly string[] } = {},
): AppProcess => {
  const entry = options.npmScript ? npmScriptNodeArgs(options.npmScript) : ['-r', './tools/register.js', script];
  if (options.npmScript && !entry.includes(join('dist', script.replace(/\.ts$/, '.js')))) throw new Error(`npm run ${options.npmScript} does not run ${script}`);
  const args = [...(options.nodeOptions ?? []), ...entry];
  const child = spawn(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > 1_000_000) output = output.slice(-500_000);
  });
  let peak = 0;
  const sample = (): void => {
    peak = Math.max(peak, peakRssMb(child.pid) ?? 0);
  };
  const sampler = setInterval(sample, 200);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      clearInterval(sampler);
      resolve(code);
    }),
  );
  return {
    child,
    output: () => output,
    peakRssMb: () => (sample(), peak),
    exited,
    stop: async () => {
      sample();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
};

/** Waits until the process's stdout holds `text`; fails if it exits first or the time runs out. */
export const waitForOutput = async (app: AppProcess, text: string, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!app.output().includes(text)) {
    if (app.child.exitCode !== null) throw new Error(`${app.child.spawnargs.join(' ')} exited (${app.child.exitCode}) before "${text}"`);
    if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

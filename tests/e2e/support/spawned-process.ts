/**
 * Stepwise processes started the way a user or a process manager starts them (`npm start`,
 * `npm run start:api`…), with their output captured and their process tree inspectable.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const repositoryRoot = (): string => join(__dirname, '..', '..', '..');

/**
 * An app's entry as `npm start` runs it: compiled in dist/ (`apps/stepwise/src/main.ts` becomes
 * `dist/apps/stepwise/src/main.js`), built once by jest's global setup. Booting the TypeScript
 * source through the register hook compiles the whole app first, which on a loaded 2-core machine
 * took longer than a suite's setup budget.
 */
export const compiledEntry = (source: string): string => join('dist', source.replace(/\.ts$/, '.js'));

/** The test runner's environment without its own STEPWISE_ settings, so a child reads only what it is given. */
export const cleanEnv = (env: Record<string, string>): Record<string, string> => {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key, value]) => !key.startsWith('STEPWISE_') && value !== undefined));
  return { ...(inherited as Record<string, string>), ...env };
};

export interface SpawnedProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves to the first match of `pattern` in the output; rejects if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves to the exit code (or signal) once the process has exited. */
  readonly exited: Promise<number | string>;
  /**
   * Resolves once the process has exited and its stdout and stderr have closed: only then does
   * `output()` hold everything it wrote (its last lines can still be on their way after it exits).
   */
  readonly closed: Promise<void>;
}

export const spawnProcess = (command: string, args: string[], env: Record<string, string>, options: { detached?: boolean } = {}): SpawnedProcess => {
  const child = spawn(command, args, { cwd: repositoryRoot(), env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: options.detached });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const waitFor = (pattern: RegExp, timeoutMs = 150_000): Promise<RegExpExecArray> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const match = pattern.exec(output);
        if (match) done(() => resolve(match));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${output}`))), timeoutMs);
      const done = (settle: () => void): void => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      void exited.then((code) => done(() => reject(new Error(`exited (${code}) before ${pattern}; output:\n${output}`))));
      check();
    });
  if (child.pid === undefined) throw new Error(`${command} did not start`);
  return { child, pid: child.pid, output: () => output, waitFor, exited, closed };
};

/**
 * Children a spec started and has not seen exit yet: `track` each as it starts; `killAll` (after
 * each test) kills those still running and waits for them, so a test that gave up on one (it failed,
 * or ran out of time) leaves nothing running behind it.
 */
export const childProcesses = (): { track<Child extends ChildProcess>(child: Child): Child; killAll(): Promise<void> } => {
  const running = new Set<ChildProcess>();
  return {
    track: (child) => {
      running.add(child);
      child.once('exit', () => running.delete(child));
      return child;
    },
    killAll: async () => {
      await Promise.all(
        [...running].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGKILL');
            }),
        ),
      );
    },
  };
};

/** Every process below `pid` (npm's shell and node, say), from `ps`. */
export const descendantsOf = (pid: number): number[] => {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const below = (parent: number): number[] => table.filter(([, ppid]) => ppid === parent).flatMap(([child]) => [child, ...below(child)]);
  return below(pid);
};

export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** True when nothing listens on the port (we can bind it ourselves). */
export const portIsFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** Polls `condition` until it holds or the time is up; resolves to whether it held. */
export const eventually = async (condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** The URL an api process logs once it listens (it is started on port 0, so the system picks a free one). */
export const LISTENING = /"url":"(http:\/\/127\.0\.0\.1:(\d+))\/graphql"/;

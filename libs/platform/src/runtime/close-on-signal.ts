import type { Runtime } from './runtime';
import { closeRuntime } from './open-runtime';

interface Closable {
  close(): Promise<void>;
}

/**
 * How long a graceful stop may take before the process exits anyway: long enough for in-flight
 * requests and a projection batch to finish, short enough for a process manager's stop timeout
 * (docker's is 10 s).
 */
const SHUTDOWN_DEADLINE_MS = 8_000;

/**
 * On SIGINT/SIGTERM: stop the apps (in the order given: the api first so nothing new is
 * acknowledged, then the worker), then the runtime they share, then exit.
 *
 * A second signal does not cut the stop short: Ctrl-C reaches a process twice under `npm start`
 * (from the terminal to the whole process group, and forwarded by npm), and exiting before the
 * runtime is closed could lose PGlite writes. The deadline is what bounds a stop that hangs.
 */
export const closeOnSignal = (runtime: Runtime, apps: readonly Closable[], deadlineMs = SHUTDOWN_DEADLINE_MS): void => {
  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    runtime.logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      runtime.logger.error({ signal, deadlineMs }, 'shutdown did not finish in time; exiting anyway');
      process.exit(1);
    }, deadlineMs).unref();
    try {
      for (const app of apps) await app.close();
      await closeRuntime(runtime);
      runtime.logger.info({ signal }, 'stopped');
      process.exit(0);
    } catch (error) {
      runtime.logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  // `on`, not `once`: a repeated signal must not fall back to the default handler, which would kill
  // the process in the middle of closing.
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
};

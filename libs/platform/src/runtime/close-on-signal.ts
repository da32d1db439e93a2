import type { Runtime } from './runtime';
import { closeRuntime } from './open-runtime';

interface Closable {
  close(): Promise<void>;
}

/** On SIGINT/SIGTERM: stop the apps (in the order given), then the runtime they share, then exit. */
export const closeOnSignal = (runtime: Runtime, apps: readonly Closable[]): void => {
  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    runtime.logger.info({ signal }, 'shutting down');
    try {
      for (const app of apps) await app.close();
      await closeRuntime(runtime);
      process.exit(0);
    } catch (error) {
      runtime.logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
};

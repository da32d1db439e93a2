import { CodedError } from '@stepwise/kernel';
import { ConfigError } from '../config/config.error';

/** A process that cannot boot says why, once, and exits non-zero. */
export const exitOnBootFailure = (error: unknown): never => {
  // A configuration mistake or a coded refusal (a locked data folder, a changed migration) explains itself.
  if (error instanceof ConfigError) {
    // Its code, then each setting at fault on a line of its own.
    process.stderr.write(`${error.code}: ${error.message}\n`);
  } else if (error instanceof CodedError) {
    process.stderr.write(`${error.code}: ${error.message}\n`);
  } else {
    process.stderr.write(`Stepwise failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
};

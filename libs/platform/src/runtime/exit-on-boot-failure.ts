import { CodedError } from '@stepwise/kernel';
import { ConfigError } from '../config/config.error';

/** A process that cannot boot says why, once, and exits non-zero. */
export const exitOnBootFailure = (error: unknown): never => {
  // A configuration mistake (each setting at fault on a line of its own) or a coded refusal (a locked
  // data folder, a changed migration) explains itself, after its code.
  if (error instanceof ConfigError || error instanceof CodedError) {
    process.stderr.write(`${error.code}: ${error.message}\n`);
  } else {
    process.stderr.write(`Stepwise failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
};

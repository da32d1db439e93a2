/**
 * Imported first by every rebuild command, before the rest of it loads (which takes a moment): a
 * Ctrl-C or SIGTERM that comes while it loads is heard and answered with its line, where Node's own
 * handler would end the process without a word.
 */
import { listenForInterruption } from './rebuild-interruption';

export const interruption = listenForInterruption();

import { Writable } from 'node:stream';
import pino from 'pino';

/** A pino logger at debug whose lines are kept, parsed, for a spec to read. */
export const loggedLines = (): { lines: Record<string, unknown>[]; logger: pino.Logger } => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level: 'debug' }, sink) };
};

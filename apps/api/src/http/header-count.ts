import type { IncomingMessage } from 'node:http';

/**
 * How many times a header came in the request (`name` in lower case). Node keeps the first of
 * several Host or Authorization headers and drops the rest from `headers`; the raw list still has
 * them all. Counted without building `headersDistinct`, which copies every header of every request.
 */
export const headerCount = (request: Pick<IncomingMessage, 'rawHeaders'>, name: string): number => {
  const raw = request.rawHeaders;
  let count = 0;
  for (let index = 0; index < raw.length; index += 2) {
    if (raw[index].length === name.length && raw[index].toLowerCase() === name) count += 1;
  }
  return count;
};

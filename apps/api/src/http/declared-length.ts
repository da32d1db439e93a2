import type { IncomingMessage } from 'node:http';

/**
 * Whether a request declares a body longer than `limitBytes`. body-parser refuses such a body
 * unread, but answers only once the request has ended, reading and discarding all of it (a gigabyte,
 * if declared so) first; checked ahead of it, the refusal goes out at once, on a closed connection.
 */
export const declaresMoreThan = (request: IncomingMessage, limitBytes: number): boolean => {
  const declared = request.headers['content-length'];
  return declared !== undefined && /^[0-9]+$/.test(declared) && Number(declared) > limitBytes;
};

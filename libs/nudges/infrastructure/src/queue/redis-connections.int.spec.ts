/**
 * The nudge queue's connection watch against a Redis that accepts the connection and never answers
 * (a hung server, replies swallowed on the way): reported down in one line, as a refusal is, rather
 * than waiting in silence.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger } from '@stepwise/platform';
import { openProducerRedis, watchRedis } from './redis-connections';

describe('watching the nudge queue’s Redis connection', () => {
  it('reports a first connection that gets no answer as down, once', async () => {
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket.resume()));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const client = openProducerRedis(`redis://127.0.0.1:${(silent.address() as AddressInfo).port}`, 'silence-test');
    const watch = watchRedis(client, createLogger('test', 'info', destination), undefined, 300);
    try {
      await new Promise((resolve) => setTimeout(resolve, 900));
      expect(lines).toEqual([expect.objectContaining({ redis: 'down', error: 'no answer within 300 ms', msg: expect.stringContaining('Redis is unreachable') })]);
    } finally {
      watch.stop();
      client.disconnect();
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

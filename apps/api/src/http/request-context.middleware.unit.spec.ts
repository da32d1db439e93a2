import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import { createLogger } from '@stepwise/platform';
import { requestContext } from './request-context.middleware';

interface LogLine {
  readonly msg: string;
  readonly correlationId?: string;
  readonly [field: string]: unknown;
}

describe('the request context: a correlation id per request, in its answer and every log line it causes', () => {
  const lines: LogLine[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as LogLine);
        done();
      },
    });
    const logger = createLogger('api', 'info', destination);
    const app = express();
    app.use(requestContext(logger));
    // Work that outlives a turn of the event loop, as a resolver's would.
    app.get('/work', async (request, response) => {
      await sleep(Number(request.query.wait ?? 0));
      logger.info({ asked: request.query.name }, 'inside');
      response.status(201).send('done');
    });
    server = await new Promise<Server>((listening) => {
      const started = app.listen(0, '127.0.0.1', () => listening(started));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

  beforeEach(() => {
    lines.length = 0;
  });

  const linesOf = async (count: number): Promise<LogLine[]> => {
    // The request line is written once the answer has gone out, which the client may see first.
    for (let tries = 0; lines.length < count && tries < 100; tries += 1) await sleep(10);
    return lines;
  };

  it("keeps a sane caller's id: echoed back, on the work's line and on the request's line with its method, path, status and time", async () => {
    const response = await fetch(`${url}/work?name=a&secret=x`, { headers: { 'x-correlation-id': 'abc-123' } });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-correlation-id')).toBe('abc-123');
    const [inside, request] = await linesOf(2);
    expect(inside).toMatchObject({ msg: 'inside', asked: 'a', correlationId: 'abc-123' });
    expect(request).toMatchObject({ msg: 'request', method: 'GET', path: '/work', status: 201, correlationId: 'abc-123' });
    expect(request.ms).toEqual(expect.any(Number));
  });

  it('replaces an unsafe id with a new one, and uses that one throughout', async () => {
    const response = await fetch(`${url}/work`, { headers: { 'x-correlation-id': 'bad id\twith spaces' } });
    const given = response.headers.get('x-correlation-id');
    expect(given).toMatch(/^[0-9a-f-]{36}$/);
    expect((await linesOf(2)).map((line) => line.correlationId)).toEqual([given, given]);
  });

  it('keeps requests in flight together apart: each line carries its own request id', async () => {
    // The first finishes last, so both are in flight at once.
    await Promise.all([
      fetch(`${url}/work?name=slow&wait=60`, { headers: { 'x-correlation-id': 'slow-1' } }),
      fetch(`${url}/work?name=quick&wait=0`, { headers: { 'x-correlation-id': 'quick-2' } }),
    ]);
    const all = await linesOf(4);
    const byName = (name: string) => all.find((line) => line.msg === 'inside' && line.asked === name)?.correlationId;
    expect(byName('slow')).toBe('slow-1');
    expect(byName('quick')).toBe('quick-2');
    expect(all.filter((line) => line.msg === 'request').map((line) => line.correlationId).sort()).toEqual(['quick-2', 'slow-1']);
  });
});

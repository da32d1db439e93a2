import { Writable } from 'node:stream';
import { runInTenant } from '@stepwise/kernel';
import { runWithCorrelation } from './correlation';
import { createLogger } from './logger';

describe('structured logger', () => {
  it('writes JSON lines carrying the correlation id and tenant of the work in progress', () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')));
        done();
      },
    });
    const logger = createLogger('api', 'info', destination);
    logger.info('outside');
    runWithCorrelation('req-1', () => {
      logger.info('inside a request');
      runInTenant({ tenantId: 'org-1', correlationId: 'req-1' }, () => logger.warn({ extra: 1 }, 'inside a tenant'));
    });
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', service: 'api', msg: 'outside' }),
      expect.objectContaining({ level: 'info', correlationId: 'req-1', msg: 'inside a request' }),
      expect.objectContaining({ level: 'warn', correlationId: 'req-1', tenantId: 'org-1', extra: 1, msg: 'inside a tenant' }),
    ]);
    expect(lines[0]).not.toHaveProperty('correlationId');
  });
});

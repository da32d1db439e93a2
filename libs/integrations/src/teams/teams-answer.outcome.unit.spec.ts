import { parseRetryAfter } from '../retry';
import { outcomeOfTeamsAnswer } from './teams-answer.outcome';

const NOW = new Date('2026-03-02T09:00:00Z');

describe('outcomeOfTeamsAnswer', () => {
  it.each([200, 202, 204])('counts %i as delivered', (status) => {
    expect(outcomeOfTeamsAnswer(status, '', null, NOW)).toEqual({ kind: 'delivered', statusCode: status, detail: null });
  });

  it.each([408, 429, 500, 502, 503, 504])('retries %i', (status) => {
    expect(outcomeOfTeamsAnswer(status, '', '12', NOW)).toMatchObject({ kind: 'retryable', statusCode: status, retryAfterMs: 12_000 });
  });

  it.each([
    [400, false],
    [401, false],
    [403, false],
    [404, true],
    [410, true],
    [301, false],
  ])('gives up on %i (address gone: %s)', (status, disableAddress) => {
    expect(outcomeOfTeamsAnswer(status, 'nope', null, NOW)).toMatchObject({ kind: 'permanent', statusCode: status, disableAddress });
  });

  it('keeps a long answer short in the detail', () => {
    const outcome = outcomeOfTeamsAnswer(400, 'x'.repeat(5000), null, NOW);

    expect(outcome.kind === 'permanent' && outcome.detail.length).toBeLessThan(400);
  });
});

describe('the Retry-After of a Teams answer', () => {
  // One reading for every channel: the edge cases are parseRetryAfter's (retry/retry-after.unit.spec.ts).
  it.each(['12', 'Mon, 02 Mar 2026 09:01:00 GMT', 'Monday, 02-Mar-26 09:01:00 GMT', 'Mon, 02 Mar 2026 08:00:00 GMT', '-5', '1.5', 'abc 5', '99999999999999999999', '2026-03-02T09:01:00Z', 'soon', null])(
    'is read as every channel reads it: %p',
    (header) => {
      const outcome = outcomeOfTeamsAnswer(429, '', header, NOW);
      expect(outcome.kind === 'retryable' && outcome.retryAfterMs).toBe(parseRetryAfter(header, NOW));
    },
  );

  it('reads seconds and HTTP dates, and ignores what it cannot read', () => {
    const retryAfter = (header: string | null) => {
      const outcome = outcomeOfTeamsAnswer(503, '', header, NOW);
      return outcome.kind === 'retryable' ? outcome.retryAfterMs : undefined;
    };
    expect(retryAfter('120')).toBe(120_000);
    expect(retryAfter('Mon, 02 Mar 2026 09:01:00 GMT')).toBe(60_000);
    expect(retryAfter('Mon, 02 Mar 2026 08:00:00 GMT')).toBe(0);
    expect(retryAfter('-5')).toBeNull();
    expect(retryAfter('2026-03-02T09:01:00Z')).toBeNull();
    expect(retryAfter('soon')).toBeNull();
    expect(retryAfter(null)).toBeNull();
  });
});

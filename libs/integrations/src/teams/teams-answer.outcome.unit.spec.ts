import { outcomeOfTeamsAnswer, retryAfterMs } from './teams-answer.outcome';

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

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and ignores what it cannot read', () => {
    expect(retryAfterMs('120', NOW)).toBe(120_000);
    expect(retryAfterMs('Mon, 02 Mar 2026 09:01:00 GMT', NOW)).toBe(60_000);
    expect(retryAfterMs('Mon, 02 Mar 2026 08:00:00 GMT', NOW)).toBe(0);
    expect(retryAfterMs('soon', NOW)).toBeNull();
    expect(retryAfterMs(null, NOW)).toBeNull();
  });
});

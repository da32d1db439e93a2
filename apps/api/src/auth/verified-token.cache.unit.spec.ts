import { VerifiedTokenCache } from './verified-token.cache';

describe('VerifiedTokenCache', () => {
  const ada = { subject: 'ada' };

  it('serves a verified token until the token expires', () => {
    const cache = new VerifiedTokenCache(10, 60_000);
    cache.set('t1', ada, 10_000, 0);
    expect(cache.get('t1', 9_999)).toEqual(ada);
    expect(cache.get('t1', 10_000)).toBeUndefined();
  });

  it('never keeps an entry longer than its maximum age, so a withdrawn key stops being honoured', () => {
    const cache = new VerifiedTokenCache(10, 60_000);
    cache.set('t1', ada, 3_600_000, 0);
    expect(cache.get('t1', 59_999)).toEqual(ada);
    expect(cache.get('t1', 60_000)).toBeUndefined();
  });

  it('holds at most its capacity, dropping the oldest', () => {
    const cache = new VerifiedTokenCache(2, 60_000);
    cache.set('t1', ada, 50_000, 0);
    cache.set('t2', ada, 50_000, 0);
    cache.set('t3', ada, 50_000, 0);
    expect([cache.get('t1', 1), cache.get('t2', 1), cache.get('t3', 1)]).toEqual([undefined, ada, ada]);
  });
});

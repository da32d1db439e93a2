/** Row statements stay prepared only once they repeat, and only so many: varied texts are planned per call. */
import { StatementPlans } from './statement-plans';

describe('statement plans', () => {
  it('plans a text for its first call, keeps it prepared from its second on', () => {
    const plans = new StatementPlans();
    expect([plans.prepare('a'), plans.prepare('a'), plans.prepare('a')]).toEqual([false, true, true]);
  });

  it('keeps no more than 32 texts prepared; the rest are planned each time', () => {
    const plans = new StatementPlans();
    const texts = Array.from({ length: 40 }, (_, index) => `statement ${index}`);
    for (const text of texts) plans.prepare(text);
    const second = texts.map((text) => plans.prepare(text));
    expect(second.filter(Boolean)).toHaveLength(32);
    expect(second.slice(32)).toEqual(Array(8).fill(false));
    expect(plans.prepare('statement 0')).toBe(true);
  });

  it('keeps more prepared once allowed more (a rebuild), never fewer', () => {
    const plans = new StatementPlans();
    plans.allow(64);
    plans.allow(8);
    const texts = Array.from({ length: 70 }, (_, index) => `statement ${index}`);
    for (const text of texts) plans.prepare(text);
    const second = texts.map((text) => plans.prepare(text));
    expect(second.filter(Boolean)).toHaveLength(64);
    expect(second.slice(64)).toEqual(Array(6).fill(false));
  });
});

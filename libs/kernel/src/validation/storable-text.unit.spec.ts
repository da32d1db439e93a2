import { findUnstorableText, unstorableTextReason } from './storable-text';

describe('storable text', () => {
  it.each([
    ['plain text', 'Ship the pilot', undefined],
    ['a surrogate pair (an emoji)', 'Ship it \u{1F680}', undefined],
    ['the literal text \\u0000', 'see \\u0000 and \\uD800', undefined],
    ['a lone leading surrogate', 'journey-\uD800', 'LONE_SURROGATE'],
    ['a lone trailing surrogate', 'journey-\uDC00', 'LONE_SURROGATE'],
    ['two leading surrogates', '\uD800\uD800', 'LONE_SURROGATE'],
    ['a trailing before a leading surrogate', '\uDC00\uD800', 'LONE_SURROGATE'],
    ['a NUL', 'a\u0000b', 'NUL_CHARACTER'],
  ])('%s', (_label, value, reason) => {
    expect(unstorableTextReason(value)).toBe(reason);
  });

  it('names the first bad string by its path, keys included', () => {
    expect(findUnstorableText({ title: 'ok', expectations: ['fine', 'bad \uD800'] }, 'input')).toEqual({
      path: 'input.expectations[1]',
      reason: 'LONE_SURROGATE',
    });
    expect(findUnstorableText({ nested: { ['k\u0000']: 1 } }, 'events[0].data')).toEqual({ path: 'events[0].data.nested', reason: 'NUL_CHARACTER' });
    expect(findUnstorableText('x\uDFFF', 'input.title')).toEqual({ path: 'input.title', reason: 'LONE_SURROGATE' });
    expect(findUnstorableText({ a: [1, true, null, { b: 'fine \u{1F600}' }] }, 'input')).toBeUndefined();
  });

  it('walks deep nesting without exhausting the stack', () => {
    let deep: unknown = 'bad \uDC00';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(findUnstorableText(deep, 'input')?.reason).toBe('LONE_SURROGATE');
  });
});

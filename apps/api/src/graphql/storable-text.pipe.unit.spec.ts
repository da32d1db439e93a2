import { StorableTextPipe } from './storable-text.pipe';

describe('StorableTextPipe', () => {
  const pipe = new StorableTextPipe();

  it('names the argument path of a lone surrogate or a NUL', () => {
    expect(() => pipe.transform({ title: 'ok', expectations: ['a', 'b\uDC00'] }, { type: 'body', data: 'input' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', details: { field: 'expectations[1]', reason: 'LONE_SURROGATE' } }),
    );
    // `@Args() page: PageArgs` binds every argument at once: the path starts at the argument's name.
    expect(() => pipe.transform({ first: 10, after: 'c\u0000' }, { type: 'body' })).toThrow(
      expect.objectContaining({ details: { field: 'after', reason: 'NUL_CHARACTER' } }),
    );
  });

  it('passes storable text through unchanged, and leaves parameters built by the api alone', () => {
    const input = { title: 'Ship \u{1F680} and \\u0000 literally' };
    expect(pipe.transform(input, { type: 'body', data: 'input' })).toBe(input);
    const caller = { name: 'built from the request \uD800' };
    expect(pipe.transform(caller, { type: 'custom' })).toBe(caller);
  });
});

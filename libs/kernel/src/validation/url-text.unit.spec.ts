import { ValidationError } from '../errors/coded-error';
import { hasStrayUrlCharacters, requiredUrlText } from './url-text';

const refusal = (value: unknown): unknown => {
  try {
    return requiredUrlText('url', value, 60);
  } catch (error) {
    if (error instanceof ValidationError) return error.details;
    throw error;
  }
};

describe('a URL as text', () => {
  it.each([
    ['https://example.com/a', 'https://example.com/a'],
    ['  https://example.com/a ', 'https://example.com/a'],
    ['https://example.com/a%20b?q=x+y', 'https://example.com/a%20b?q=x+y'],
    ['https://bücher.example/straße', 'https://bücher.example/straße'],
  ])('takes %j as %j', (value, taken) => {
    expect(requiredUrlText('url', value, 60)).toBe(taken);
  });

  it.each([
    ['a space inside', 'https://example.com/a b'],
    ['a trailing tab', 'https://example.com/a\t'],
    ['a leading line break', '\nhttps://example.com/a'],
    ['a trailing carriage return and line feed', 'https://example.com/a\r\n'],
    ['a line break in the host', 'https://exa\nmple.com/a'],
    ['a NUL', 'https://example.com/a\u0000'],
    ['a DEL', 'https://example.com/\u007fa'],
    ['a C1 control', 'https://example.com/\u0085a'],
    ['a no-break space inside', 'https://example.com/a\u00a0b'],
    ['an ideographic space inside', 'https://example.com/a\u3000b'],
    ['a line separator inside', 'https://example.com/a\u2028b'],
    ['a zero-width space', 'https://example.com/a\u200b'],
    ['a right-to-left override', 'https://example.com/\u202egpj.exe'],
  ])('refuses one with %s: INVALID_FORMAT naming the field', (_case, value) => {
    expect(hasStrayUrlCharacters(value)).toBe(true);
    expect(refusal(value)).toEqual({ field: 'url', reason: 'INVALID_FORMAT' });
  });

  it.each([
    ['no host before the path (the parser would take the path for it)', 'https:///x'],
    ['one slash', 'https:/example.com/x'],
    ['no slashes', 'https:example.com/x'],
    ['backslashes', 'https:\\\\example.com\\x'],
    ['a backslash in the path', 'https://example.com\\x'],
    ['no scheme', 'example.com/x'],
  ])('refuses one with %s, which the parser would read as another URL: INVALID_FORMAT', (_case, value) => {
    expect(refusal(value)).toEqual({ field: 'url', reason: 'INVALID_FORMAT' });
  });

  it('refuses blank, missing and over-long text as any required text does', () => {
    expect(refusal('  ')).toEqual({ field: 'url', reason: 'REQUIRED' });
    expect(refusal(undefined)).toEqual({ field: 'url', reason: 'REQUIRED' });
    expect(refusal(`https://example.com/${'x'.repeat(60)}`)).toEqual({ field: 'url', reason: 'TOO_LONG', max: 60 });
  });
});

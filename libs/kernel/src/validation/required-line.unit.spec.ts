import { ValidationError } from '../errors/coded-error';
import { requiredLine } from './field.validation';

const refusal = (value: unknown): unknown => {
  try {
    return requiredLine('name', value, 20);
  } catch (error) {
    if (error instanceof ValidationError) return error.details;
    throw error;
  }
};

describe('a name or a title', () => {
  it.each([['  Pilot team ', 'Pilot team'], ['Équipe 2', 'Équipe 2'], ['🚀', '🚀'], ['a\u200Bb', 'a\u200Bb']])('takes %j as %j', (value, taken) => {
    expect(requiredLine('name', value, 20)).toBe(taken);
  });

  it.each(['a\nb', 'a\r\nb', 'a\tb', 'a\u0007b'])('refuses %j, which is not one line: INVALID_FORMAT', (value) => {
    expect(refusal(value)).toEqual({ field: 'name', reason: 'INVALID_FORMAT' });
  });

  it.each(['\u200B\u200B', '\u2060', '\u00A0\u3000', '\uFEFF '])('refuses %j, which shows nothing: REQUIRED', (value) => {
    expect(refusal(value)).toEqual({ field: 'name', reason: 'REQUIRED' });
  });

  it('refuses blank and over-long text as any required text does', () => {
    expect(refusal('   ')).toEqual({ field: 'name', reason: 'REQUIRED' });
    expect(refusal('x'.repeat(21))).toEqual({ field: 'name', reason: 'TOO_LONG', max: 20 });
  });
});

import { ValidationError } from '../errors/coded-error';
import { characterCount, optionalText, requiredLine, requiredText } from './field.validation';

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

  it.each([
    '\u200B\u200B',
    '\u2060',
    '\u00A0\u3000',
    '\uFEFF ',
    // Hangul fillers, the combining grapheme joiner, a variation selector, a lone combining mark, the blank Braille pattern.
    '\u3164',
    '\u115F\u1160',
    '\uFFA0',
    '\u034F',
    '\uFE0F',
    '\u0301',
    '\u2800 \u2800',
  ])('refuses %j, which shows nothing: REQUIRED', (value) => {
    expect(refusal(value)).toEqual({ field: 'name', reason: 'REQUIRED' });
  });

  it.each(['\u202Eexe.doc', 'a\u202Ab\u202C', 'x\u2066y\u2069', '\u2067Team'])('refuses %j, whose direction controls reorder what it shows: INVALID_FORMAT', (value) => {
    expect(refusal(value)).toEqual({ field: 'name', reason: 'INVALID_FORMAT' });
  });

  it.each([['\u05E6\u05D5\u05D5\u05EA \u200F2', '\u05E6\u05D5\u05D5\u05EA \u200F2'], ['e\u0301', 'e\u0301'], ['\u{1F44D}\u{1F3FD}', '\u{1F44D}\u{1F3FD}'], ['\uE000', '\uE000']])(
    'takes %j: a right-to-left mark, a mark on a letter, a skin tone, a private-use glyph',
    (value, taken) => {
      expect(requiredLine('name', value, 20)).toBe(taken);
    },
  );

  it('refuses blank and over-long text as any required text does', () => {
    expect(refusal('   ')).toEqual({ field: 'name', reason: 'REQUIRED' });
    expect(refusal('x'.repeat(21))).toEqual({ field: 'name', reason: 'TOO_LONG', max: 20 });
  });
});

describe('the length of text, in characters', () => {
  it('counts a character outside the Basic Multilingual Plane once, as a person and PostgreSQL do', () => {
    expect(characterCount('')).toBe(0);
    expect(characterCount('Équipe')).toBe(6);
    expect(characterCount('🚀🚀')).toBe(2);
    expect(characterCount('a🚀b\u{10FFFF}')).toBe(4);
    // A lone surrogate (refused elsewhere as unstorable) is one unit, counted once.
    expect(characterCount('\uD800x\uDC00')).toBe(3);
  });

  it('takes max characters that are twice as many UTF-16 units, and refuses one more', () => {
    expect(requiredLine('name', '😀'.repeat(20), 20)).toBe('😀'.repeat(20));
    expect(requiredText('note', `${'😀'.repeat(19)}ab`, 21)).toHaveLength(40);
    expect(refusal('😀'.repeat(21))).toEqual({ field: 'name', reason: 'TOO_LONG', max: 20 });
    expect(refusal(`${'😀'.repeat(20)}x`)).toEqual({ field: 'name', reason: 'TOO_LONG', max: 20 });
  });
});

describe('any required text (a statement, a reason, a direction)', () => {
  it.each(['\u200B', '\u2060 \u2060', '\uFEFF', '\u3164'])('refuses %j, which shows nothing, as blank: REQUIRED', (value) => {
    expect(() => requiredText('statement', value, 100)).toThrow(expect.objectContaining({ details: { field: 'statement', reason: 'REQUIRED' } }));
  });

  it('keeps invisible characters beside visible ones, and reads optional text that shows nothing as none', () => {
    expect(requiredText('statement', 'a\u200Bb', 100)).toBe('a\u200Bb');
    expect(optionalText('note', '\u200B ', 100)).toBeNull();
    expect(optionalText('note', ' x\u200B', 100)).toBe('x\u200B');
  });
});

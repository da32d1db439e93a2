import { escapeAdaptiveCardMarkdown, truncateAdaptiveCardText } from './adaptive-card-text';
import { MARKDOWN_CONSTRUCTS, readAsCommonMark, unescapedMarkdown } from './testing/markdown-constructs';

describe('escapeAdaptiveCardMarkdown', () => {
  it.each(MARKDOWN_CONSTRUCTS)('keeps %s as the words it is: nothing left to read as markup, and it reads back unchanged', (_name, text) => {
    const escaped = escapeAdaptiveCardMarkdown(text);

    expect(unescapedMarkdown(escaped)).toEqual([]);
    expect(readAsCommonMark(escaped)).toBe(text);
  });

  it('leaves ordinary sentences as they are', () => {
    const sentence = 'You took “Share the plan: 3 desks, 2 rooms”. Are we closer? 100% yes.';

    expect(escapeAdaptiveCardMarkdown(sentence)).toBe(sentence);
  });

  it('escapes list and heading markers only where they would start a line', () => {
    expect(escapeAdaptiveCardMarkdown('A - B + C # D 1. E')).toBe('A - B + C # D 1. E');
    expect(escapeAdaptiveCardMarkdown('- a\n  + b\n# c\n12. d\n===')).toBe('\\- a\n  \\+ b\n\\# c\n12\\. d\n\\===');
  });
});

describe('truncateAdaptiveCardText', () => {
  it('cuts escaped text without leaving half an escape before the ellipsis', () => {
    const escaped = escapeAdaptiveCardMarkdown('ab[link](x)');

    expect(truncateAdaptiveCardText(escaped, 4)).toBe('ab…');
    expect(truncateAdaptiveCardText(escaped, 5)).toBe('ab\\[…');
    expect(truncateAdaptiveCardText(escapeAdaptiveCardMarkdown('a\\\\b'), 4)).toBe('a\\\\…');
  });

  it('leaves text that fits as it is', () => {
    expect(truncateAdaptiveCardText('short', 5)).toBe('short');
  });
});

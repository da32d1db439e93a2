/**
 * Markdown a member could type into a step title, a vision or their name, and what a CommonMark
 * reader (the markdown Adaptive Card TextBlocks are read with) makes of escaped text: every
 * backslash before ASCII punctuation is dropped and the punctuation shown as it is.
 */
export const MARKDOWN_CONSTRUCTS: readonly (readonly [name: string, text: string])[] = [
  ['a link', '[reset your password](https://evil.example)'],
  ['a reference link', '[reset your password][1]\n\n[1]: https://evil.example'],
  ['an image', '![logo](https://evil.example/logo.png)'],
  ['an autolink', '<https://evil.example>'],
  ['HTML', '<a href="https://evil.example">reset</a>'],
  ['bold', '**urgent**'],
  ['bold with underscores', '__urgent__'],
  ['italic', '_quietly_ or *quietly*'],
  ['strikethrough', '~~cancelled~~'],
  ['code', '`rm -rf` and\n```\na block\n```'],
  ['a heading', '# Reset now'],
  ['an underlined heading', 'Reset now\n==='],
  ['a quote', '> from IT: reset now'],
  ['a bulleted list', '- one\n+ two\n* three'],
  ['a numbered list', '1. one\n2) two'],
  ['a date function', '{{DATE(2026-03-02T09:00:00Z, SHORT)}}'],
  ['a mention tag', '<at>Everyone</at>'],
  ['backslashes of its own', 'C:\\temp\\* and \\[x\\](y)'],
];

const ESCAPE = /\\([!-/:-@[-`{-~])/g;

/** The text a CommonMark reader shows for `markdown` where it holds no markup. */
export const readAsCommonMark = (markdown: string): string => markdown.replace(ESCAPE, '$1');

/** What in `markdown` is still markup: an unescaped special character, or a block marker starting a line. */
export const unescapedMarkdown = (markdown: string): string[] => {
  const bare = markdown.replace(ESCAPE, 'x');
  return [...(bare.match(/[\\*_~`[\]()<>]/g) ?? []), ...(bare.match(/^[ \t]*(?:[-+#=]|\d+[.)])/gm) ?? [])];
};

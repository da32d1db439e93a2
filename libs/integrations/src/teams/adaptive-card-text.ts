/**
 * Text as an Adaptive Card takes it. Teams reads a TextBlock's text, a fact's title and value and the
 * card's fallback text as markdown (bold, italic, lists and `[label](url)` links in the card subset;
 * the CommonMark parsers behind it know more: headings, quotes, code, autolinks), so a nudge's
 * words, which hold what members typed, are escaped before they go into a card: a backslash before
 * every character that could start markup, as CommonMark reads it. Brackets and parentheses are
 * always escaped, so no `](` ever stands together and not even a parser that ignored escapes could
 * find a link. The card's actions are its only links.
 */

/** Markup anywhere in a line: emphasis, strikethrough, code, links and images, autolinks and HTML, quotes, and the backslash itself. */
const INLINE_MARKUP = /[\\*_~`[\]()<>]/g;
/** Markup only where a line starts: a bulleted item, a heading, a setext underline. */
const LINE_START_MARKER = /^([ \t]*)([-+#=])/gm;
/** A numbered item (`1.`; `1)` is escaped with the parentheses). */
const NUMBERED_ITEM = /^([ \t]*\d+)\./gm;

export const escapeAdaptiveCardMarkdown = (text: string): string =>
  text.replace(INLINE_MARKUP, '\\$&').replace(LINE_START_MARKER, '$1\\$2').replace(NUMBERED_ITEM, '$1\\.');

/**
 * At most `max` UTF-16 units of escaped text, cut on a code point and marked with an ellipsis, never
 * between a backslash and the character it escapes.
 */
export const truncateAdaptiveCardText = (text: string, max: number): string => {
  if (text.length <= max) return text;
  let kept = '';
  for (const codePoint of text) {
    if (kept.length + codePoint.length > max - 1) break;
    kept += codePoint;
  }
  return `${endsInHalfAnEscape(kept) ? kept.slice(0, -1) : kept}…`;
};

/** An odd run of backslashes at the end: the last one escapes what was cut off. */
const endsInHalfAnEscape = (text: string): boolean => (/\\+$/.exec(text)?.[0].length ?? 0) % 2 === 1;

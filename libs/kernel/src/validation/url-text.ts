/**
 * Text given as a URL, checked before a URL parser sees it: WHATWG URL parsing drops tabs and line
 * breaks wherever they stand and percent-encodes spaces and other control or invisible characters,
 * so "https://example.com/a b", or a URL ending in a tab, would be kept as another URL than the one
 * the admin sees. Spaces around the text are let be: text fields are trimmed of them.
 */
import { invalid, requiredText } from './field.validation';

const CONTROL = /\p{Cc}/u;
/** Whitespace of every kind and the invisible format characters (zero-width space, bidirectional controls). */
const BLANK_OR_INVISIBLE = /[\s\p{Z}\p{Cf}]/u;

/** Whether the text holds a control character anywhere, or whitespace or an invisible character inside it. */
export const hasStrayUrlCharacters = (text: string): boolean => CONTROL.test(text) || BLANK_OR_INVISIBLE.test(text.trim());

/**
 * A scheme, then `//` and the first character of a host. The parser reads a web URL's text loosely:
 * "https:///x" is host x, and "https:/example.com/x", "https:example.com/x" and "https:\\example.com\x"
 * are all https://example.com/x, so what is kept would not be what the admin wrote.
 */
const SCHEME_AND_HOST = /^[a-z][a-z0-9+.-]*:\/\/[^/\\?#@]/i;

/** A required URL as text, trimmed; refused INVALID_FORMAT, naming the field, when it holds stray characters or is not written out. */
export const requiredUrlText = (field: string, value: unknown, max: number): string => {
  const text = requiredText(field, value, max);
  if (hasStrayUrlCharacters(value as string)) {
    return invalid(field, 'INVALID_FORMAT', `${field} must not contain spaces, tabs, line breaks or other control or invisible characters`);
  }
  if (!SCHEME_AND_HOST.test(text) || text.includes('\\')) {
    return invalid(field, 'INVALID_FORMAT', `${field} must be written out as scheme://host/path, such as https://example.com/webhooks, without backslashes`);
  }
  return text;
};

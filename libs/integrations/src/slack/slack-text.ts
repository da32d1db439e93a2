/**
 * Text as Slack takes it. Slack reads `&`, `<` and `>` in mrkdwn (and in a message's top-level
 * `text`, with or without mrkdwn) as the start of entities, links and mentions (`<!channel>`,
 * `<@U…>`, `<https://…|…>`), so a nudge's own words are escaped as Slack documents before they go
 * there; plain_text needs no escaping. Slack documents no escape for its formatting characters
 * (`*`, `_`, `~`, backticks, `>` quotes): words that must not be formatted go into plain_text, or
 * into a `text` sent with mrkdwn switched off.
 */
export const escapeSlackMrkdwn = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * At most `max` UTF-16 units (how Slack counts), cut on a code point and marked with an ellipsis,
 * so a long nudge is shortened rather than refused.
 */
export const truncateSlackText = (text: string, max: number): string => {
  if (text.length <= max) return text;
  let kept = '';
  for (const codePoint of text) {
    if (kept.length + codePoint.length > max - 1) break;
    kept += codePoint;
  }
  return `${kept}…`;
};

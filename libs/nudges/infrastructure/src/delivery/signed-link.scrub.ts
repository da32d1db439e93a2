/**
 * Takes the tokens of a message's signed links (one-tap answers, one-click unsubscribe) out of what
 * a receiver answered, or a sender's fault said, before it is kept or logged: a receiver that echoes
 * what it was sent (a proxy, a flow, a relay answering with the request) would otherwise put a
 * member's live link into an attempt's detail, which admins read, and with it the power to answer,
 * or turn a rule off, as that member. Each place a token stood is marked `[signed link]`; the rest
 * of the text stays as it came.
 *
 * Only the tokens the message carried are looked for, not anything shaped like one: the detail keeps
 * every other long id or encoded value a receiver may name, which is what someone reading it needs.
 */
export const SIGNED_LINK_MARKER = '[signed link]';

/**
 * The shortest piece of a token taken out. A token may come back cut (answers are kept as excerpts
 * of a few hundred characters), wrapped (quoted-printable lines) or run into the characters around
 * it (`%2F` before it in a form body), so every stretch of the answer made of 16 characters or more
 * of a token goes. A shorter piece shows at most 15 of the signature's 43 characters: the 28 left
 * unknown (168 bits) cannot be guessed, and a link with a wrong signature is refused.
 */
export const MIN_TOKEN_PIECE = 16;

export const scrubSignedLinks = (text: string | null, tokens: readonly string[]): string | null => {
  if (text === null || text.length < MIN_TOKEN_PIECE || tokens.length === 0) return text;
  const pieces = new Set<string>();
  for (const token of tokens) {
    for (let at = 0; at + MIN_TOKEN_PIECE <= token.length; at += 1) pieces.add(token.slice(at, at + MIN_TOKEN_PIECE));
  }
  // Every character of the answer inside a window that is also a piece of a token is covered;
  // overlapping windows join, so a whole token (or a long piece of one) is one covered stretch.
  const covered = new Uint8Array(text.length);
  for (let at = 0; at + MIN_TOKEN_PIECE <= text.length; at += 1) {
    if (pieces.has(text.slice(at, at + MIN_TOKEN_PIECE))) covered.fill(1, at, at + MIN_TOKEN_PIECE);
  }
  let scrubbed = '';
  let at = 0;
  while (at < text.length) {
    if (!covered[at]) {
      scrubbed += text[at];
      at += 1;
      continue;
    }
    while (at < text.length && covered[at]) at += 1;
    scrubbed += SIGNED_LINK_MARKER;
  }
  return scrubbed;
};

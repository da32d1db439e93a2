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
import { MIN_SECRET_PIECE, scrubSecretPieces } from '@stepwise/integrations';

export const SIGNED_LINK_MARKER = '[signed link]';

/**
 * The shortest piece of a token taken out. A token may come back cut (answers are kept as excerpts
 * of a few hundred characters), wrapped (quoted-printable lines) or run into the characters around
 * it (`%2F` before it in a form body), so every stretch of the answer made of 16 characters or more
 * of a token goes. A shorter piece shows at most 15 of the signature's 43 characters: the 28 left
 * unknown (168 bits) cannot be guessed, and a link with a wrong signature is refused.
 */
export const MIN_TOKEN_PIECE = MIN_SECRET_PIECE;

export const scrubSignedLinks = (text: string | null, tokens: readonly string[]): string | null =>
  text === null || text.length < MIN_TOKEN_PIECE || tokens.length === 0 ? text : scrubSecretPieces(text, tokens, SIGNED_LINK_MARKER);

/**
 * Takes secrets out of what a receiver answered before it becomes an attempt's detail, which admins
 * read and which is kept: a receiver, proxy or relay that echoes the request it was sent (its
 * Authorization header, its URL) would otherwise hand a Slack bot token, the secret path of an
 * incoming webhook or a Teams Workflows URL, or an SMTP password, to anyone who reads deliveries.
 *
 * Only the secrets the request carried are looked for. A secret may come back cut (details are
 * excerpts), wrapped or run into the characters around it, so every stretch of the text made of
 * `MIN_SECRET_PIECE` characters or more of a secret goes (a shorter secret, whole), each stretch
 * marked once; the rest of the text stays as it came.
 */
import type { DeliveryOutcome } from './channel';

export const SECRET_MARKER = '[secret]';

/** The shortest piece of a secret taken out: a shorter piece leaves too much of it unknown to guess. */
export const MIN_SECRET_PIECE = 16;

/** Secrets shorter than this are not looked for: marking every `ab` in an answer would say nothing. */
const SHORTEST_SECRET = 4;

export const scrubSecretPieces = (text: string, secrets: readonly string[], marker: string = SECRET_MARKER): string => {
  const pieces = new Set<string>();
  const lengths = new Set<number>();
  for (const secret of secrets) {
    if (secret.length < SHORTEST_SECRET) continue;
    // A short secret (a password) is looked for in halves, so a cut echo of it goes too.
    const size = Math.min(MIN_SECRET_PIECE, Math.max(SHORTEST_SECRET, Math.ceil(secret.length / 2)));
    lengths.add(size);
    for (let at = 0; at + size <= secret.length; at += 1) pieces.add(secret.slice(at, at + size));
  }
  if (pieces.size === 0) return text;
  // Every character inside a window that is also a piece of a secret is covered; overlapping windows
  // join, so a whole secret (or a long piece of one) is one covered stretch.
  const covered = new Uint8Array(text.length);
  for (const size of lengths) {
    for (let at = 0; at + size <= text.length; at += 1) {
      if (pieces.has(text.slice(at, at + size))) covered.fill(1, at, at + size);
    }
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
    scrubbed += marker;
  }
  return scrubbed;
};

/**
 * The secret in base64 (standard and URL-safe) wherever it sits in what was encoded: an echo is
 * often the base64 of more than the secret (`Bearer <token>`, a whole URL, `x` and a password), and
 * then its characters depend on the byte offset it starts at. For each of the three offsets a 3-byte
 * group can start it at, the characters that come from its bytes alone (the groups it fills).
 */
const base64Forms = (secret: string): string[] => {
  const bytes = Buffer.from(secret, 'utf8');
  const forms: string[] = [];
  for (const offset of [0, 1, 2]) {
    const shifted = Buffer.concat([Buffer.alloc(offset), bytes]);
    // A group holding a byte before the secret is skipped, as is a last group it does not fill.
    const from = offset === 0 ? 0 : 4;
    const to = Math.floor(shifted.length / 3) * 4;
    for (const encoding of ['base64', 'base64url'] as const) {
      if (to > from) forms.push(shifted.toString(encoding).slice(from, to));
    }
  }
  return forms;
};

/**
 * The forms a receiver may echo a secret in: as sent, JSON-escaped, base64 (an Authorization or
 * AUTH PLAIN value, alone or inside a longer value), and for a Slack or Teams URL's path also
 * percent-decoded (`urlSecrets`).
 */
export const echoedForms = (secret: string): string[] => [
  ...new Set([
    secret,
    JSON.stringify(secret).slice(1, -1),
    Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, ''),
    Buffer.from(secret, 'utf8').toString('base64url').replace(/=+$/, ''),
    ...base64Forms(secret),
  ]),
];

/** The outcome with `secrets`, in each form a receiver may echo them in, taken out of its detail. */
export const withoutSecrets = (outcome: DeliveryOutcome, secrets: readonly string[]): DeliveryOutcome =>
  outcome.detail === null ? outcome : ({ ...outcome, detail: scrubSecretPieces(outcome.detail, secrets.flatMap(echoedForms)) } as DeliveryOutcome);

/**
 * The secret part of a URL whose path or query is its credential (a Slack incoming webhook, a Teams
 * Workflows URL): its path and query string, raw and as a receiver may echo them percent-decoded.
 */
export const urlSecrets = (url: string): string[] => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [url];
  }
  const secret = `${parsed.pathname}${parsed.search}`;
  let decoded = secret;
  try {
    decoded = decodeURIComponent(secret);
  } catch {
    // Not percent-decodable: the raw form is all a receiver could echo.
  }
  return decoded === secret ? [secret] : [secret, decoded];
};

/**
 * Signs and verifies one-click unsubscribe links: `base64url(claims).base64url(HMAC-SHA256)`, with
 * the answer-link key but its own purpose label, so neither kind of link can stand for the other.
 * The claims are small JSON (`v`, `t`, `m`, `r`); the MAC is checked in constant time before any
 * byte of them is decoded. No expiry and no nonce: the link may be used any number of times.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { UnsubscribeLinkVerifier } from '@stepwise/nudges-application/read';
import { isNudgeRule, UnsubscribeLinkInvalidError, type UnsubscribeLinkClaims } from '@stepwise/nudges-domain';
import { ANSWER_LINK_KEY_MIN_BYTES, openAnswerLinkKey, type AnswerLinkKeySource } from '../answers/answer-link.key';

const PURPOSE = Buffer.from('stepwise unsubscribe link\n', 'utf8');
const FORMAT_VERSION = 1;
const MAC_BYTES = 32;
const MAX_TOKEN_LENGTH = 1024;
const MAX_ID_LENGTH = 100;
const TOKEN_SHAPE = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;

export const UNSUBSCRIBE_PATH = 'unsubscribe';

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;

export class UnsubscribeLinkSigner implements UnsubscribeLinkVerifier {
  private readonly key: Buffer;

  constructor(key: Uint8Array) {
    if (key.length < ANSWER_LINK_KEY_MIN_BYTES) throw new RangeError(`An unsubscribe link key needs at least ${ANSWER_LINK_KEY_MIN_BYTES} bytes`);
    this.key = Buffer.from(key);
  }

  sign(claims: UnsubscribeLinkClaims): string {
    if (!isId(claims.tenantId) || !isId(claims.memberId) || !isNudgeRule(claims.rule)) throw new RangeError('Unsubscribe link claims need a tenant, a member and a nudge rule');
    const payload = Buffer.from(JSON.stringify({ v: FORMAT_VERSION, t: claims.tenantId, m: claims.memberId, r: claims.rule }), 'utf8');
    return `${payload.toString('base64url')}.${this.mac(payload).toString('base64url')}`;
  }

  verify(token: string): UnsubscribeLinkClaims {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw new UnsubscribeLinkInvalidError('MALFORMED');
    const match = TOKEN_SHAPE.exec(token);
    if (!match) throw new UnsubscribeLinkInvalidError('MALFORMED');
    const payload = Buffer.from(match[1], 'base64url');
    const mac = Buffer.from(match[2], 'base64url');
    if (payload.toString('base64url') !== match[1] || mac.toString('base64url') !== match[2]) throw new UnsubscribeLinkInvalidError('MALFORMED');
    if (mac.length !== MAC_BYTES || !timingSafeEqual(mac, this.mac(payload))) throw new UnsubscribeLinkInvalidError('BAD_SIGNATURE');
    let decoded: { v?: unknown; t?: unknown; m?: unknown; r?: unknown };
    try {
      decoded = JSON.parse(payload.toString('utf8')) as typeof decoded;
    } catch {
      throw new UnsubscribeLinkInvalidError('MALFORMED');
    }
    if (decoded.v !== FORMAT_VERSION || !isId(decoded.t) || !isId(decoded.m) || !isNudgeRule(decoded.r)) throw new UnsubscribeLinkInvalidError('MALFORMED');
    return { tenantId: decoded.t, memberId: decoded.m, rule: decoded.r };
  }

  private mac(payload: Buffer): Buffer {
    return createHmac('sha256', this.key).update(PURPOSE).update(payload).digest();
  }
}

/** The signer a process uses: the same key source as its answer links (`STEPWISE_LINK_SIGNING_KEY`, or the key file). */
export const openUnsubscribeLinkSigner = async (config: { readonly signingKey: AnswerLinkKeySource }): Promise<UnsubscribeLinkSigner> =>
  new UnsubscribeLinkSigner(await openAnswerLinkKey(config.signingKey));

/**
 * The one-click URL for an email's List-Unsubscribe header and footer (EmailAddress.unsubscribe.url):
 * `<baseUrl>/unsubscribe/<token>`. `baseUrl` is the api's public URL, the one answer links use.
 */
export const unsubscribeUrl = (signer: UnsubscribeLinkSigner, baseUrl: string, claims: UnsubscribeLinkClaims): string => unsubscribeLinkUrl(baseUrl, signer.sign(claims));

/** The same URL for a token already signed (a sender that must know the token, to keep it out of what it records). */
export const unsubscribeLinkUrl = (baseUrl: string, token: string): string => {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RangeError('baseUrl must be an http(s) URL');
  return `${url.href.replace(/\/+$/, '')}/${UNSUBSCRIBE_PATH}/${token}`;
};

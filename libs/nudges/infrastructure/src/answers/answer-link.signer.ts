/**
 * Signs and verifies answer links: `base64url(claims).base64url(HMAC-SHA256)`, the MAC over a
 * purpose label and the claims' bytes, so a key shared with any other use cannot be replayed into
 * this one. Verification checks the MAC in constant time before a byte of the claims is decoded;
 * expiry and single use are the caller's (they need the clock and storage).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AnswerLinkVerifier } from '@stepwise/journeys-application';
import { ANSWER_LINK_TTL_HOURS, AnswerLinkInvalidError, answerLinkClaims, type AnswerLinkClaims, type AnswerLinkSubject } from '@stepwise/nudges-domain';
import { decodeAnswerLinkClaims, encodeAnswerLinkClaims } from './answer-link.codec';
import { ANSWER_LINK_KEY_MIN_BYTES, openAnswerLinkKey, type AnswerLinkKeySource } from './answer-link.key';

const PURPOSE = Buffer.from('stepwise answer link\n', 'utf8');
const MAC_BYTES = 32;
/** Far more than a version-1 link can be (about 2 × 6 × 255 characters at its largest). */
const MAX_TOKEN_LENGTH = 4096;
const TOKEN_SHAPE = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;

export interface AnswerLinkSignerOptions {
  /** How long an issued link lasts (default 72 hours). */
  readonly ttlHours?: number;
  /** 16 random bytes per link; tests pass a seeded source. */
  readonly randomBytes?: (size: number) => Uint8Array;
}

export interface IssuedAnswerLink {
  readonly token: string;
  readonly claims: AnswerLinkClaims;
}

export class AnswerLinkSigner implements AnswerLinkVerifier {
  private readonly key: Buffer;
  readonly ttlHours: number;
  private readonly random: (size: number) => Uint8Array;

  constructor(key: Uint8Array, options: AnswerLinkSignerOptions = {}) {
    if (key.length < ANSWER_LINK_KEY_MIN_BYTES) throw new RangeError(`An answer link key needs at least ${ANSWER_LINK_KEY_MIN_BYTES} bytes`);
    this.key = Buffer.from(key);
    this.ttlHours = options.ttlHours ?? ANSWER_LINK_TTL_HOURS.default;
    this.random = options.randomBytes ?? randomBytes;
  }

  /**
   * A new link for the nudge's member, valid from `now` for the signer's lifetime. `nonce` (32 hex
   * digits) where the caller must issue the same single use again: delivery derives it from the
   * delivery, so a retried send carries a link that is used up with the first.
   */
  issue(subject: AnswerLinkSubject, now: Date, nonce: string = Buffer.from(this.random(16)).toString('hex')): IssuedAnswerLink {
    const claims = answerLinkClaims(subject, now, this.ttlHours, nonce);
    return { token: this.sign(claims), claims };
  }

  sign(claims: AnswerLinkClaims): string {
    const payload = encodeAnswerLinkClaims(claims);
    return `${payload.toString('base64url')}.${this.mac(payload).toString('base64url')}`;
  }

  verify(token: string): AnswerLinkClaims {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw new AnswerLinkInvalidError('MALFORMED');
    const match = TOKEN_SHAPE.exec(token);
    if (!match) throw new AnswerLinkInvalidError('MALFORMED');
    const payload = Buffer.from(match[1], 'base64url');
    const mac = Buffer.from(match[2], 'base64url');
    // One spelling per link: base64url has spare bits in its last character.
    if (payload.toString('base64url') !== match[1] || mac.toString('base64url') !== match[2]) throw new AnswerLinkInvalidError('MALFORMED');
    if (mac.length !== MAC_BYTES || !timingSafeEqual(mac, this.mac(payload))) throw new AnswerLinkInvalidError('BAD_SIGNATURE');
    return decodeAnswerLinkClaims(payload);
  }

  private mac(payload: Buffer): Buffer {
    return createHmac('sha256', this.key).update(PURPOSE).update(payload).digest();
  }
}

/** The signer a process uses, from its configuration (`AnswerLinkConfig` of the api or the worker). */
export const openAnswerLinkSigner = async (config: { readonly signingKey: AnswerLinkKeySource; readonly ttlHours: number }): Promise<AnswerLinkSigner> =>
  new AnswerLinkSigner(await openAnswerLinkKey(config.signingKey), { ttlHours: config.ttlHours });

/**
 * The bytes an answer link's claims travel as: compact enough for a URL (about 140 bytes for
 * UUID ids, 190 characters once signed and base64url-encoded). Layout, version 1:
 *
 *   version u8 | expiresAt u32 (Unix seconds, big-endian) | nonce 16 bytes |
 *   tenantId | memberId | journeyId | stepId | nudgeId
 *
 * each id as a tag byte: 0 = absent (stepId only), 1 = a lowercase UUID in 16 bytes, 2 = a length
 * byte and up to 255 bytes of UTF-8. Only bytes whose signature has been checked are decoded.
 */
import { AnswerLinkInvalidError, type AnswerLinkClaims } from '@stepwise/nudges-domain';

export const ANSWER_LINK_FORMAT_VERSION = 1;

const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TAG_ABSENT = 0;
const TAG_UUID = 1;
const TAG_TEXT = 2;
const MAX_TEXT_BYTES = 255;
const MAX_SECONDS = 0xffffffff;

const idBytes = (field: string, value: string | null): Buffer => {
  if (value === null) return Buffer.of(TAG_ABSENT);
  if (LOWERCASE_UUID.test(value)) return Buffer.concat([Buffer.of(TAG_UUID), Buffer.from(value.replace(/-/g, ''), 'hex')]);
  const text = Buffer.from(value, 'utf8');
  if (text.length === 0 || text.length > MAX_TEXT_BYTES) throw new RangeError(`${field} must be 1 to ${MAX_TEXT_BYTES} bytes to fit an answer link`);
  return Buffer.concat([Buffer.of(TAG_TEXT, text.length), text]);
};

export const encodeAnswerLinkClaims = (claims: AnswerLinkClaims): Buffer => {
  const seconds = claims.expiresAt.getTime() / 1000;
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_SECONDS) throw new RangeError('expiresAt must be a whole second between 1970 and 2106');
  const header = Buffer.alloc(5);
  header.writeUInt8(ANSWER_LINK_FORMAT_VERSION, 0);
  header.writeUInt32BE(seconds, 1);
  return Buffer.concat([
    header,
    Buffer.from(claims.nonce, 'hex'),
    idBytes('tenantId', claims.tenantId),
    idBytes('memberId', claims.memberId),
    idBytes('journeyId', claims.journeyId),
    idBytes('stepId', claims.stepId),
    idBytes('nudgeId', claims.nudgeId),
  ]);
};

/** Reads the bytes front to back; any shortfall, unknown tag or byte left over is MALFORMED. */
class Reader {
  private offset = 0;

  constructor(private readonly bytes: Buffer) {}

  take(length: number): Buffer {
    if (this.offset + length > this.bytes.length) throw new AnswerLinkInvalidError('MALFORMED');
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  id(nullable: boolean): string | null {
    const tag = this.take(1)[0];
    if (tag === TAG_ABSENT && nullable) return null;
    if (tag === TAG_UUID) {
      const hex = this.take(16).toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
    if (tag === TAG_TEXT) {
      const length = this.take(1)[0];
      if (length === 0) throw new AnswerLinkInvalidError('MALFORMED');
      return this.take(length).toString('utf8');
    }
    throw new AnswerLinkInvalidError('MALFORMED');
  }

  end(): void {
    if (this.offset !== this.bytes.length) throw new AnswerLinkInvalidError('MALFORMED');
  }
}

export const decodeAnswerLinkClaims = (bytes: Buffer): AnswerLinkClaims => {
  const reader = new Reader(bytes);
  const header = reader.take(5);
  if (header.readUInt8(0) !== ANSWER_LINK_FORMAT_VERSION) throw new AnswerLinkInvalidError('UNSUPPORTED_VERSION');
  const expiresAt = new Date(header.readUInt32BE(1) * 1000);
  const nonce = reader.take(16).toString('hex');
  const tenantId = reader.id(false) as string;
  const memberId = reader.id(false) as string;
  const journeyId = reader.id(false) as string;
  const stepId = reader.id(true);
  const nudgeId = reader.id(false) as string;
  reader.end();
  return { tenantId, memberId, journeyId, stepId, nudgeId, expiresAt, nonce };
};

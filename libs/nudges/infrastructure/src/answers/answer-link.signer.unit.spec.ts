import { createHmac, randomUUID } from 'node:crypto';
import { isAnswerLinkExpired, type AnswerLinkSubject } from '@stepwise/nudges-domain';
import { SeededRandom } from '@stepwise/kernel';
import { AnswerLinkSigner } from './answer-link.signer';
import { answerLinkKeyFromBase64 } from './answer-link.key';
import { answerLinks } from './answer-links';

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);
const now = new Date('2026-03-02T09:00:00.000Z');
const subject: AnswerLinkSubject = { tenantId: randomUUID(), memberId: randomUUID(), journeyId: randomUUID(), stepId: randomUUID(), nudgeId: randomUUID() };

const seeded = (seed: number) => {
  const random = new SeededRandom(seed);
  return (size: number) => Uint8Array.from({ length: size }, () => Math.floor(random.next() * 256));
};

const reason = (verify: () => unknown): unknown => {
  try {
    verify();
  } catch (error) {
    return { code: (error as { code?: string }).code, reason: (error as { details?: { reason?: string } }).details?.reason };
  }
  return 'accepted';
};

/** The token with one character of its claims (before the dot) or of its signature (after it) changed. */
const flipped = (token: string, part: 0 | 1, index: number): string => {
  const [payload, mac] = token.split('.');
  const target = part === 0 ? payload : mac;
  const swapped = target.slice(0, index) + (target[index] === 'A' ? 'B' : 'A') + target.slice(index + 1);
  return part === 0 ? `${swapped}.${mac}` : `${payload}.${swapped}`;
};

describe('answer link tokens', () => {
  const signer = new AnswerLinkSigner(KEY, { randomBytes: seeded(1) });

  it('round-trip their claims: tenant, member, journey, step, nudge, expiry and nonce', () => {
    const { token, claims } = signer.issue(subject, now);
    expect(signer.verify(token)).toEqual(claims);
    expect(claims).toMatchObject({ ...subject, expiresAt: new Date('2026-03-05T09:00:00.000Z') });
    expect(claims.nonce).toMatch(/^[0-9a-f]{32}$/);
  });

  it('are URL-safe and compact', () => {
    const { token } = signer.issue(subject, now);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(token.length).toBeLessThanOrEqual(200);
  });

  it('carry ids that are not UUIDs, and no step', () => {
    const { token, claims } = signer.issue({ ...subject, stepId: null, nudgeId: 'reflect:step-1:2026-03-02', memberId: 'member-ü' }, now);
    expect(signer.verify(token)).toEqual(claims);
    expect(claims.stepId).toBeNull();
  });

  it('get a fresh nonce each time they are issued', () => {
    const first = signer.issue(subject, now);
    const second = signer.issue(subject, now);
    expect(first.claims.nonce).not.toBe(second.claims.nonce);
    expect(first.token).not.toBe(second.token);
  });

  it('are refused as BAD_SIGNATURE when any character of their claims is changed', () => {
    const { token } = signer.issue(subject, now);
    const payloadLength = token.indexOf('.');
    const seen = new Set<unknown>();
    // Every position but the last, whose spare bits make some changes a second spelling (MALFORMED).
    for (let index = 0; index < payloadLength - 1; index += 1) seen.add(JSON.stringify(reason(() => signer.verify(flipped(token, 0, index)))));
    expect([...seen]).toEqual([JSON.stringify({ code: 'ANSWER_LINK_INVALID', reason: 'BAD_SIGNATURE' })]);
  });

  it('are refused as BAD_SIGNATURE when their signature is changed', () => {
    const { token } = signer.issue(subject, now);
    expect(reason(() => signer.verify(flipped(token, 1, 0)))).toEqual({ code: 'ANSWER_LINK_INVALID', reason: 'BAD_SIGNATURE' });
    expect(reason(() => signer.verify(flipped(token, 1, 20)))).toEqual({ code: 'ANSWER_LINK_INVALID', reason: 'BAD_SIGNATURE' });
  });

  it('are refused when one signature is put on other claims', () => {
    const a = signer.issue(subject, now).token;
    const b = signer.issue({ ...subject, memberId: randomUUID() }, now).token;
    expect(reason(() => signer.verify(`${b.split('.')[0]}.${a.split('.')[1]}`))).toEqual({ code: 'ANSWER_LINK_INVALID', reason: 'BAD_SIGNATURE' });
  });

  it('are refused as BAD_SIGNATURE under another key', () => {
    const { token } = signer.issue(subject, now);
    expect(reason(() => new AnswerLinkSigner(OTHER_KEY).verify(token))).toEqual({ code: 'ANSWER_LINK_INVALID', reason: 'BAD_SIGNATURE' });
  });

  it.each([
    ['empty', ''],
    ['without a signature', 'abc'],
    ['with a short signature', 'abc.def'],
    ['with three parts', 'a.b.c'],
    ['with characters outside base64url', 'ab+c.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['far too long', `${'A'.repeat(5000)}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`],
  ])('are refused as MALFORMED when %s', (_name, token) => {
    expect(reason(() => signer.verify(token))).toEqual({ code: 'ANSWER_LINK_INVALID', reason: 'MALFORMED' });
  });

  it('are refused when validly signed claims are cut short or of an unknown version', () => {
    // Signed as the signer signs (its purpose label, then the claims' bytes), so only the decoder can refuse them.
    const resign = (payload: Buffer) =>
      `${payload.toString('base64url')}.${createHmac('sha256', KEY).update('stepwise answer link\n').update(payload).digest('base64url')}`;
    const bytes = Buffer.from(signer.issue(subject, now).token.split('.')[0], 'base64url');
    expect(signer.verify(resign(bytes))).toMatchObject(subject);
    expect(reason(() => signer.verify(resign(bytes.subarray(0, bytes.length - 1))))).toEqual({ code: 'ANSWER_LINK_INVALID', reason: 'MALFORMED' });
    expect(reason(() => signer.verify(resign(Buffer.concat([bytes, Buffer.of(0)]))))).toEqual({ code: 'ANSWER_LINK_INVALID', reason: 'MALFORMED' });
    const future = Buffer.from(bytes);
    future[0] = 2;
    expect(reason(() => signer.verify(resign(future)))).toEqual({ code: 'ANSWER_LINK_INVALID', reason: 'UNSUPPORTED_VERSION' });
  });

  it('verify however old they are: an expired link is the caller’s to refuse, by its claims', () => {
    const { token } = new AnswerLinkSigner(KEY, { ttlHours: 1 }).issue(subject, now);
    const claims = signer.verify(token);
    expect(isAnswerLinkExpired(claims, new Date('2026-03-02T09:59:59.000Z'))).toBe(false);
    expect(isAnswerLinkExpired(claims, new Date('2026-03-02T10:00:00.000Z'))).toBe(true);
  });

  it('need a key of at least 32 bytes', () => {
    expect(() => new AnswerLinkSigner(Buffer.alloc(31))).toThrow(RangeError);
    expect(() => answerLinkKeyFromBase64(Buffer.alloc(31).toString('base64'))).toThrow(RangeError);
    expect(() => answerLinkKeyFromBase64('not base64!')).toThrow(RangeError);
    expect(answerLinkKeyFromBase64(KEY.toString('base64url'))).toEqual(KEY);
  });
});

describe('answerLinks', () => {
  const signer = new AnswerLinkSigner(KEY, { randomBytes: seeded(2) });

  it('gives one action per answer to "are we closer?", each opening the comfort page with it chosen', () => {
    const links = answerLinks(signer, subject, 'https://stepwise.example.com/', now);
    expect(links.expiresAt).toBe('2026-03-05T09:00:00.000Z');
    expect(links.pageUrl).toBe(`https://stepwise.example.com/answers/${links.token}`);
    expect(links.actions).toEqual([
      { label: 'Yes, closer', url: `https://stepwise.example.com/answers/${links.token}?closer=YES` },
      { label: 'No, not closer', url: `https://stepwise.example.com/answers/${links.token}?closer=NO` },
      { label: 'Unsure', url: `https://stepwise.example.com/answers/${links.token}?closer=UNSURE` },
    ]);
    expect(signer.verify(links.token)).toMatchObject(subject);
  });

  it('keeps a base path', () => {
    expect(answerLinks(signer, subject, 'https://example.com/stepwise', now).pageUrl).toMatch(/^https:\/\/example\.com\/stepwise\/answers\/[^/]+$/);
  });
});

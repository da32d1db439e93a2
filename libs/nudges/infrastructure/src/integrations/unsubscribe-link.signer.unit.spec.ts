import { randomBytes } from 'node:crypto';
import { UnsubscribeLinkInvalidError } from '@stepwise/nudges-domain';
import { UnsubscribeLinkSigner, unsubscribeUrl } from './unsubscribe-link.signer';
import { AnswerLinkSigner } from '../answers/answer-link.signer';

const claims = { tenantId: '7d0c2a4e-4f0b-4a51-9d7e-0c5f1d2b3a41', memberId: 'c3f1b2a0-1e2d-4c5b-8a79-6f5e4d3c2b1a', rule: 'REFLECT' as const };

const reasonOf = (act: () => unknown): string | undefined => {
  try {
    act();
    return undefined;
  } catch (error) {
    return error instanceof UnsubscribeLinkInvalidError ? error.reason : `unexpected ${String(error)}`;
  }
};

describe('unsubscribe links', () => {
  const key = randomBytes(32);
  const signer = new UnsubscribeLinkSigner(key);

  it('verifies what it signed, every time (no expiry, no single use)', () => {
    const token = signer.sign(claims);
    expect(signer.verify(token)).toEqual(claims);
    expect(signer.verify(token)).toEqual(claims);
  });

  it('refuses a link signed with another key, altered, or made for answering', () => {
    const token = signer.sign(claims);
    expect(reasonOf(() => new UnsubscribeLinkSigner(randomBytes(32)).verify(token))).toBe('BAD_SIGNATURE');
    const [payload, mac] = token.split('.');
    const other = Buffer.from(JSON.stringify({ v: 1, t: claims.tenantId, m: 'someone-else', r: 'REFLECT' })).toString('base64url');
    expect(reasonOf(() => signer.verify(`${other}.${mac}`))).toBe('BAD_SIGNATURE');
    expect(reasonOf(() => signer.verify(`${payload}.`))).toBe('MALFORMED');
    expect(reasonOf(() => signer.verify('not a token'))).toBe('MALFORMED');
    const answerToken = new AnswerLinkSigner(key).issue({ tenantId: claims.tenantId, memberId: claims.memberId, journeyId: claims.memberId, stepId: null, nudgeId: 'n-1' }, new Date()).token;
    expect(reasonOf(() => signer.verify(answerToken))).toBe('BAD_SIGNATURE');
  });

  it('builds the one-click URL under the api’s public URL', () => {
    const url = unsubscribeUrl(signer, 'https://stepwise.example.com/', claims);
    expect(url).toMatch(/^https:\/\/stepwise\.example\.com\/unsubscribe\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(signer.verify(url.split('/').pop()!)).toEqual(claims);
  });
});

import { answerLinkClaims, isAnswerLinkExpired, type AnswerLinkSubject } from './answer-link.claims';
import { answerChoice, closerChoice, comfortChoice } from './answer-choice';

const subject: AnswerLinkSubject = { tenantId: 'org-1', memberId: 'm-1', journeyId: 'j-1', stepId: 's-1', nudgeId: 'n-1' };
const NONCE = '0123456789abcdef0123456789abcdef';
const issuedAt = new Date('2026-03-02T09:00:00.750Z');

describe('answer link claims', () => {
  it('carry the nudge, the member and a nonce, and lapse 72 hours after issue by default', () => {
    const claims = answerLinkClaims(subject, issuedAt, 72, NONCE);
    expect(claims).toEqual({ ...subject, nonce: NONCE, expiresAt: new Date('2026-03-05T09:00:00.000Z') });
  });

  it('keep whole seconds, so what a token carries is what was issued', () => {
    expect(answerLinkClaims(subject, issuedAt, 1, NONCE).expiresAt.getMilliseconds()).toBe(0);
  });

  it('hold until the instant before expiry, and lapse at it', () => {
    const claims = answerLinkClaims(subject, issuedAt, 72, NONCE);
    expect(isAnswerLinkExpired(claims, new Date('2026-03-05T08:59:59.999Z'))).toBe(false);
    expect(isAnswerLinkExpired(claims, new Date('2026-03-05T09:00:00.000Z'))).toBe(true);
    expect(isAnswerLinkExpired(claims, new Date('2026-04-01T00:00:00.000Z'))).toBe(true);
  });

  it('refuse a lifetime outside 1 hour to 30 days, and a nonce that is not 16 bytes of hex', () => {
    expect(() => answerLinkClaims(subject, issuedAt, 0, NONCE)).toThrow(RangeError);
    expect(() => answerLinkClaims(subject, issuedAt, 721, NONCE)).toThrow(RangeError);
    expect(() => answerLinkClaims(subject, issuedAt, 1.5, NONCE)).toThrow(RangeError);
    expect(() => answerLinkClaims(subject, issuedAt, 72, 'abc')).toThrow(RangeError);
    expect(() => answerLinkClaims(subject, issuedAt, 72, NONCE.toUpperCase())).toThrow(RangeError);
  });
});

describe('an answer choice from outside', () => {
  it('takes YES, NO or UNSURE, and a comfort from 1 to 5 as digits or a number', () => {
    expect(answerChoice('UNSURE', '4')).toEqual({ closer: 'UNSURE', comfort: 4 });
    expect(answerChoice('NO', 1)).toEqual({ closer: 'NO', comfort: 1 });
  });

  it.each([['yes'], ['MAYBE'], [''], [undefined], [3]])('refuses closer %p with VALIDATION_FAILED naming the field', (closer) => {
    expect(() => closerChoice(closer)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: expect.objectContaining({ field: 'closer' }) }));
  });

  it.each([['0'], ['6'], ['3.5'], ['03'], [' 3'], [2.5], [null]])('refuses comfort %p with VALIDATION_FAILED naming the field', (comfort) => {
    expect(() => comfortChoice(comfort)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: expect.objectContaining({ field: 'comfort' }) }));
  });
});

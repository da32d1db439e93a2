/**
 * What a one-tap answer link carries: who answers (tenant and member), about what (journey, and the
 * step when the nudge is about one), for which nudge, until when, and a random nonce that makes the
 * link single-use. The claims are signed as a whole (see the infrastructure's signer); this module
 * only shapes them and says when they lapse. Time and the nonce are passed in.
 */
export const ANSWER_LINK_TTL_HOURS = { default: 72, min: 1, max: 30 * 24 } as const;

/** The nudge an answer link is built for: everything the reflection needs but the answer itself. */
export interface AnswerLinkSubject {
  readonly tenantId: string;
  readonly memberId: string;
  readonly journeyId: string;
  /** The step the reflection is about; null for a reflection on the journey as a whole. */
  readonly stepId: string | null;
  readonly nudgeId: string;
}

export interface AnswerLinkClaims extends AnswerLinkSubject {
  /** Whole seconds: the token keeps seconds, so an issued link and its decoded claims agree. */
  readonly expiresAt: Date;
  /** 32 lowercase hex digits (16 random bytes); the key the link is used up under. */
  readonly nonce: string;
}

export const NONCE_PATTERN = /^[0-9a-f]{32}$/;

const HOUR_MS = 3_600_000;

/** Claims for a link issued at `now`, valid for `ttlHours` (rounded down to the second). */
export const answerLinkClaims = (subject: AnswerLinkSubject, now: Date, ttlHours: number, nonce: string): AnswerLinkClaims => {
  if (!Number.isInteger(ttlHours) || ttlHours < ANSWER_LINK_TTL_HOURS.min || ttlHours > ANSWER_LINK_TTL_HOURS.max) {
    throw new RangeError(`ttlHours must be a whole number from ${ANSWER_LINK_TTL_HOURS.min} to ${ANSWER_LINK_TTL_HOURS.max}`);
  }
  if (!NONCE_PATTERN.test(nonce)) throw new RangeError('nonce must be 32 lowercase hex digits');
  const expiresAt = new Date(Math.floor((now.getTime() + ttlHours * HOUR_MS) / 1000) * 1000);
  return {
    tenantId: subject.tenantId,
    memberId: subject.memberId,
    journeyId: subject.journeyId,
    stepId: subject.stepId,
    nudgeId: subject.nudgeId,
    expiresAt,
    nonce,
  };
};

/** A link lapses at its expiry instant: from then on it is refused. */
export const isAnswerLinkExpired = (claims: Pick<AnswerLinkClaims, 'expiresAt'>, now: Date): boolean =>
  now.getTime() >= claims.expiresAt.getTime();

/**
 * What is kept of one sent attempt: its outcome, status code, duration and detail. The detail holds
 * what the receiver answered, and a receiver may answer with what it was sent (a proxy or flow
 * echoing the request, a relay quoting the message): the answer-link tokens the message carried
 * (told by its route as it was composed) are taken out here, so nobody reading attempts (admins,
 * over `deadLetters`) can answer as the member. The delivery's other records (a suppression's
 * reason, the channels passed over on the way in-app, a lost lease) are Stepwise's own words,
 * written where no message was composed.
 */
import type { DeliveryOutcome } from '@stepwise/integrations';
import { scrubAnswerLinks } from '../answers/answer-link.scrub';
import type { AttemptRecord } from './delivery.records';

export const attemptRecordOf = (outcome: DeliveryOutcome, durationMs: number, detail: string | null, answerTokens: readonly string[]): AttemptRecord => ({
  outcome: outcome.kind === 'delivered' ? 'DELIVERED' : outcome.kind === 'retryable' ? 'RETRYABLE' : 'PERMANENT',
  statusCode: outcome.statusCode,
  detail: scrubAnswerLinks(detail, answerTokens),
  durationMs: Math.round(durationMs),
});

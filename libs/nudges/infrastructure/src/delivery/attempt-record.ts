/**
 * What is kept of one sent attempt: its outcome, status code, duration and detail. The detail holds
 * what the receiver answered, and a receiver may answer with what it was sent (a proxy or flow
 * echoing the request, a relay quoting the message): the signed links' tokens the message carried
 * (told by its route as it was composed) are taken out here, so nobody reading attempts (admins,
 * over `deadLetters`) can answer, or unsubscribe, as the member. The same goes for what a sender
 * that threw is logged with. The delivery's other records (a suppression's
 * reason, the channels passed over on the way in-app, a lost lease) are Stepwise's own words,
 * written where no message was composed.
 */
import type { DeliveryOutcome } from '@stepwise/integrations';
import { scrubSignedLinks } from './signed-link.scrub';
import type { AttemptRecord } from './delivery.records';

export const attemptRecordOf = (outcome: DeliveryOutcome, durationMs: number, detail: string | null, linkTokens: readonly string[]): AttemptRecord => ({
  outcome: outcome.kind === 'delivered' ? 'DELIVERED' : outcome.kind === 'retryable' ? 'RETRYABLE' : 'PERMANENT',
  statusCode: outcome.statusCode,
  detail: scrubSignedLinks(detail, linkTokens),
  durationMs: Math.round(durationMs),
});

/**
 * What a sender's thrown error is logged with: an error of the same name, with its message and stack
 * without the message's signed links (and none of its other properties, which may quote more).
 */
export const senderFaultOf = (error: unknown, linkTokens: readonly string[]): Error => {
  const scrub = (text: string): string => scrubSignedLinks(text, linkTokens) ?? '';
  const fault = new Error(scrub(error instanceof Error ? error.message : String(error)));
  if (error instanceof Error) {
    fault.name = error.name;
    fault.stack = error.stack === undefined ? undefined : scrub(error.stack);
  }
  return fault;
};

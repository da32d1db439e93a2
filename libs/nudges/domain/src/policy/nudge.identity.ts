/**
 * A nudge's identity: its dedupe key says what makes two nudges the same (rule, recipient,
 * journey, and the subject, which carries the window: the step, the reflection, the week); its id
 * is a hash of the organisation and that key, shaped like a UUID, so a replay decides the very same
 * id and the outbox drops the duplicate.
 */
import { createHash } from 'node:crypto';
import type { NudgeRule } from '../nudge-rules';
import type { NudgeSubject } from '../owed-nudge';

/** Ids may hold any character: `%` and `|` are escaped so the key's parts never run together. */
const keyPart = (part: string): string => part.replaceAll('%', '%25').replaceAll('|', '%7C');

/** Parts joined into one key that no other parts give. */
export const keyOf = (parts: readonly string[]): string => parts.map(keyPart).join('|');

export const dedupeKeyOf = (rule: NudgeRule, recipientId: string, subject: NudgeSubject): string => keyOf([rule, recipientId, subject.journeyId ?? '', subject.subjectId]);

/** A name-based UUID (version 8, RFC 9562) from SHA-256 of the organisation and the dedupe key. */
export const nudgeIdOf = (organisationId: string, dedupeKey: string): string => {
  const hex = createHash('sha256').update(`${organisationId}\n${dedupeKey}`).digest('hex').slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const id = hex.join('');
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
};

import type { Migration } from '@stepwise/database';

/**
 * Answer links used, one row per nonce. The reflection a link records is made single-use by the
 * event log itself (its command id derives from the nonce, and event ids from the command id); this
 * table is the record of the use, read before anything else so a second tap is answered "already
 * answered" at once, with the answer that stands.
 *
 * Access design: the links are answered without a login, before any tenant is established from a
 * session, so like the nudge outbox this table is not under row-level security and not granted to
 * the tenant role: the api's owner connection reads and writes it, always by (tenant_id, nonce),
 * the tenant coming from the link's verified signature.
 */
const usesSql = `
CREATE SCHEMA IF NOT EXISTS nudges;
CREATE TABLE nudges.answer_link_uses (
  tenant_id text NOT NULL,
  nonce text NOT NULL CHECK (nonce ~ '^[0-9a-f]{32}$'),
  nudge_id text NOT NULL,
  member_id text NOT NULL,
  journey_id text NOT NULL,
  reflection_id text NOT NULL,
  closer text NOT NULL CHECK (closer IN ('YES', 'NO', 'UNSURE')),
  comfort smallint NOT NULL CHECK (comfort BETWEEN 1 AND 5),
  channel text NOT NULL CHECK (channel IN ('LINK', 'SLACK')),
  answered_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, nonce)
);
`;

export const answerLinkMigrations: Migration[] = [{ name: '0450_answer_link_uses', sql: usesSql }];

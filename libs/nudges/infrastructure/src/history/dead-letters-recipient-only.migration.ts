import { TENANT_SETTING, type Migration } from '@stepwise/database';

/**
 * The rules whose deliveries only their recipient may know of: a support nudge owed on low comfort
 * tells that one reflection's comfort was low, which an admin who does not lead the team may not
 * read. Its dead letter is not listed to admins, nor named by id (a cursor, a replay): an admin who
 * made a leader's email fail (their own SMTP server) and set the rule's delay would otherwise read,
 * from which reflection owed a dead letter, and when it was tried, whose comfort was low. Nothing is
 * lost by it: the nudge stays in its recipient's `myNudges`, in-app.
 */
export const RECIPIENT_ONLY_RULES: readonly string[] = ['SUPPORT_LOW_COMFORT'];

const rules = RECIPIENT_ONLY_RULES.map((rule) => `'${rule}'`).join(', ');

/** The tenant view of deliveries gains `recipient_only` (never null), appended so the view is replaced in place. */
const viewSql = `
CREATE OR REPLACE VIEW nudges.tenant_deliveries WITH (security_barrier) AS
  SELECT delivery_id, tenant_id, kind, nudge_id, member_id, endpoint_id, event_type, channel, state, suppressed_reason,
    attempts, max_attempts, next_attempt_at, last_outcome, last_status_code, last_detail, last_attempt_at,
    created_at, updated_at, finished_at, replays, replayed_at, replayed_by,
    COALESCE(kind = 'MEMBER' AND payload -> 'nudge' ->> 'rule' IN (${rules}), false) AS recipient_only
  FROM nudges.deliveries WHERE tenant_id = current_setting('${TENANT_SETTING}', true);
`;

export const deadLettersRecipientOnlyMigration: Migration = { name: '0438_dead_letters_recipient_only', sql: viewSql };

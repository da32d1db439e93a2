import { TENANT_SETTING, type Migration } from '@stepwise/database';

/**
 * Member nudges an earlier lease-expiry sweep left scheduled: it made a member delivery dead (its
 * last attempt's lease had run out) in one transaction and showed the member's nudge dead in a
 * second one, so a process or database that stopped between the two left a dead letter whose nudge
 * read SCHEDULED for good. The sweep now does both in one transaction; this shows those nudges dead,
 * on their delivery's channel, as of when it died. A member delivery is dead only after its nudge
 * left SCHEDULED everywhere else (an attempt's conclusion moves both in one statement; a replay
 * moves both back), so a dead delivery's scheduled nudge is only ever this.
 *
 * member_nudges is tenant-scoped (row-level security, forced on the owner too): each tenant is set
 * for the transaction before its rows, and unset after the last.
 */
const repairSql = `
DO $$
DECLARE
  tenant text;
BEGIN
  FOR tenant IN SELECT DISTINCT tenant_id FROM nudges.deliveries WHERE kind = 'MEMBER' AND state = 'DEAD' LOOP
    PERFORM set_config('${TENANT_SETTING}', tenant, true);
    UPDATE nudges.member_nudges n SET state = 'DEAD', channel = d.channel, updated_at = COALESCE(d.finished_at, d.updated_at)
    FROM nudges.deliveries d
    WHERE d.tenant_id = tenant AND d.kind = 'MEMBER' AND d.state = 'DEAD'
      AND n.tenant_id = tenant AND n.nudge_id = d.nudge_id AND n.state = 'SCHEDULED';
  END LOOP;
  PERFORM set_config('${TENANT_SETTING}', '', true);
END
$$;
`;

export const deadMemberNudgesRepairMigration: Migration = { name: '0433_dead_member_nudges_repair', sql: repairSql };

/**
 * The worker's connection owns the nudge tables and works across tenants; before it touches a
 * tenant-scoped table (member_nudges, and the journey tables relevance reads) it sets the tenant for
 * the transaction, so row-level security (forced on the owner too) keeps it to that tenant's rows.
 * Parameter-free, to ride along with BEGIN: the id becomes a quoted literal (quotes doubled, NUL refused).
 */
import { TENANT_SETTING } from '@stepwise/database';

export const tenantSettingSql = (tenantId: string): string => {
  if (!tenantId || tenantId.includes('\0')) throw new Error('A tenant id is required and cannot contain NUL');
  return `SELECT set_config('${TENANT_SETTING}', '${tenantId.replaceAll("'", "''")}', true)`;
};

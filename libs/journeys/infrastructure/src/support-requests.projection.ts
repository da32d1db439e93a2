import type { SqlExecutor } from '@stepwise/database';
import type { RecordedEvent } from '@stepwise/event-store';
import type { SupportOffered, SupportRequested } from '@stepwise/journeys-domain';
import type { Projection } from '@stepwise/projections';
import { journeyEventOf } from './journey-event.mapper';

/**
 * Requests for support and the first leader response to each. A request is open until a leader
 * first offers support (as in the journey's own state); later offers are on the timeline.
 */
export const supportRequestsProjection: Projection = {
  name: 'support-requests',
  eventTypes: ['SupportRequested', 'SupportOffered'],
  tables: ['support_requests'],
  async apply(tx: SqlExecutor, recorded: RecordedEvent): Promise<void> {
    const event = journeyEventOf<SupportRequested | SupportOffered>(recorded);
    if (event.type === 'SupportRequested') {
      const { journeyId, requestId, teamId, memberId, need, at } = event.data;
      await tx.query(
        `INSERT INTO support_requests (tenant_id, journey_id, request_id, team_id, member_id, need, status, requested_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'OPEN', $7) ON CONFLICT (tenant_id, journey_id, request_id) DO NOTHING`,
        [recorded.tenantId, journeyId, requestId, teamId, memberId, need, at],
      );
      return;
    }
    await tx.query(
      `UPDATE support_requests SET status = 'OFFERED', offered_by = $4, offer_message = $5, offered_at = $6
       WHERE tenant_id = $1 AND journey_id = $2 AND request_id = $3 AND status = 'OPEN'`,
      [recorded.tenantId, event.data.journeyId, event.data.requestId, event.data.leaderId, event.data.message, event.data.at],
    );
  },
};

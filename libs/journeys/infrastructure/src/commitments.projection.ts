import type { SqlExecutor } from '@stepwise/database';
import type { RecordedEvent } from '@stepwise/event-store';
import type { CommitmentKept, CommitmentMade, CommitmentMissed } from '@stepwise/journeys-domain';
import type { Projection } from '@stepwise/projections';
import { journeyEventOf } from './journey-event.mapper';

type CommitmentEvent = CommitmentMade | CommitmentKept | CommitmentMissed;

/** Commitments members made, and whether each was kept or missed: accountability, per member. */
export const commitmentsProjection: Projection = {
  name: 'commitments',
  eventTypes: ['CommitmentMade', 'CommitmentKept', 'CommitmentMissed'],
  tables: ['commitments'],
  async apply(tx: SqlExecutor, recorded: RecordedEvent): Promise<void> {
    const event = journeyEventOf<CommitmentEvent>(recorded);
    if (event.type === 'CommitmentMade') {
      const { journeyId, commitmentId, teamId, memberId, description, dueOn, madeBy, at } = event.data;
      await tx.query(
        `INSERT INTO commitments (tenant_id, journey_id, commitment_id, team_id, member_id, description, due_on, status, made_by, made_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'OPEN', $8, $9) ON CONFLICT (tenant_id, journey_id, commitment_id) DO NOTHING`,
        [recorded.tenantId, journeyId, commitmentId, teamId, memberId, description, dueOn, madeBy, at],
      );
      return;
    }
    await tx.query(
      `UPDATE commitments SET status = $4, resolved_by = $5, resolved_at = $6 WHERE tenant_id = $1 AND journey_id = $2 AND commitment_id = $3`,
      [recorded.tenantId, event.data.journeyId, event.data.commitmentId, event.type === 'CommitmentKept' ? 'KEPT' : 'MISSED', event.data.markedBy, event.data.at],
    );
  },
};

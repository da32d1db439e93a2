import type { SqlExecutor } from '@stepwise/database';
import type { AnswerLinkUse, AnswerLinkUses } from '@stepwise/journeys-application';

interface UseRow {
  tenant_id: string;
  nonce: string;
  nudge_id: string;
  member_id: string;
  journey_id: string;
  reflection_id: string;
  closer: AnswerLinkUse['closer'];
  comfort: number | string;
  channel: AnswerLinkUse['channel'];
  answered_at: Date | string;
}

/** Used answer links in `nudges.answer_link_uses`, keyed by tenant and nonce (see answer-link.migrations.ts). */
export class SqlAnswerLinkUses implements AnswerLinkUses {
  constructor(private readonly db: SqlExecutor) {}

  async find(tenantId: string, nonce: string): Promise<AnswerLinkUse | undefined> {
    const { rows } = await this.db.query<UseRow>('SELECT * FROM nudges.answer_link_uses WHERE tenant_id = $1 AND nonce = $2', [tenantId, nonce]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      tenantId: row.tenant_id,
      nonce: row.nonce,
      nudgeId: row.nudge_id,
      memberId: row.member_id,
      journeyId: row.journey_id,
      reflectionId: row.reflection_id,
      closer: row.closer,
      comfort: Number(row.comfort),
      channel: row.channel,
      answeredAt: new Date(row.answered_at),
    };
  }

  async record(use: AnswerLinkUse): Promise<void> {
    await this.db.query(
      `INSERT INTO nudges.answer_link_uses
         (tenant_id, nonce, nudge_id, member_id, journey_id, reflection_id, closer, comfort, channel, answered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (tenant_id, nonce) DO NOTHING`,
      [use.tenantId, use.nonce, use.nudgeId, use.memberId, use.journeyId, use.reflectionId, use.closer, use.comfort, use.channel, use.answeredAt.toISOString()],
    );
  }
}

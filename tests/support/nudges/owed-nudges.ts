/** Owed nudges for tests that run the delivery path before (or without) the policy: built, and written to the outbox as the policy would. */
import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@stepwise/database';
import type { OwedNudge } from '@stepwise/nudges-domain';

export const owedNudge = (overrides: Partial<OwedNudge> & Pick<OwedNudge, 'organisationId' | 'recipientId'>): OwedNudge => {
  const nudgeId = overrides.nudgeId ?? randomUUID();
  return {
    nudgeId,
    rule: 'REFLECT',
    subject: { journeyId: 'journey-1', teamId: 'team-1', subjectId: `step-${nudgeId}` },
    dedupeKey: `REFLECT/${overrides.recipientId}/${nudgeId}`,
    dueAt: new Date().toISOString(),
    facts: { stepTitle: 'Run the pilot', journeyTitle: 'Weekly planning' },
    causedByPosition: '1',
    ...overrides,
  };
};

export const insertOwedNudges = async (executor: SqlExecutor, nudges: readonly OwedNudge[]): Promise<void> => {
  if (nudges.length === 0) return;
  await executor.query(
    `INSERT INTO nudges.outbox (nudge_id, tenant_id, rule, recipient_id, journey_id, team_id, subject_id, dedupe_key, due_at, facts, caused_by_position)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::jsonb[], $11::bigint[])`,
    [
      nudges.map((n) => n.nudgeId),
      nudges.map((n) => n.organisationId),
      nudges.map((n) => n.rule),
      nudges.map((n) => n.recipientId),
      nudges.map((n) => n.subject.journeyId),
      nudges.map((n) => n.subject.teamId),
      nudges.map((n) => n.subject.subjectId),
      nudges.map((n) => n.dedupeKey),
      nudges.map((n) => new Date(n.dueAt).toISOString()),
      nudges.map((n) => JSON.stringify(n.facts)),
      nudges.map((n) => n.causedByPosition),
    ],
  );
};

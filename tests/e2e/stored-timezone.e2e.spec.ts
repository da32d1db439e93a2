/**
 * Timezones stored before the timezone rule was tightened: an old event may hold a name neither the
 * runtime nor PostgreSQL knows ("Mars/Olympus") or one only PostgreSQL reads ("UTC+5", a POSIX
 * offset with its sign inverted). Reads that work in that timezone read it as UTC instead of
 * answering INTERNAL: the analytics' weeks in the organisation's timezone, and commitments overdue in
 * the member's. The old events are appended through the event store, as last year's code wrote them.
 */
import { randomUUID } from 'node:crypto';
import { ANALYTICS_PROCESSOR } from '@stepwise/analytics-infrastructure';
import type { LogCheckpoint, NewEvent } from '@stepwise/event-store';
import { READ_MODELS_PROCESSOR, waitForPosition } from '@stepwise/projections';
import { organisationStreamId } from '@stepwise/tenancy-domain';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import type { QueryName } from './support/graphql-documents';
import { stepwiseApi, type Person, type StepwiseApi } from './support/stepwise-api';

const DAY = 86_400_000;

describe('timezones stored before the timezone rule was tightened', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;

  beforeAll(async () => {
    stepwise = await startStepwise();
    api = stepwiseApi(stepwise);
  });
  afterAll(() => stepwise?.close());

  /** Appends to the organisation's stream as old code did, and waits until the read models and analytics have it. */
  const appendOld = async (org: OrgFixture, events: NewEvent[]): Promise<void> => {
    const { position } = await stepwise.runtime.eventStore.append(org.organisationId, organisationStreamId(org.organisationId), events);
    for (const processor of [READ_MODELS_PROCESSOR, ANALYTICS_PROCESSOR]) {
      const reached = await waitForPosition(stepwise.runtime.database, processor, position satisfies LogCheckpoint, 30_000);
      if (!reached) throw new Error(`${processor} did not reach the old event`);
    }
  };

  /** Every analytics read of the organisation, as its leader and admin ask them. */
  const analyticsReads = (org: OrgFixture, journeyId: string): [Person, QueryName, Record<string, unknown>][] => [
    [org.leader, 'teamAnalytics', { teamId: org.teamId }],
    [org.admin, 'organisationAnalytics', {}],
    [org.leader, 'journeyAnalytics', { journeyId }],
  ];

  describe.each(['Mars/Olympus', 'UTC+5'])('%s', (stored) => {
    it('as the organisation timezone: the analytics answer in UTC weeks', async () => {
      const org = await buildOrg(api, { label: 'old-org-zone', staff: 1 });
      const journeyId = await startJourney(api, org);
      await api.mutate(org.admin, 'updateOrganisationSettings', { timezone: 'Europe/London' });
      await appendOld(org, [
        {
          id: randomUUID(),
          type: 'OrganisationSettingsChanged',
          data: {
            organisationId: org.organisationId,
            timezone: stored,
            minimumGroupSize: 3,
            stalledAfterDays: 14,
            reflectionWindowHours: 48,
            changedBy: org.admin.memberId,
            at: new Date().toISOString(),
          },
        },
      ]);

      expect((await api.query(org.admin, 'organisationSettings')).timezone).toBe('UTC');
      for (const [who, name, variables] of analyticsReads(org, journeyId)) {
        const answer = await api.attemptQuery(who, name, variables);
        expect({ name, errors: answer.errors }).toEqual({ name, errors: undefined });
        expect({ name, timezone: (answer.data?.[name] as { timezone: string }).timezone }).toEqual({ name, timezone: 'UTC' });
      }
    });

    it('as a member timezone: their open commitment is judged in UTC', async () => {
      const org = await buildOrg(api, { label: 'old-member-zone', staff: 1 });
      const journeyId = await startJourney(api, org);
      const [member] = org.staff;
      const dueOn = new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10);
      await api.mutate(member, 'makeCommitment', { journeyId, description: 'Brief the pilot team', dueOn });
      await appendOld(org, [
        {
          id: randomUUID(),
          type: 'MemberPreferencesUpdated',
          data: { organisationId: org.organisationId, memberId: member.memberId, timezone: stored, quietHours: null, updatedBy: member.memberId, at: new Date().toISOString() },
        },
      ]);

      for (const [who, name, variables] of analyticsReads(org, journeyId)) {
        const answer = await api.attemptQuery(who, name, variables);
        expect({ name, errors: answer.errors }).toEqual({ name, errors: undefined });
        expect({ name, commitments: (answer.data?.[name] as { commitments: unknown }).commitments }).toEqual({
          name,
          commitments: { kept: 0, missed: 0, open: 1, overdue: 0 },
        });
      }
      expect((await api.query(member, 'myCommitments')).edges).toHaveLength(1);
    });
  });
});

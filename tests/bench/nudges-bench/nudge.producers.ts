/**
 * Who a benchmark run's nudges are for, and how they are owed. Each run has tenants of its own
 * (members seeded in the policy's documents, as its processor writes them from MemberJoined; a
 * webhook endpoint subscribed to nudges, or members reached on Slack, Teams or email), so the daily
 * cap and the endpoint cache start afresh. Nudges are weekly digests due at once, the kind the policy owes its leaders: relevant
 * while the recipient is a member, and rendered like any other.
 *
 * Two producers owe them: Stepwise's writes outbox rows as the policy does (one transaction per
 * batch); the raw baseline's adds one BullMQ job per nudge carrying the webhook body Stepwise would
 * send (one addBulk per batch).
 */
import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '@stepwise/database';
import type { OwedNudge } from '@stepwise/nudges-domain';
import { memberDeliveryId, nudgePayload, nudgeWebhookDeliveryId } from '@stepwise/nudges-infrastructure';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { insertOwedNudges, owedNudge, seedPolicyMembers, TEST_WEBHOOK_SECRET, type StaticEndpoint } from '../../support/nudges';
import type { ChannelReceivers } from './channel.receivers';
import { RAW_QUEUE, type BenchChannel, type MemberRoute, type RawWebhookJob } from './delivery-contender.protocol';

export interface RunPopulation {
  readonly tenants: readonly string[];
  readonly members: readonly string[];
  /** The channel each tenant's nudges travel on (besides its members' in-app list). */
  readonly channelOf: ReadonlyMap<string, BenchChannel>;
  /** Webhook tenants' endpoints, one each. */
  readonly endpoints: readonly StaticEndpoint[];
  readonly endpointOf: ReadonlyMap<string, StaticEndpoint>;
  /** Members of Slack, Teams and email tenants, with their address there. */
  readonly memberRoutes: readonly MemberRoute[];
}

export const ENDPOINT_PATH = '/ok';

/**
 * A run's tenants, each on one of `channels` in turn: a webhook tenant has an endpoint subscribed to
 * nudges (its members are reached in-app); the members of a Slack, Teams or email tenant are reached
 * there first.
 */
export const runPopulation = (tenantCount: number, membersPerTenant: number, channels: readonly BenchChannel[], receivers: ChannelReceivers): RunPopulation => {
  const tenants = Array.from({ length: tenantCount }, () => randomUUID());
  const members = Array.from({ length: membersPerTenant }, (_, index) => `member-${index}`);
  const channelOf = new Map(tenants.map((tenantId, index) => [tenantId, channels[index % channels.length]]));
  const endpoints: StaticEndpoint[] = [];
  const memberRoutes: MemberRoute[] = [];
  for (const [tenantId, channel] of channelOf) {
    if (channel === 'WEBHOOK') {
      endpoints.push({ tenantId, endpointId: `bench-endpoint-${tenantId.slice(0, 8)}`, url: `${receivers.webhookUrl}${ENDPOINT_PATH}`, secrets: [TEST_WEBHOOK_SECRET], types: ['nudge'] });
      continue;
    }
    members.forEach((memberId, index) => {
      const address = channel === 'SLACK' ? `UBENCH${index}` : channel === 'TEAMS' ? receivers.teamsUrl! : `${memberId}@bench.stepwise.test`;
      memberRoutes.push({ tenantId, memberId, channel, address });
    });
  }
  return { tenants, members, channelOf, endpoints, endpointOf: new Map(endpoints.map((endpoint) => [endpoint.tenantId, endpoint])), memberRoutes };
};

/** Where a nudge is expected to arrive outside Stepwise: its webhook delivery, or its member's delivery on their channel. */
export const expectedDelivery = (population: RunPopulation, nudge: OwedNudge): { readonly channel: BenchChannel; readonly deliveryId: string } => {
  const channel = population.channelOf.get(nudge.organisationId)!;
  const endpoint = population.endpointOf.get(nudge.organisationId);
  return channel === 'WEBHOOK' && endpoint
    ? { channel, deliveryId: nudgeWebhookDeliveryId(nudge.nudgeId, endpoint.endpointId) }
    : { channel, deliveryId: memberDeliveryId(nudge.nudgeId) };
};

/** The members in the policy's documents: delivery's reachability and relevance read them. Generous caps, so none is suppressed. */
export const seedPopulation = async (database: SqlDatabase, population: RunPopulation): Promise<void> => {
  for (const tenantId of population.tenants) {
    await seedPolicyMembers(database, tenantId, population.members.map((memberId) => ({ memberId, dailyCap: 50 })));
  }
};

/** The `index`-th nudge of a run, due now: spread over the tenants and their members in turn. */
export const benchNudge = (population: RunPopulation, index: number): OwedNudge => {
  const tenantId = population.tenants[index % population.tenants.length];
  const recipientId = population.members[Math.floor(index / population.tenants.length) % population.members.length];
  return owedNudge({
    organisationId: tenantId,
    recipientId,
    rule: 'WEEKLY_DIGEST',
    subject: { journeyId: null, teamId: null, subjectId: randomUUID() },
    facts: { week: 'bench', activeJourneys: 3, stepsTaken: 7 },
  });
};

export interface NudgeProducer {
  /** Owes a batch of nudges; resolves once they are durably owed (committed, or held by Redis). */
  owe(nudges: readonly OwedNudge[], population: RunPopulation): Promise<void>;
  close(): Promise<void>;
}

export const outboxProducer = (database: SqlDatabase): NudgeProducer => ({
  owe: (nudges) => database.transaction((tx) => insertOwedNudges(tx, nudges)),
  close: async () => undefined,
});

export const rawJobProducer = (redisUrl: string, prefix: string): NudgeProducer => {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1, connectionName: `${prefix}-raw-producer` });
  const queue = new Queue<RawWebhookJob>(RAW_QUEUE, { connection, prefix, streams: { events: { maxLen: 1_000 } } });
  return {
    owe: async (nudges, population) => {
      const now = new Date();
      await queue.addBulk(
        nudges.map((nudge) => {
          const endpoint = population.endpointOf.get(nudge.organisationId)!;
          const data: RawWebhookJob = {
            webhookId: nudgeWebhookDeliveryId(nudge.nudgeId, endpoint.endpointId),
            url: endpoint.url,
            body: JSON.stringify(nudgePayload(nudge, now)),
          };
          return { name: 'webhook', data, opts: { removeOnComplete: true, removeOnFail: { age: 3600, count: 1_000 }, attempts: 1 } };
        }),
      );
    },
    close: async () => {
      await queue.close();
      connection.disconnect();
    },
  };
};

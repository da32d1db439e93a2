/**
 * Stepwise's side of the nudge benchmark: the real delivery engine (relay, BullMQ worker, delivery
 * processor, webhook fan-out) with the worker's settings and a pool sized as the worker sizes it,
 * on PostgreSQL and Redis. Only what a local run must change is given as ports: webhook endpoints
 * standing in for the organisations' settings, a webhook sender allowed to reach loopback, and, for
 * a mixed run, senders pointed at the local Slack, Teams and SMTP receivers. Reachability and
 * relevance are the production adapters (the policy's documents), timed.
 */
import { OutboundConnections } from '@stepwise/integrations';
import type { ChannelPreference } from '@stepwise/nudges-domain';
import {
  NudgeDeliveryEngine,
  PolicyMemberReachability,
  policyNudgeRelevance,
  type MemberReach,
  type MemberReachability,
  type NudgeDeliverySettings,
} from '@stepwise/nudges-infrastructure';
import { createLogger, openStorage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { localWebhookSender, StaticWebhookEndpoints } from '../../support/nudges';
import type { ContenderOptions, MemberRoute, RunRoutes } from './delivery-contender.protocol';
import type { Contender } from './delivery-contender';
import { memberChannelSenders } from './member-channel.senders';
import type { ProcessMeter } from './process.meter';

/** The production reachability, with the channels a run routes its members to (in-app after them). */
class RoutedReachability implements MemberReachability {
  private readonly routes = new Map<string, ChannelPreference>();

  constructor(private readonly inner: MemberReachability) {}

  route(member: MemberRoute): void {
    this.routes.set(`${member.tenantId}/${member.memberId}`, { channel: member.channel, address: member.address });
  }

  async reachabilityOf(tenantId: string, memberId: string): Promise<MemberReach | undefined> {
    const reach = await this.inner.reachabilityOf(tenantId, memberId);
    const route = this.routes.get(`${tenantId}/${memberId}`);
    return reach && route ? { ...reach, channels: [route, { channel: 'IN_APP', address: null }] } : reach;
  }
}

export const openStepwiseContender = async (options: ContenderOptions, settings: NudgeDeliverySettings, meter: ProcessMeter): Promise<Contender> => {
  // As the worker opens the delivery path's own pool (apps/worker NudgeDeliveryService).
  const storage = await openStorage(
    { kind: 'postgres', url: options.databaseUrl, poolSize: Math.min(settings.concurrency, 8) + 2, applicationName: 'stepwise-nudges' },
    stepwiseSchema,
    { migrate: false },
  );
  const { database } = storage;
  const endpoints = new StaticWebhookEndpoints();
  const reachability = new RoutedReachability(new PolicyMemberReachability(database));
  // Sockets kept open per receiver, shared by the HTTP channels, as the worker's delivery ports keep them.
  const connections = new OutboundConnections();
  const senders = memberChannelSenders(settings.sendTimeoutMs, meter, connections);
  let engine: NudgeDeliveryEngine;
  try {
    engine = await NudgeDeliveryEngine.start({
      database,
      eventStore: storage.eventStore,
      logger: createLogger('bench-nudges', process.env.STEPWISE_BENCH_LOG_LEVEL ?? 'warn'),
      settings,
      ports: {
        endpoints,
        disabler: endpoints,
        reachability: meter.timed('reachability', reachability),
        relevance: meter.timed('relevance', policyNudgeRelevance(database)),
        webhookSender: meter.timed('send WEBHOOK', localWebhookSender(settings.sendTimeoutMs, connections)),
        memberSenders: senders.ports,
      },
    });
  } catch (error) {
    connections.close();
    await storage.close();
    throw error;
  }
  return {
    settings: { ...settings, poolSize: Math.min(settings.concurrency, 8) + 2 },
    prepare: async (routes: RunRoutes) => {
      for (const endpoint of routes.endpoints) endpoints.add(endpoint);
      for (const member of routes.members) reachability.route(member);
      senders.use(routes);
    },
    close: async () => {
      await engine.stop();
      await senders.close();
      connections.close();
      await storage.close();
    },
  };
};

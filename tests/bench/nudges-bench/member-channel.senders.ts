/**
 * The member channels as the delivery engine takes them (`memberSenders`: each finds a route for a
 * member's nudge, then makes one attempt on it), made of the integrations' own Slack, Teams and email
 * senders and pointed at the current run's local receivers: Slack's Web API with the bench's bot
 * token to the member's user id, the member's Teams workflow URL (with the delivery id added, so the
 * receiver can time it), and the local SMTP server. Slack and Teams go through the address-filtering
 * fetch with keep-alive sockets, as the worker's do. They stand in for the worker's channels, which
 * read the same destinations from the team's and organisation's integrations; until a run names its
 * receivers, a channel is unavailable and the nudge falls through to in-app.
 */
import {
  DEFAULT_SMTP_CONNECTIONS_PER_SERVER,
  EmailSender,
  filteringFetch,
  SlackSender,
  TeamsSender,
  type DeliveryAttempt,
  type DeliveryOutcome,
  type NudgeMessage,
  type OutboundConnections,
} from '@stepwise/integrations';
import {
  laneWidthFor,
  type LinkTokenSink,
  type MemberChannelSender,
  type MemberChannelSenders,
  type MemberRoute,
  type MemberRouteUnavailable,
  type SendLane,
} from '@stepwise/nudges-infrastructure';
import type { RunRoutes } from './delivery-contender.protocol';
import type { ProcessMeter } from './process.meter';

export interface BenchMemberSenders {
  readonly ports: MemberChannelSenders;
  use(routes: RunRoutes): void;
  close(): Promise<void>;
}

/** One channel: a route when the run has its receiver and the member an address there. */
const channel = (
  meter: ProcessMeter,
  name: string,
  routeOf: (
    address: string | null,
  ) => { readonly address: string; readonly lane?: SendLane; readonly send: (message: NudgeMessage, attempt: DeliveryAttempt) => Promise<DeliveryOutcome> } | MemberRouteUnavailable,
): MemberChannelSender => {
  const timed = meter.timed(`send ${name}`, {
    send: (route: MemberRoute, message: NudgeMessage, attempt: DeliveryAttempt, carries: LinkTokenSink) => route.send(message, attempt, carries),
  });
  return {
    route: async ({ address }) => {
      const route = routeOf(address);
      if ('unavailable' in route) return route;
      return { address: route.address, ...(route.lane && { lane: route.lane }), send: (message, attempt, carries) => timed.send(route, message, attempt, carries) };
    },
  };
};

export const memberChannelSenders = (timeoutMs: number, meter: ProcessMeter, connections: OutboundConnections): BenchMemberSenders => {
  let routes: RunRoutes | undefined;
  const fetch = filteringFetch({ timeoutMs, allowPrivateAddresses: true, connections });
  const slack = new SlackSender({ fetch, timeoutMs, allowPlainHttp: true });
  const teams = new TeamsSender({ fetch, timeoutMs, allowPlainHttp: true });
  const email = new EmailSender({ timeouts: { connectionMs: timeoutMs, greetingMs: timeoutMs, socketMs: timeoutMs } });
  return {
    ports: {
      SLACK: channel(meter, 'SLACK', (userId) => {
        const api = routes?.slack;
        if (!api || !userId) return { unavailable: 'no Slack receiver in this run, or no Slack user id' };
        return { address: `Slack user ${userId}`, send: (message, attempt) => slack.send(message, { kind: 'bot', token: api.token, apiUrl: api.apiUrl, userId }, attempt) };
      }),
      TEAMS: channel(meter, 'TEAMS', (url) => {
        if (!url) return { unavailable: 'no Teams workflow in this run' };
        return {
          address: "the team's Microsoft Teams channel",
          send: (message, attempt) => {
            const workflow = new URL(url);
            workflow.searchParams.set('delivery', attempt.deliveryId);
            return teams.send(message, { url: workflow.toString() }, attempt);
          },
        };
      }),
      EMAIL: channel(meter, 'EMAIL', (to) => {
        const smtp = routes?.smtp;
        if (!smtp || !to) return { unavailable: 'no SMTP server in this run, or no address' };
        return {
          address: to,
          // One server, its connections shared, as the worker's email channel sends to the default server.
          lane: { key: 'smtp:default', width: laneWidthFor(DEFAULT_SMTP_CONNECTIONS_PER_SERVER) },
          send: (message, attempt) => email.send(message, { to, smtp: { host: smtp.host, port: smtp.port, secure: false, from: { address: 'nudges@stepwise.test', name: 'Stepwise' } } }, attempt),
        };
      }),
    },
    use: (next) => {
      routes = next;
    },
    close: () => email.close(),
  };
};

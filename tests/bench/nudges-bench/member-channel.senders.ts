/**
 * The member channels' senders as the delivery engine takes them (`memberSenders`: a member's
 * address in, one attempt out), made of the integrations' own Slack, Teams and email senders and
 * pointed at the current run's local receivers: Slack's Web API with the bench's bot token to the
 * member's user id, the member's Teams workflow URL (with the delivery id added, so the receiver can
 * time it), and the local SMTP server. Until a run names its receivers, a send is a permanent failure.
 */
import { EmailSender, SlackSender, TeamsSender, type ChannelSender, type DeliveryOutcome, type NudgeMessage } from '@stepwise/integrations';
import type { MemberChannelSenders } from '@stepwise/nudges-infrastructure';
import type { RunRoutes } from './delivery-contender.protocol';
import type { ProcessMeter } from './process.meter';

const unrouted = (channel: string): DeliveryOutcome => ({ kind: 'permanent', statusCode: null, detail: `no ${channel} receiver in this run`, disableAddress: false });

export interface BenchMemberSenders {
  readonly ports: MemberChannelSenders;
  use(routes: RunRoutes): void;
  close(): Promise<void>;
}

export const memberChannelSenders = (timeoutMs: number, meter: ProcessMeter): BenchMemberSenders => {
  let routes: RunRoutes | undefined;
  const slack = new SlackSender({ timeoutMs, allowPlainHttp: true });
  const teams = new TeamsSender({ timeoutMs, allowPlainHttp: true });
  const email = new EmailSender({ timeouts: { connectionMs: timeoutMs, greetingMs: timeoutMs, socketMs: timeoutMs } });
  const sender = (channel: 'SLACK' | 'TEAMS' | 'EMAIL', send: ChannelSender<NudgeMessage, string>['send']): ChannelSender<NudgeMessage, string> =>
    meter.timed(`send ${channel}`, { channel, send });
  return {
    ports: {
      SLACK: sender('SLACK', (message, userId, attempt) =>
        routes?.slack ? slack.send(message, { kind: 'bot', token: routes.slack.token, apiUrl: routes.slack.apiUrl, userId }, attempt) : Promise.resolve(unrouted('Slack')),
      ),
      TEAMS: sender('TEAMS', (message, url, attempt) => {
        const workflow = new URL(url);
        workflow.searchParams.set('delivery', attempt.deliveryId);
        return teams.send(message, { url: workflow.toString() }, attempt);
      }),
      EMAIL: sender('EMAIL', (message, to, attempt) =>
        routes?.smtp
          ? email.send(message, { to, smtp: { host: routes.smtp.host, port: routes.smtp.port, secure: false, from: { address: 'nudges@stepwise.test', name: 'Stepwise' } } }, attempt)
          : Promise.resolve(unrouted('SMTP')),
      ),
    },
    use: (next) => {
      routes = next;
    },
    close: () => email.close(),
  };
};

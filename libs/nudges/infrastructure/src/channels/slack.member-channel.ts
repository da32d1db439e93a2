/**
 * Nudges in Slack, through the nudge's team's integration: with a bot token, a direct message to the
 * member's Slack user id (from their preferences); with an incoming webhook, a post in the channel it
 * was made for, which the whole team reads (a team's nudge owed to several of its members is posted
 * there once: `delivery/shared-post.ts`). A reflection nudge in a direct message carries one-tap
 * answers: buttons answered in Slack where a Slack app receives the interactions, link buttons
 * otherwise.
 */
import type { SlackAddress, SlackSender } from '@stepwise/integrations';
import type { ChannelSettingsDirectory } from '@stepwise/nudges-application/read';
import { slackAnswerBlocks } from '../answers/slack-answer.interaction';
import type { MemberChannelSender, MemberRoute, MemberRouteUnavailable, MemberSendTarget } from '../delivery/delivery.ports';
import { composeMemberMessage, forSharedChannel, sharedChannelRefusal, type AnswerLinkIssuer } from './member-message.composer';
import { isUnavailable, readTeamChannels } from './team-settings.read';

export interface SlackMemberChannelOptions {
  readonly directory: ChannelSettingsDirectory;
  readonly sender: SlackSender;
  readonly links: AnswerLinkIssuer;
  /** The Web API base bot tokens post to (STEPWISE_SLACK_API_URL). */
  readonly apiUrl?: string;
  /** A Slack app receives button taps (the api has its signing secret): answer buttons instead of link buttons. */
  readonly interactive: boolean;
}

export class SlackMemberChannel implements MemberChannelSender {
  constructor(private readonly options: SlackMemberChannelOptions) {}

  async route({ tenantId, nudge, address, member }: MemberSendTarget): Promise<MemberRoute | MemberRouteUnavailable> {
    const channels = await readTeamChannels(this.options.directory, tenantId, nudge.subject.teamId, 'Slack');
    if (isUnavailable(channels)) return channels;
    const { slack } = channels;
    if (!slack) return { unavailable: 'the team has no Slack integration' };
    if (slack.kind === 'incoming-webhook') {
      const refusal = sharedChannelRefusal(nudge, member.displayName);
      if (refusal) return { unavailable: refusal };
      return { ...this.routeTo({ kind: 'incoming-webhook', url: slack.url }, `the team's Slack channel (${hostOf(slack.url)})`, nudge, member.displayName), shared: true };
    }
    if (!address) return { unavailable: 'the member has no Slack user id in their notification preferences' };
    const bot: SlackAddress = { kind: 'bot', token: slack.token, userId: address, ...(this.options.apiUrl && { apiUrl: this.options.apiUrl }) };
    return this.routeTo(bot, `Slack user ${address}`, nudge);
  }

  /** `sharedFor`: posted where the whole team reads, for the member of that name (undefined: to the member alone). */
  private routeTo(slackAddress: SlackAddress, address: string, nudge: MemberSendTarget['nudge'], sharedFor?: string | null): MemberRoute {
    const shared = sharedFor !== undefined;
    return {
      address,
      send: (message, attempt, carries) => {
        const composed = composeMemberMessage(shared ? forSharedChannel(message, nudge, sharedFor) : message, nudge, attempt, shared ? 'shared' : 'member', this.options.links, carries);
        const answerBlocks = composed.links && this.options.interactive ? slackAnswerBlocks(composed.links) : undefined;
        return this.options.sender.send({ ...composed.message, ...(answerBlocks && { answerBlocks }) }, slackAddress, attempt);
      },
    };
  }
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return 'an unreadable URL';
  }
};

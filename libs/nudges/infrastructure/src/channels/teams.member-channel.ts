/**
 * Nudges in Microsoft Teams, through the nudge's team's Workflows webhook: an Adaptive Card in the
 * channel the flow posts to, which the whole team reads. So a Teams nudge carries no one-tap answer
 * links (anyone in the channel could answer as the member), nudges about one member's comfort or
 * support request are not posted there, and a team's nudge owed to several of its members is posted
 * there once (`delivery/shared-post.ts`).
 */
import type { TeamsSender } from '@stepwise/integrations';
import type { ChannelSettingsDirectory } from '@stepwise/nudges-application/read';
import type { MemberChannelSender, MemberRoute, MemberRouteUnavailable, MemberSendTarget } from '../delivery/delivery.ports';
import { composeMemberMessage, forSharedChannel, sharedChannelRefusal, type AnswerLinkIssuer } from './member-message.composer';
import { isUnavailable, readTeamChannels } from './team-settings.read';

export interface TeamsMemberChannelOptions {
  readonly directory: ChannelSettingsDirectory;
  readonly sender: TeamsSender;
  readonly links: AnswerLinkIssuer;
}

export class TeamsMemberChannel implements MemberChannelSender {
  constructor(private readonly options: TeamsMemberChannelOptions) {}

  async route({ tenantId, nudge, member }: MemberSendTarget): Promise<MemberRoute | MemberRouteUnavailable> {
    const channels = await readTeamChannels(this.options.directory, tenantId, nudge.subject.teamId, 'Microsoft Teams');
    if (isUnavailable(channels)) return channels;
    if (!channels.teams) return { unavailable: 'the team has no Microsoft Teams integration' };
    const refusal = sharedChannelRefusal(nudge, member.displayName);
    if (refusal) return { unavailable: refusal };
    const { url } = channels.teams;
    return {
      address: "the team's Microsoft Teams channel",
      shared: true,
      send: (message, attempt, carries) =>
        this.options.sender.send(composeMemberMessage(forSharedChannel(message, nudge, member.displayName), nudge, attempt, 'shared', this.options.links, carries).message, { url }, attempt),
    };
  }
}

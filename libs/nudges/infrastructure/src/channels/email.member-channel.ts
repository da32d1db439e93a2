/**
 * Nudges by email: to the member's EMAIL address from their preferences, or else their own address,
 * through the organisation's SMTP server, or else the deployment's default one. Every email carries
 * its one-click unsubscribe (RFC 8058: List-Unsubscribe and List-Unsubscribe-Post, and a link in the
 * body) for the nudge's rule, and a reflection nudge its one-tap answer links.
 */
import { smtpServerKey, type EmailAddress, type EmailSender } from '@stepwise/integrations';
import type { ChannelSettingsDirectory } from '@stepwise/nudges-application/read';
import type { MemberChannelSender, MemberRoute, MemberRouteUnavailable, MemberSendTarget } from '../delivery/delivery.ports';
import { unsubscribeLinkUrl, type UnsubscribeLinkSigner } from '../integrations/unsubscribe-link.signer';
import { laneWidthFor } from '../delivery/send-lanes';
import { composeMemberMessage, type AnswerLinkIssuer } from './member-message.composer';
import { isUnavailable, readOrganisationSmtp } from './team-settings.read';

export interface EmailMemberChannelOptions {
  readonly directory: ChannelSettingsDirectory;
  /** Holds the deployment's default server, if it has one. */
  readonly sender: EmailSender;
  readonly hasDefaultServer: boolean;
  /** Sends to one SMTP server at once (its connections): more wait their turn without holding a worker slot. */
  readonly connectionsPerServer: number;
  readonly links: AnswerLinkIssuer;
  readonly unsubscribe: UnsubscribeLinkSigner;
}

export class EmailMemberChannel implements MemberChannelSender {
  constructor(private readonly options: EmailMemberChannelOptions) {}

  async route({ tenantId, memberId, nudge, member, address }: MemberSendTarget): Promise<MemberRoute | MemberRouteUnavailable> {
    const to = address ?? member.email;
    if (!to) return { unavailable: 'the member has no email address' };
    const smtp = await readOrganisationSmtp(this.options.directory, tenantId);
    if (isUnavailable(smtp)) return smtp;
    if (!smtp && !this.options.hasDefaultServer) return { unavailable: 'the organisation has no SMTP server, and the deployment no default one (STEPWISE_SMTP_URL)' };
    const unsubscribeToken = this.options.unsubscribe.sign({ tenantId, memberId, rule: nudge.rule });
    const emailAddress: EmailAddress = {
      to,
      unsubscribe: { url: unsubscribeLinkUrl(this.options.links.publicUrl, unsubscribeToken) },
      ...(smtp && { smtp }),
    };
    return {
      address: to,
      // The organisation's own server, or the deployment's default one: each has its own connections.
      lane: { key: smtp ? `smtp:${smtpServerKey(smtp)}` : 'smtp:default', width: laneWidthFor(this.options.connectionsPerServer) },
      send: (message, attempt, carries) => {
        carries(unsubscribeToken);
        return this.options.sender.send(composeMemberMessage(message, nudge, attempt, 'member', this.options.links, carries).message, emailAddress, attempt);
      },
    };
  }
}

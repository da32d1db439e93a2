/**
 * The "send a test message" use case: an admin checks that a channel is set up by sending one fixed
 * message through it and reading what the receiver answered. Nothing is recorded; a destination that
 * is not configured is a coded error naming the field to fix.
 */
import { Inject, Injectable } from '@nestjs/common';
import { invalid, NotFoundError, requiredText, systemClock, type Clock } from '@stepwise/kernel';
import { CLOCK } from '@stepwise/command-handling';
import type { NudgesViewer } from '../access/nudges-access.policy';
import { MEMBER_REACHABILITY, type MemberReachability } from '../member-reachability.port';
import { TeamNotFoundError } from '@stepwise/tenancy-domain';
import { CHANNEL_INTEGRATIONS_READ_MODEL, type ChannelIntegrationsReadModel } from './channel-integrations-read.port';
import { CHANNEL_SETTINGS_DIRECTORY, type ChannelSettingsDirectory } from './channel-settings-directory.port';
import { requireIntegrationAdmin } from './integration-access.policy';
import {
  INTEGRATION_TEST_MESSAGE_SENDER,
  INTEGRATION_TEST_WEBHOOK_TARGETS,
  type IntegrationTestMessageSender,
  type IntegrationTestWebhookTargets,
  type TestMessageChannel,
  type TestMessageDestination,
  type TestMessageOutcome,
} from './integration-test-message.port';

export interface SendTestMessageInput {
  readonly channel: TestMessageChannel;
  readonly teamId?: string | null;
  /** For SLACK with a bot token and for EMAIL: whose address; the admin's own when omitted. */
  readonly memberId?: string | null;
  readonly endpointId?: string | null;
}

export interface TestMessageCaller extends NudgesViewer {
  readonly organisationId: string;
}

class NotConfiguredError extends NotFoundError {
  constructor(what: string, field: string) {
    super('INTEGRATION_NOT_CONFIGURED', `${what} is not configured`, { field });
  }
}

const ID_MAX_LENGTH = 100;

@Injectable()
export class SendIntegrationTestMessage {
  constructor(
    @Inject(CHANNEL_SETTINGS_DIRECTORY) private readonly directory: ChannelSettingsDirectory,
    @Inject(CHANNEL_INTEGRATIONS_READ_MODEL) private readonly integrations: ChannelIntegrationsReadModel,
    @Inject(MEMBER_REACHABILITY) private readonly members: MemberReachability,
    @Inject(INTEGRATION_TEST_WEBHOOK_TARGETS) private readonly webhooks: IntegrationTestWebhookTargets,
    @Inject(INTEGRATION_TEST_MESSAGE_SENDER) private readonly sender: IntegrationTestMessageSender,
    @Inject(CLOCK) private readonly clock: Clock = systemClock,
  ) {}

  async send(caller: TestMessageCaller, input: SendTestMessageInput): Promise<TestMessageOutcome> {
    requireIntegrationAdmin(caller);
    const recipientId = input.memberId === undefined || input.memberId === null ? caller.memberId : requiredText('memberId', input.memberId, ID_MAX_LENGTH);
    const destination = await this.destination(caller.organisationId, recipientId, input);
    return this.sender.send(destination, { tenantId: caller.organisationId, recipientId, at: this.clock.now() });
  }

  private async destination(tenantId: string, memberId: string, input: SendTestMessageInput): Promise<TestMessageDestination> {
    switch (input.channel) {
      case 'SLACK': {
        const { slack } = await this.teamChannels(tenantId, input.teamId);
        if (!slack) throw new NotConfiguredError('Slack for this team', 'teamId');
        if (slack.kind === 'incoming-webhook') return { channel: 'SLACK', slack, userId: null };
        const userId = (await this.reach(tenantId, memberId)).channels.find((preference) => preference.channel === 'SLACK')?.address ?? null;
        if (!userId) throw new NotConfiguredError('The member’s Slack user id (the SLACK channel address in their notification preferences)', 'memberId');
        return { channel: 'SLACK', slack, userId };
      }
      case 'TEAMS': {
        const { teams } = await this.teamChannels(tenantId, input.teamId);
        if (!teams) throw new NotConfiguredError('Microsoft Teams for this team', 'teamId');
        return { channel: 'TEAMS', url: teams.url };
      }
      case 'EMAIL': {
        const reach = await this.reach(tenantId, memberId);
        const to = reach.channels.find((preference) => preference.channel === 'EMAIL')?.address ?? reach.email;
        if (!to) throw new NotConfiguredError('The member’s email address', 'memberId');
        const smtp = await this.directory.organisationSmtp(tenantId);
        if (!smtp && !this.sender.hasDefaultSmtp) throw new NotConfiguredError('An SMTP server (the organisation’s, setSmtpIntegration, or the deployment’s, STEPWISE_SMTP_URL)', 'channel');
        return { channel: 'EMAIL', to, smtp };
      }
      case 'WEBHOOK': {
        const endpointId = requiredText('endpointId', input.endpointId, ID_MAX_LENGTH);
        const target = await this.webhooks.webhookTarget(tenantId, endpointId);
        if (!target) throw new NotFoundError('WEBHOOK_ENDPOINT_NOT_FOUND', 'No such webhook endpoint', { field: 'endpointId', endpointId });
        return { channel: 'WEBHOOK', endpointId, ...target };
      }
      default:
        return invalid('channel', 'NOT_ALLOWED', 'channel must be SLACK, TEAMS, EMAIL or WEBHOOK');
    }
  }

  /** A team of another organisation, or none, is TEAM_NOT_FOUND: never "not configured", which would tell it exists. */
  private async teamChannels(tenantId: string, rawTeamId: unknown) {
    const teamId = requiredText('teamId', rawTeamId, ID_MAX_LENGTH);
    if (!(await this.integrations.teamIntegrations(tenantId, teamId))) throw new TeamNotFoundError(teamId);
    return this.directory.teamChannels(tenantId, teamId);
  }

  private async reach(tenantId: string, memberId: string) {
    const reach = await this.members.member(tenantId, memberId);
    if (!reach || !reach.active) throw new NotFoundError('MEMBER_NOT_FOUND', 'No such member in this organisation', { field: 'memberId', memberId });
    return reach;
  }
}

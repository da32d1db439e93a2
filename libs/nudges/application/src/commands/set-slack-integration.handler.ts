import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import { invalid, requiredText, type Clock } from '@stepwise/kernel';
import { refuseUnlessIntegrationsAdmin, validSlackBotToken, validSlackWebhookUrl } from '@stepwise/nudges-domain';
import { SECRET_SEALER, type SecretSealer } from '../secret-sealer.port';
import { WEBHOOK_URL_POLICY, type WebhookUrlPolicy } from '../webhook-url.policy';
import { decideOnChannelIntegration, requireTeam } from './decide-on-channel-integration';
import type { ChannelIntegrationCommandResult } from './integration-command.result';
import { SetSlackIntegrationCommand } from './set-slack-integration.command';

const TEAM_ID_MAX_LENGTH = 100;

@CommandHandler(SetSlackIntegrationCommand)
export class SetSlackIntegrationHandler implements ICommandHandler<SetSlackIntegrationCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SECRET_SEALER) private readonly sealer: SecretSealer,
    @Inject(WEBHOOK_URL_POLICY) private readonly urlPolicy: WebhookUrlPolicy,
  ) {}

  async execute({ input, context }: SetSlackIntegrationCommand): Promise<ChannelIntegrationCommandResult> {
    refuseUnlessIntegrationsAdmin(context.orgRole);
    const teamId = requiredText('teamId', input.teamId, TEAM_ID_MAX_LENGTH);
    const hasToken = input.botToken !== undefined && input.botToken !== null;
    const hasUrl = input.webhookUrl !== undefined && input.webhookUrl !== null;
    if (hasToken === hasUrl) invalid(hasToken ? 'webhookUrl' : 'botToken', hasToken ? 'NOT_APPLICABLE' : 'REQUIRED', 'Give either a bot token or an incoming webhook URL');
    const token = hasToken ? validSlackBotToken('botToken', input.botToken) : null;
    const url = hasUrl ? validSlackWebhookUrl('webhookUrl', input.webhookUrl, { allowAnyHost: this.urlPolicy.allowHttp }) : null;
    await requireTeam(this.store, context, teamId);
    const secret = token ?? (url as URL).href;
    const sealedSecret = await this.sealer.seal(secret);
    return decideOnChannelIntegration(
      { store: this.store, clock: this.clock },
      {
        type: 'SetTeamSlackIntegration',
        data: { organisationId: context.tenantId, teamId, kind: token ? 'BOT_TOKEN' : 'INCOMING_WEBHOOK', sealedSecret, webhookHost: url ? url.host : null },
      },
      context,
      { teamId, kind: token ? 'BOT_TOKEN' : 'INCOMING_WEBHOOK', secret: await this.sealer.fingerprintOf(secret) },
    );
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import { requiredText, type Clock } from '@stepwise/kernel';
import { INTEGRATION_URL_MAX_LENGTH, refuseUnlessIntegrationsAdmin } from '@stepwise/nudges-domain';
import { SECRET_SEALER, type SecretSealer } from '../secret-sealer.port';
import { assertPublicHost, WEBHOOK_URL_POLICY, type WebhookUrlPolicy } from '../webhook-url.policy';
import { decideOnChannelIntegration, requireTeam } from './decide-on-channel-integration';
import type { ChannelIntegrationCommandResult } from './integration-command.result';
import { SetTeamsIntegrationCommand } from './set-teams-integration.command';
import { TEAMS_INTEGRATION_URL_CHECK, type TeamsIntegrationUrlCheck } from './teams-integration-url.port';

@CommandHandler(SetTeamsIntegrationCommand)
export class SetTeamsIntegrationHandler implements ICommandHandler<SetTeamsIntegrationCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SECRET_SEALER) private readonly sealer: SecretSealer,
    @Inject(WEBHOOK_URL_POLICY) private readonly urlPolicy: WebhookUrlPolicy,
    @Inject(TEAMS_INTEGRATION_URL_CHECK) private readonly urlCheck: TeamsIntegrationUrlCheck,
  ) {}

  async execute({ input, context }: SetTeamsIntegrationCommand): Promise<ChannelIntegrationCommandResult> {
    refuseUnlessIntegrationsAdmin(context.orgRole);
    const teamId = requiredText('teamId', input.teamId, 100);
    requiredText('webhookUrl', input.webhookUrl, INTEGRATION_URL_MAX_LENGTH);
    // The check reads the URL as given: trimmed first, a trailing tab or line break would pass unseen.
    const url = new URL(this.urlCheck.parse('webhookUrl', input.webhookUrl, { allowPlainHttp: this.urlPolicy.allowHttp }));
    assertPublicHost(this.urlPolicy, 'webhookUrl', url.hostname);
    await requireTeam(this.store, context, teamId);
    const sealedUrl = await this.sealer.seal(url.href);
    return decideOnChannelIntegration(
      { store: this.store, clock: this.clock },
      { type: 'SetTeamTeamsIntegration', data: { organisationId: context.tenantId, teamId, sealedUrl, host: url.host } },
      context,
      { teamId, url: await this.sealer.fingerprintOf(url.href) },
    );
  }
}

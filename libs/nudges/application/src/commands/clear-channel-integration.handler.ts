import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE, type Unstamped } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import { requiredText, type Clock } from '@stepwise/kernel';
import { refuseUnlessIntegrationsAdmin, type ChannelIntegrationCommand } from '@stepwise/nudges-domain';
import { ClearChannelIntegrationCommand } from './clear-channel-integration.command';
import { decideOnChannelIntegration, requireTeam } from './decide-on-channel-integration';
import type { ChannelIntegrationCommandResult } from './integration-command.result';

@CommandHandler(ClearChannelIntegrationCommand)
export class ClearChannelIntegrationHandler implements ICommandHandler<ClearChannelIntegrationCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: ClearChannelIntegrationCommand): Promise<ChannelIntegrationCommandResult> {
    refuseUnlessIntegrationsAdmin(context.orgRole);
    const organisationId = context.tenantId;
    let command: Unstamped<ChannelIntegrationCommand>;
    if (input.channel === 'SMTP') {
      command = { type: 'ClearOrganisationSmtpIntegration', data: { organisationId } };
    } else {
      const teamId = requiredText('teamId', input.teamId, 100);
      await requireTeam(this.store, context, teamId);
      command = { type: input.channel === 'SLACK' ? 'ClearTeamSlackIntegration' : 'ClearTeamTeamsIntegration', data: { organisationId, teamId } };
    }
    return decideOnChannelIntegration({ store: this.store, clock: this.clock }, command, context, input);
  }
}

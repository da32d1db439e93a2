import { Inject } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { CHANNEL_INTEGRATIONS_READ_MODEL, requireIntegrationAdmin, type ChannelIntegrationsReadModel } from '@stepwise/nudges-application/read';
import { TeamNotFoundError } from '@stepwise/tenancy-domain';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { toSmtpIntegrationModel, toTeamIntegrationsModel } from './integrations.mappers';
import { SmtpIntegrationModel, TeamIntegrationsModel } from './integrations.models';

/** What admins read about Slack, Teams and SMTP integrations: never a token, password or webhook URL. */
@Resolver(() => TeamIntegrationsModel)
export class IntegrationsQueriesResolver {
  constructor(@Inject(CHANNEL_INTEGRATIONS_READ_MODEL) private readonly integrations: ChannelIntegrationsReadModel) {}

  @Query(() => TeamIntegrationsModel, { description: 'Where a team’s Slack and Teams nudges go. Admins only (FORBIDDEN otherwise). Tokens and webhook URLs are never returned.' })
  async teamIntegrations(@CurrentCaller() caller: Caller, @Args('teamId', { type: () => ID, description: 'The team.' }) teamId: string): Promise<TeamIntegrationsModel> {
    requireIntegrationAdmin(caller);
    const view = await this.integrations.teamIntegrations(caller.organisationId, teamId);
    if (!view) throw new TeamNotFoundError(teamId);
    return toTeamIntegrationsModel(view);
  }

  @Query(() => SmtpIntegrationModel, { description: 'The organisation’s own SMTP server. Admins only (FORBIDDEN otherwise). The password is never returned.' })
  async smtpIntegration(@CurrentCaller() caller: Caller): Promise<SmtpIntegrationModel> {
    requireIntegrationAdmin(caller);
    return toSmtpIntegrationModel(await this.integrations.smtpIntegration(caller.organisationId));
  }
}

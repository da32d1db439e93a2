import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ClearChannelIntegrationCommand, SetSlackIntegrationCommand, SetSmtpIntegrationCommand, SetTeamsIntegrationCommand } from '@stepwise/nudges-application';
import { CHANNEL_INTEGRATIONS_READ_MODEL, type ChannelIntegrationsReadModel } from '@stepwise/nudges-application/read';
import { TeamNotFoundError } from '@stepwise/tenancy-domain';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { CommandSender } from '../commands/command-sender';
import { toOutcome } from '../graphql/mutation-outcome';
import { toSmtpIntegrationModel, toTeamIntegrationsModel } from './integrations.mappers';
import {
  ClearSmtpIntegrationInput,
  SetSlackIntegrationInput,
  SetSmtpIntegrationInput,
  SetTeamsIntegrationInput,
  SmtpIntegrationPayload,
  TeamIntegrationInput,
  TeamIntegrationsModel,
  TeamIntegrationsPayload,
} from './integrations.models';

/** Setting, replacing and clearing Slack, Teams and SMTP integrations. Admins only (the decider enforces it). */
@Resolver(() => TeamIntegrationsModel)
export class IntegrationsResolver {
  constructor(
    private readonly commands: CommandSender,
    @Inject(CHANNEL_INTEGRATIONS_READ_MODEL) private readonly integrations: ChannelIntegrationsReadModel,
  ) {}

  private async team(caller: Caller, teamId: string, command: Parameters<CommandSender['send']>[0]): Promise<TeamIntegrationsPayload> {
    const sent = await this.commands.send(command);
    const view = await this.integrations.teamIntegrations(caller.organisationId, teamId);
    if (!view) throw new TeamNotFoundError(teamId);
    return { integrations: toTeamIntegrationsModel(view), outcome: toOutcome(sent) };
  }

  private async smtp(caller: Caller, command: Parameters<CommandSender['send']>[0]): Promise<SmtpIntegrationPayload> {
    const sent = await this.commands.send(command);
    return { smtp: toSmtpIntegrationModel(await this.integrations.smtpIntegration(caller.organisationId)), outcome: toOutcome(sent) };
  }

  @Mutation(() => TeamIntegrationsPayload, { nullable: true,
    description:
      'Sets or replaces a team’s Slack integration: a bot token (xoxb-…) or an incoming webhook URL (https://hooks.slack.com/… or https://hooks.slack-gov.com/…). Admins only. ' +
      'Stored encrypted; no query returns it.',
  })
  setSlackIntegration(@CurrentCaller() caller: Caller, @Args('input', { description: 'The team and its token or webhook URL.' }) input: SetSlackIntegrationInput): Promise<TeamIntegrationsPayload> {
    const { teamId, botToken, webhookUrl, clientMutationId } = input;
    return this.team(caller, teamId, new SetSlackIntegrationCommand({ teamId, botToken, webhookUrl }, this.commands.context(caller, clientMutationId)));
  }

  @Mutation(() => TeamIntegrationsPayload, { nullable: true, description: 'Sets or replaces a team’s Microsoft Teams Workflows webhook URL. Admins only. Stored encrypted; no query returns it.' })
  setTeamsIntegration(@CurrentCaller() caller: Caller, @Args('input', { description: 'The team and its Workflows URL.' }) input: SetTeamsIntegrationInput): Promise<TeamIntegrationsPayload> {
    const { teamId, webhookUrl, clientMutationId } = input;
    return this.team(caller, teamId, new SetTeamsIntegrationCommand({ teamId, webhookUrl }, this.commands.context(caller, clientMutationId)));
  }

  @Mutation(() => TeamIntegrationsPayload, { nullable: true, description: 'Removes a team’s Slack integration; nothing happens when none is set. Admins only.' })
  clearSlackIntegration(@CurrentCaller() caller: Caller, @Args('input', { description: 'The team.' }) input: TeamIntegrationInput): Promise<TeamIntegrationsPayload> {
    return this.team(caller, input.teamId, new ClearChannelIntegrationCommand({ channel: 'SLACK', teamId: input.teamId }, this.commands.context(caller, input.clientMutationId)));
  }

  @Mutation(() => TeamIntegrationsPayload, { nullable: true, description: 'Removes a team’s Microsoft Teams integration; nothing happens when none is set. Admins only.' })
  clearTeamsIntegration(@CurrentCaller() caller: Caller, @Args('input', { description: 'The team.' }) input: TeamIntegrationInput): Promise<TeamIntegrationsPayload> {
    return this.team(caller, input.teamId, new ClearChannelIntegrationCommand({ channel: 'TEAMS', teamId: input.teamId }, this.commands.context(caller, input.clientMutationId)));
  }

  @Mutation(() => SmtpIntegrationPayload, { nullable: true, description: 'Sets or replaces the organisation’s own SMTP server for email nudges. Admins only. The password is stored encrypted; no query returns it.' })
  setSmtpIntegration(@CurrentCaller() caller: Caller, @Args('input', { description: 'The server and sender.' }) input: SetSmtpIntegrationInput): Promise<SmtpIntegrationPayload> {
    const { clientMutationId, ...settings } = input;
    const { password, ...rest } = settings;
    return this.smtp(caller, new SetSmtpIntegrationCommand({ ...rest, ...(password !== undefined && { password }) }, this.commands.context(caller, clientMutationId)));
  }

  @Mutation(() => SmtpIntegrationPayload, { nullable: true, description: 'Removes the organisation’s own SMTP server: the deployment’s default server sends its email again. Admins only.' })
  clearSmtpIntegration(@CurrentCaller() caller: Caller, @Args('input', { description: 'An idempotency key, if any.' }) input: ClearSmtpIntegrationInput): Promise<SmtpIntegrationPayload> {
    return this.smtp(caller, new ClearChannelIntegrationCommand({ channel: 'SMTP' }, this.commands.context(caller, input.clientMutationId)));
  }
}

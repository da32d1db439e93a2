import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MutationOutcome } from '../graphql/mutation-outcome';
import { MutationInput } from '../tenancy/tenancy.inputs';

export enum SlackIntegrationKindEnum {
  BOT_TOKEN = 'BOT_TOKEN',
  INCOMING_WEBHOOK = 'INCOMING_WEBHOOK',
}

registerEnumType(SlackIntegrationKindEnum, {
  name: 'SlackIntegrationKind',
  description: 'How Stepwise reaches Slack for a team.',
  valuesMap: {
    BOT_TOKEN: { description: 'A bot token (xoxb-…): direct messages to each member, at the Slack user id in their notification preferences.' },
    INCOMING_WEBHOOK: { description: 'An incoming webhook URL: posts to the one channel it was made for.' },
  },
});

const NEVER_SHOWN = 'The token or URL itself is stored encrypted and never shown.';

@ObjectType('SlackIntegration', { description: `A team’s Slack integration, as far as it may be shown. ${NEVER_SHOWN}` })
export class SlackIntegrationModel {
  @Field({ description: 'Whether Slack is set for the team.' })
  configured!: boolean;

  @Field(() => SlackIntegrationKindEnum, { nullable: true, description: 'A bot token or an incoming webhook; null when not configured.' })
  kind!: SlackIntegrationKindEnum | null;

  @Field(() => String, { nullable: true, description: 'The incoming webhook URL’s host (hooks.slack.com); null for a bot token or when not configured.' })
  webhookHost!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was last set; null when not configured.' })
  updatedAt!: Date | null;
}

@ObjectType('TeamsIntegration', { description: `A team’s Microsoft Teams (Workflows webhook) integration, as far as it may be shown. ${NEVER_SHOWN}` })
export class TeamsIntegrationModel {
  @Field({ description: 'Whether Teams is set for the team.' })
  configured!: boolean;

  @Field(() => String, { nullable: true, description: 'The Workflows URL’s host; null when not configured.' })
  host!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was last set; null when not configured.' })
  updatedAt!: Date | null;
}

@ObjectType('TeamIntegrations', { description: 'Where a team’s Slack and Teams nudges go. Admins only.' })
export class TeamIntegrationsModel {
  @Field(() => ID, { description: 'The team.' })
  teamId!: string;

  @Field(() => SlackIntegrationModel, { description: 'The team’s Slack integration.' })
  slack!: SlackIntegrationModel;

  @Field(() => TeamsIntegrationModel, { description: 'The team’s Microsoft Teams integration.' })
  teams!: TeamsIntegrationModel;
}

@ObjectType('SmtpIntegration', { description: 'The organisation’s own SMTP server for email nudges, as far as it may be shown; its password is stored encrypted and never shown. Admins only.' })
export class SmtpIntegrationModel {
  @Field({ description: 'Whether the organisation set its own server; false: the deployment’s default server sends its email.' })
  configured!: boolean;

  @Field(() => String, { nullable: true, description: 'The server’s host name; null when not configured.' })
  host!: string | null;

  @Field(() => Int, { nullable: true, description: 'The server’s port; null when not configured.' })
  port!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'TLS from the first byte (usually port 465); false: STARTTLS when offered. Null when not configured.' })
  secure!: boolean | null;

  @Field(() => String, { nullable: true, description: 'The user name Stepwise signs in with; null for none.' })
  username!: string | null;

  @Field({ description: 'Whether a password is set (it is never shown).' })
  passwordSet!: boolean;

  @Field(() => String, { nullable: true, description: 'The sender address of email nudges; null when not configured.' })
  fromAddress!: string | null;

  @Field(() => String, { nullable: true, description: 'The sender name of email nudges; null for none.' })
  fromName!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was last set; null when not configured.' })
  updatedAt!: Date | null;
}

@InputType({ description: 'A team’s Slack integration: exactly one of botToken and webhookUrl. It replaces what was set.' })
export class SetSlackIntegrationInput extends MutationInput {
  @Field(() => ID, { description: 'The team.' })
  teamId!: string;

  @Field(() => String, { nullable: true, description: 'A Slack bot token (xoxb-…), with the chat:write scope. Stored encrypted, never shown.' })
  botToken?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A Slack incoming webhook URL (https://hooks.slack.com/… or GovSlack’s https://hooks.slack-gov.com/…). Stored encrypted (anyone holding it can post), never shown; only its host is.',
  })
  webhookUrl?: string | null;
}

@InputType({ description: 'A team’s Microsoft Teams integration. It replaces what was set.' })
export class SetTeamsIntegrationInput extends MutationInput {
  @Field(() => ID, { description: 'The team.' })
  teamId!: string;

  @Field({
    description:
      'The URL of the Teams Workflows template “Post to a channel when a webhook request is received”. Retired Office 365 connector URLs are refused ' +
      '(reason RETIRED_OFFICE365_CONNECTOR). Stored encrypted, never shown; only its host is.',
  })
  webhookUrl!: string;
}

@InputType({ description: 'The organisation’s own SMTP server. It replaces what was set.' })
export class SetSmtpIntegrationInput extends MutationInput {
  @Field({ description: 'The server’s host name or IP address.' })
  host!: string;

  @Field(() => Int, { description: 'The server’s port, 1 to 65535 (587 for STARTTLS, 465 for TLS).' })
  port!: number;

  @Field({ description: 'TLS from the first byte (port 465); false: STARTTLS when the server offers it.' })
  secure!: boolean;

  @Field(() => String, { nullable: true, description: 'The user name to sign in with; null or omitted for none.' })
  username?: string | null;

  @Field(() => String, { nullable: true, description: 'The password; omitted keeps the current one (for the same host only: with another host it must be given again, or VALIDATION_FAILED names it), null removes it. Stored encrypted, never shown.' })
  password?: string | null;

  @Field({ description: 'The sender address of email nudges.' })
  fromAddress!: string;

  @Field(() => String, { nullable: true, description: 'The sender name of email nudges, one line of up to 100 characters.' })
  fromName?: string | null;
}

@InputType({ description: 'A team whose integration to clear.' })
export class TeamIntegrationInput extends MutationInput {
  @Field(() => ID, { description: 'The team.' })
  teamId!: string;
}

@InputType({ description: 'Clears the organisation’s own SMTP server.' })
export class ClearSmtpIntegrationInput extends MutationInput {}

@ObjectType({ description: 'What a team integration mutation answers.' })
export class TeamIntegrationsPayload {
  @Field(() => TeamIntegrationsModel, { description: 'The team’s integrations as they now read.' })
  integrations!: TeamIntegrationsModel;

  @Field(() => MutationOutcome, { description: 'What the write did to the team’s integrations stream.' })
  outcome!: MutationOutcome;
}

@ObjectType({ description: 'What an SMTP integration mutation answers.' })
export class SmtpIntegrationPayload {
  @Field(() => SmtpIntegrationModel, { description: 'The organisation’s SMTP server as it now reads.' })
  smtp!: SmtpIntegrationModel;

  @Field(() => MutationOutcome, { description: 'What the write did to the organisation’s SMTP stream.' })
  outcome!: MutationOutcome;
}

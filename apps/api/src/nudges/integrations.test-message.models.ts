import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum TestMessageChannelEnum {
  SLACK = 'SLACK',
  TEAMS = 'TEAMS',
  EMAIL = 'EMAIL',
  WEBHOOK = 'WEBHOOK',
}

registerEnumType(TestMessageChannelEnum, {
  name: 'TestMessageChannel',
  description: 'Which configured channel a test message goes through.',
  valuesMap: {
    SLACK: { description: 'A team’s Slack integration (teamId; for a bot token, the memberId whose Slack user id to message).' },
    TEAMS: { description: 'A team’s Microsoft Teams integration (teamId).' },
    EMAIL: { description: 'The organisation’s SMTP server, to a member’s email address (memberId).' },
    WEBHOOK: { description: 'A webhook endpoint (endpointId), signed as its deliveries are: with its current secret and, during a rotation, the one it replaced too (a signature each); the payload type is `test`.' },
  },
});

export enum TestMessageOutcomeKindEnum {
  DELIVERED = 'DELIVERED',
  RETRYABLE = 'RETRYABLE',
  PERMANENT = 'PERMANENT',
}

registerEnumType(TestMessageOutcomeKindEnum, {
  name: 'TestMessageOutcomeKind',
  description: 'What became of a test message.',
  valuesMap: {
    DELIVERED: { description: 'The receiver accepted it.' },
    RETRYABLE: { description: 'It failed in a way a later attempt could overcome (a timeout, 429, 5xx, a temporary SMTP failure).' },
    PERMANENT: { description: 'It failed in a way trying again cannot fix (a bad token or URL, a refused address, another 4xx).' },
  },
});

@InputType({ description: 'Where to send a test message.' })
export class SendTestMessageInput {
  @Field(() => TestMessageChannelEnum, { description: 'The channel to test.' })
  channel!: TestMessageChannelEnum;

  @Field(() => ID, { nullable: true, description: 'The team, for SLACK and TEAMS.' })
  teamId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The member to address, for EMAIL and a Slack bot token; you when omitted.' })
  memberId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The webhook endpoint, for WEBHOOK.' })
  endpointId?: string | null;
}

@ObjectType({ description: 'What the receiver answered to a test message. Nothing is recorded.' })
export class TestMessageOutcomeModel {
  @Field(() => TestMessageOutcomeKindEnum, { description: 'Delivered, or how it failed.' })
  kind!: TestMessageOutcomeKindEnum;

  @Field(() => Int, { nullable: true, description: 'The receiver’s HTTP status or SMTP reply code; null when none came back.' })
  statusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'The receiver’s answer or the failure, in a few words (never a secret).' })
  detail!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why no answer came back, when none did, as a code: PRIVATE_ADDRESS (the address is, or resolves to, a private, loopback or link-local one, refused unless STEPWISE_WEBHOOKS_ALLOW_HTTP), UNRESOLVABLE_HOST, INVALID_URL, UNSUPPORTED_SCHEME, HTTPS_REQUIRED (a Slack or Teams URL over plain http, or email whose unsubscribe link would be, under a plain-http STEPWISE_PUBLIC_URL; refused unless STEPWISE_WEBHOOKS_ALLOW_HTTP), RETIRED_OFFICE365_CONNECTOR, CREDENTIALS_IN_URL, TOO_MANY_REDIRECTS, REDIRECT_NOT_ALLOWED, RESPONSE_TOO_LARGE, TLS_REQUIRED (email: the organisation’s SMTP server has a password and did not offer STARTTLS, so nothing was sent; statusCode is its reply to STARTTLS) (all PERMANENT), TIMEOUT or CONNECTION_FAILED (RETRYABLE). Null when delivered, or when the receiver answered otherwise (statusCode and detail say what).',
  })
  reason!: string | null;
}

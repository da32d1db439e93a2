import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ATTEMPT_OUTCOMES, DELIVERY_STATES } from '@stepwise/nudges-infrastructure';
import { Connection } from '../graphql/connection';
import { InPlaceMutationOutcome } from '../graphql/mutation-outcome';
import { MutationInput } from '../tenancy/tenancy.inputs';
import { SuppressionReasonEnum } from './my-nudges.models';

const enumOf = <T extends string>(values: readonly T[]): { [K in T]: K } => Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const DeliveryKindEnum = enumOf(['MEMBER', 'WEBHOOK'] as const);
export const DeliveryStateEnum = enumOf(DELIVERY_STATES);
export const DeliveryChannelEnum = enumOf(['IN_APP', 'EMAIL', 'SLACK', 'TEAMS', 'WEBHOOK'] as const);
export const AttemptOutcomeEnum = enumOf(ATTEMPT_OUTCOMES);

registerEnumType(DeliveryKindEnum, {
  name: 'DeliveryKind',
  description: 'Who a delivery is for.',
  valuesMap: {
    MEMBER: { description: 'A nudge to its member, on their channel.' },
    WEBHOOK: { description: 'A nudge or a domain event to one of the organisation’s webhook endpoints.' },
  },
});
registerEnumType(DeliveryStateEnum, {
  name: 'DeliveryState',
  description: 'Where a delivery stands.',
  valuesMap: {
    PENDING: { description: 'Waiting for its first attempt.' },
    SENDING: { description: 'An attempt is under way.' },
    RETRYING: { description: 'An attempt failed in a way worth retrying; the next is at `nextAttemptAt`.' },
    DELIVERED: { description: 'Delivered.' },
    SUPPRESSED: { description: 'Not sent, for `suppressedReason`.' },
    DEAD: { description: 'Failed for good, or every attempt allowed failed: a dead letter, which an admin may replay.' },
  },
});
registerEnumType(DeliveryChannelEnum, {
  name: 'DeliveryChannel',
  description: 'The channel a delivery went (or goes) out on.',
  valuesMap: {
    IN_APP: { description: 'In the app.' },
    EMAIL: { description: 'By email.' },
    SLACK: { description: 'To Slack.' },
    TEAMS: { description: 'To Microsoft Teams.' },
    WEBHOOK: { description: 'To a webhook endpoint (signed per Standard Webhooks).' },
  },
});
registerEnumType(AttemptOutcomeEnum, {
  name: 'DeliveryAttemptOutcome',
  description: 'What one attempt came to.',
  valuesMap: {
    DELIVERED: { description: 'The receiver took it.' },
    RETRYABLE: { description: 'It failed in a way worth retrying (a timeout, 408, 429, 5xx, a dropped connection).' },
    PERMANENT: { description: 'It failed for good (another 4xx, a bad address, 410 Gone).' },
    UNKNOWN: { description: 'The process attempting it, or its database, stopped before the outcome was recorded: it may have arrived.' },
  },
});

@ObjectType('DeliveryAttempt', { description: 'One attempt of a delivery.' })
export class DeliveryAttemptModel {
  @Field(() => Int, { description: '1 for the first attempt.' })
  attemptNumber!: number;

  @Field({ description: 'When the attempt started.' })
  at!: Date;

  @Field({ description: 'The channel tried (IN_APP, EMAIL, SLACK, TEAMS or WEBHOOK).' })
  channel!: string;

  @Field(() => AttemptOutcomeEnum, { description: 'What it came to.' })
  outcome!: keyof typeof AttemptOutcomeEnum;

  @Field(() => Int, { nullable: true, description: 'The receiver’s status code (HTTP, or SMTP reply code); null when none came.' })
  statusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'What the receiver said, or what went wrong, shortened.' })
  detail!: string | null;

  @Field(() => Int, { nullable: true, description: 'How long it took, in milliseconds.' })
  durationMs!: number | null;
}

export const DeliveryAttemptConnection = Connection(DeliveryAttemptModel, 'DeliveryAttempt');

@ObjectType('Delivery', { description: 'One delivery of a nudge to its member, or of a nudge or domain event to a webhook endpoint, with its attempts. Admins only.' })
export class DeliveryModel {
  @Field(() => ID, { description: 'The delivery’s id: the same on every attempt (a webhook’s `webhook-id`).' })
  id!: string;

  @Field(() => DeliveryKindEnum, { description: 'Who it is for.' })
  kind!: keyof typeof DeliveryKindEnum;

  @Field(() => DeliveryStateEnum, { description: 'Where it stands.' })
  state!: keyof typeof DeliveryStateEnum;

  @Field(() => DeliveryChannelEnum, { nullable: true, description: 'The channel of its latest attempt; null before the first.' })
  channel!: keyof typeof DeliveryChannelEnum | null;

  @Field(() => String, { nullable: true, description: 'For a webhook: `nudge` or the domain event type it carries (StepTaken…); null for a member’s.' })
  eventType!: string | null;

  @Field(() => ID, { nullable: true, description: 'The nudge a webhook delivery carried, if it is a nudge; null for a member’s delivery, whose nudge id would tell which answer owed it.' })
  nudgeId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The member a member delivery is for; null for a webhook.' })
  recipientId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The webhook endpoint, for a webhook.' })
  endpointId!: string | null;

  @Field(() => SuppressionReasonEnum, { nullable: true, description: 'Why it was not sent; null unless SUPPRESSED.' })
  suppressedReason!: keyof typeof SuppressionReasonEnum | null;

  @Field(() => Int, { description: 'Attempts made so far.' })
  attemptCount!: number;

  @Field(() => Int, { description: 'Attempts allowed in all (a replay allows as many again).' })
  maxAttempts!: number;

  @Field({ description: 'When the next attempt is (or was) due.' })
  nextAttemptAt!: Date;

  @Field(() => AttemptOutcomeEnum, { nullable: true, description: 'What the latest attempt came to; null before the first.' })
  lastOutcome!: keyof typeof AttemptOutcomeEnum | null;

  @Field(() => Int, { nullable: true, description: 'The latest attempt’s status code, if one came.' })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'What the latest attempt’s receiver said, or what went wrong.' })
  lastDetail!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the latest attempt started.' })
  lastAttemptAt!: Date | null;

  @Field({ description: 'When it was owed.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was delivered, suppressed or died; null while it is still to go.' })
  finishedAt!: Date | null;

  @Field(() => Int, { description: 'How many times an admin replayed it.' })
  replays!: number;

  @Field(() => Date, { nullable: true, description: 'When it was last replayed.' })
  replayedAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The admin (a Member id) who last replayed it.' })
  replayedBy!: string | null;
}

export const DeliveryConnection = Connection(DeliveryModel, 'Delivery');

@InputType({ description: 'The dead letter to replay.' })
export class ReplayDeadLetterInput extends MutationInput {
  @Field(() => ID, { description: 'A dead delivery (a Delivery id) of your organisation: DELIVERY_NOT_DEAD for a dead letter replayed since and not dead now, DELIVERY_NOT_FOUND for any other id (one that was never a dead letter included, so an id tells nothing of whether a nudge was owed); a webhook delivery whose endpoint is disabled or no longer subscribed to its type is refused (WEBHOOK_ENDPOINT_DISABLED, WEBHOOK_ENDPOINT_UNSUBSCRIBED) with nothing changed: enable or subscribe the endpoint first; one whose endpoint was removed is refused too (WEBHOOK_ENDPOINT_REMOVED): nothing could receive it.' })
  deliveryId!: string;
}

@ObjectType({ description: 'The replayed delivery.' })
export class ReplayDeadLetterPayload {
  @Field(() => DeliveryModel, {
    nullable: true,
    description: 'The delivery, PENDING again with a fresh attempt budget; on a retry (outcome.replayed), as it now reads. Null, with an error on this field alone, if it could not be read (the replay stands: see outcome).',
  })
  delivery!: DeliveryModel | null;

  @Field(() => InPlaceMutationOutcome, { description: 'Whether this was a retry of a replay already applied.' })
  outcome!: InPlaceMutationOutcome;
}

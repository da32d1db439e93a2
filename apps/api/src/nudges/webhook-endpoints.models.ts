import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { SECRET_GRACE_MINUTES_RANGE, WEBHOOK_DESCRIPTION_MAX_LENGTH, WEBHOOK_URL_MAX_LENGTH } from '@stepwise/nudges-domain';
import { Connection } from '../graphql/connection';
import { MutationOutcome } from '../graphql/mutation-outcome';
import { MutationInput } from '../tenancy/tenancy.inputs';
import { WebhookDisabledReasonEnum, WebhookEndpointStatusEnum } from './nudges.enums';
import type { ReadAfterWrite } from '../graphql/read-after-write';

const SUBSCRIPTIONS = 'Domain event type names (see webhookSubscriptionTypes) and `nudge` for every nudge; at least one, each once.';
const SECRET_INPUT =
  'Your own signing secret, `whsec_` and the base64 of 24 to 64 random bytes (Standard Webhooks). Omit it and Stepwise generates one and ' +
  'answers it once, in signingSecret. Either way it is stored encrypted and no query ever returns it.';

@ObjectType('WebhookEndpoint', {
  description: 'Where Stepwise POSTs the events and nudges an organisation subscribes to, signed per Standard Webhooks. Admins only; its signing secrets are never shown.',
})
export class WebhookEndpointModel {
  @Field(() => ID, { description: 'The endpoint’s id (a UUID).' })
  id!: string;

  @Field({ description: 'The https URL deliveries are POSTed to.' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'What the endpoint is for, up to 200 characters.' })
  description!: string | null;

  @Field(() => [String], { description: 'What is delivered to it: event type names, and `nudge` for every nudge.' })
  subscriptions!: string[];

  @Field(() => WebhookEndpointStatusEnum, { description: 'Whether deliveries go to it.' })
  status!: WebhookEndpointStatusEnum;

  @Field(() => WebhookDisabledReasonEnum, { nullable: true, description: 'Why it is disabled; null while ACTIVE.' })
  disabledReason!: WebhookDisabledReasonEnum | null;

  @Field(() => Int, { nullable: true, description: 'The receiver’s HTTP status that made delivery disable it (GONE: 410); null otherwise.' })
  disabledStatusCode!: number | null;

  @Field(() => Date, { nullable: true, description: 'When it was disabled; null while ACTIVE.' })
  disabledAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When its signing secret was last rotated; null while it signs with the secret it was registered with.' })
  secretRotatedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Until when the secret the last rotation replaced still verifies (deliveries carry a signature with each valid secret); null when no rotation left one. A past instant means it has expired.',
  })
  previousSecretExpiresAt!: Date | null;

  @Field({ description: 'When it was registered.' })
  createdAt!: Date;

  @Field({ description: 'When it last changed.' })
  updatedAt!: Date;
}

export const WebhookEndpointConnection = Connection(WebhookEndpointModel, 'WebhookEndpoint');

@InputType({ description: 'A new webhook endpoint.' })
export class RegisterWebhookEndpointInput extends MutationInput {
  @Field({ description: `An https URL without credentials or fragment, up to ${WEBHOOK_URL_MAX_LENGTH} characters.` })
  url!: string;

  @Field(() => String, { nullable: true, description: `What it is for, up to ${WEBHOOK_DESCRIPTION_MAX_LENGTH} characters.` })
  description?: string | null;

  @Field(() => [String], { description: SUBSCRIPTIONS })
  subscriptions!: string[];

  @Field(() => String, { nullable: true, description: SECRET_INPUT })
  secret?: string | null;
}

@InputType({ description: 'A change to a webhook endpoint; omitted fields stay as they are.' })
export class UpdateWebhookEndpointInput extends MutationInput {
  @Field(() => ID, { description: 'The endpoint (a WebhookEndpoint id).' })
  endpointId!: string;

  @Field(() => String, { nullable: true, description: `A new https URL, up to ${WEBHOOK_URL_MAX_LENGTH} characters; omitted or null leaves it.` })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'A new description; an explicit null clears it, omitting the field leaves it.' })
  description?: string | null;

  @Field(() => [String], { nullable: true, description: `The new subscriptions (replace the list); omitted or null leaves them. ${SUBSCRIPTIONS}` })
  subscriptions?: string[] | null;
}

@InputType({ description: 'A new signing secret for an endpoint; the replaced one keeps verifying for a grace period, so receivers switch without downtime.' })
export class RotateWebhookSecretInput extends MutationInput {
  @Field(() => ID, { description: 'The endpoint (a WebhookEndpoint id).' })
  endpointId!: string;

  @Field(() => String, { nullable: true, description: SECRET_INPUT })
  secret?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Minutes the replaced secret still verifies, ${SECRET_GRACE_MINUTES_RANGE.min} to ${SECRET_GRACE_MINUTES_RANGE.max}; 1440 (24 hours) when omitted. End it early with expirePreviousWebhookSecret.`,
  })
  gracePeriodMinutes?: number | null;
}

@InputType({ description: 'A webhook endpoint to act on.' })
export class WebhookEndpointInput extends MutationInput {
  @Field(() => ID, { description: 'The endpoint (a WebhookEndpoint id).' })
  endpointId!: string;
}

@ObjectType({ description: 'What a webhook endpoint mutation answers.' })
export class WebhookEndpointPayload {
  @Field(() => ID, { description: 'The endpoint the mutation was about.' })
  endpointId!: string;

  @Field(() => WebhookEndpointModel, { nullable: true, description: 'The endpoint as it now reads; null once removed, or if the read models had not caught up in time. Null too, with an error on this field alone (such as DATABASE_UNAVAILABLE), if it could not be read after the write.' })
  endpoint!: ReadAfterWrite<WebhookEndpointModel | null>;

  @Field(() => MutationOutcome, { description: 'What the write did to the endpoint’s stream.' })
  outcome!: MutationOutcome;
}

@ObjectType({ description: 'What registerWebhookEndpoint and rotateWebhookSecret answer: the endpoint, and a generated secret shown once.' })
export class WebhookSecretPayload extends WebhookEndpointPayload {
  @Field(() => String, {
    nullable: true,
    description:
      'The signing secret Stepwise generated, shown once: here (and to an identical retry with the same clientMutationId), never by any query. ' +
      'Store it now. Null when you supplied the secret.',
  })
  signingSecret!: string | null;
}

import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ExpirePreviousWebhookSecretCommand, RotateWebhookSecretCommand } from '@stepwise/nudges-application';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { CommandSender } from '../commands/command-sender';
import { WebhookEndpointPayloads } from './webhook-endpoint-payloads';
import { RotateWebhookSecretInput, WebhookEndpointInput, WebhookEndpointModel, WebhookEndpointPayload, WebhookSecretPayload } from './webhook-endpoints.models';

/** Rotating a webhook endpoint's signing secret without downtime: two secrets verify until the grace period ends. Admins only. */
@Resolver(() => WebhookEndpointModel)
export class WebhookSecretsResolver {
  constructor(
    private readonly commands: CommandSender,
    private readonly payloads: WebhookEndpointPayloads,
  ) {}

  @Mutation(() => WebhookSecretPayload, { nullable: true,
    description:
      'Replaces an endpoint’s signing secret. Deliveries are signed with both secrets until the replaced one expires (previousSecretExpiresAt, 24 hours by default), ' +
      'so the receiver can switch without missing one. Without a secret of yours, Stepwise generates one and answers it once, in signingSecret. Admins only.',
  })
  async rotateWebhookSecret(
    @CurrentCaller() caller: Caller,
    @Args('input', { description: 'The endpoint, optionally the new secret and the grace period.' }) input: RotateWebhookSecretInput,
  ): Promise<WebhookSecretPayload> {
    const command = new RotateWebhookSecretCommand(
      { endpointId: input.endpointId, secret: input.secret ?? null, ...(input.gracePeriodMinutes !== undefined && input.gracePeriodMinutes !== null && { gracePeriodMinutes: input.gracePeriodMinutes }) },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => WebhookEndpointPayload, { nullable: true, description: 'Ends the replaced secret’s grace period now: from here only the current secret signs. Admins only.' })
  async expirePreviousWebhookSecret(
    @CurrentCaller() caller: Caller,
    @Args('input', { description: 'The endpoint.' }) input: WebhookEndpointInput,
  ): Promise<WebhookEndpointPayload> {
    const command = new ExpirePreviousWebhookSecretCommand({ endpointId: input.endpointId }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }
}

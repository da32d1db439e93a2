import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { RegisterWebhookEndpointCommand, UpdateWebhookEndpointCommand } from '@stepwise/nudges-application';
import { MAX_WEBHOOK_ENDPOINTS_PER_ORGANISATION } from '@stepwise/nudges-domain';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { CommandSender } from '../commands/command-sender';
import { WebhookEndpointPayloads } from './webhook-endpoint-payloads';
import { RegisterWebhookEndpointInput, UpdateWebhookEndpointInput, WebhookEndpointModel, WebhookEndpointPayload, WebhookSecretPayload } from './webhook-endpoints.models';

/** Registering and changing webhook endpoints. Admins only (the decider enforces it). */
@Resolver(() => WebhookEndpointModel)
export class WebhookEndpointsResolver {
  constructor(
    private readonly commands: CommandSender,
    private readonly payloads: WebhookEndpointPayloads,
  ) {}

  @Mutation(() => WebhookSecretPayload, { nullable: true,
    description:
      'Registers a webhook endpoint. Admins only. Without a secret of yours, Stepwise generates one and answers it once, in signingSecret. ' +
      'A plain-http URL fails with VALIDATION_FAILED (reason HTTPS_REQUIRED), and one on a private, loopback or link-local address or localhost with reason PRIVATE_ADDRESS, unless the deployment allows both for local development. ' +
      'A URL another endpoint of the organisation already posts to (enabled or disabled, compared as normalised) fails with WEBHOOK_URL_TAKEN, naming that endpoint in `endpointId`: change its subscriptions instead. ' +
      `An organisation has at most ${MAX_WEBHOOK_ENDPOINTS_PER_ORGANISATION} endpoints, disabled ones included: one more fails with WEBHOOK_ENDPOINT_LIMIT_REACHED (remove one first).`,
  })
  async registerWebhookEndpoint(
    @CurrentCaller() caller: Caller,
    @Args('input', { description: 'The endpoint’s URL, what it subscribes to, and optionally its secret.' }) input: RegisterWebhookEndpointInput,
  ): Promise<WebhookSecretPayload> {
    const command = new RegisterWebhookEndpointCommand(
      { url: input.url, description: input.description ?? null, subscriptions: input.subscriptions, secret: input.secret ?? null },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => WebhookEndpointPayload, {
    nullable: true,
    description:
      'Changes a webhook endpoint’s URL, description or subscriptions. Admins only. A URL another endpoint of the organisation already posts to fails with WEBHOOK_URL_TAKEN, naming it in `endpointId`.',
  })
  async updateWebhookEndpoint(
    @CurrentCaller() caller: Caller,
    @Args('input', { description: 'The endpoint and what to change.' }) input: UpdateWebhookEndpointInput,
  ): Promise<WebhookEndpointPayload> {
    const command = new UpdateWebhookEndpointCommand(
      {
        endpointId: input.endpointId,
        ...(input.url !== undefined && input.url !== null && { url: input.url }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.subscriptions !== undefined && input.subscriptions !== null && { subscriptions: input.subscriptions }),
      },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.payloads.of(caller, await this.commands.send(command));
  }
}

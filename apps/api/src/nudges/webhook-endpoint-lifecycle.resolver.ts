import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { DisableWebhookEndpointCommand, EnableWebhookEndpointCommand, RemoveWebhookEndpointCommand } from '@stepwise/nudges-application';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { CommandSender } from '../commands/command-sender';
import { WebhookEndpointPayloads } from './webhook-endpoint-payloads';
import { WebhookEndpointInput, WebhookEndpointModel, WebhookEndpointPayload } from './webhook-endpoints.models';

/** Turning webhook endpoints off and on, and removing them. Admins only. */
@Resolver(() => WebhookEndpointModel)
export class WebhookEndpointLifecycleResolver {
  constructor(
    private readonly commands: CommandSender,
    private readonly payloads: WebhookEndpointPayloads,
  ) {}

  @Mutation(() => WebhookEndpointPayload, { nullable: true, description: 'Stops deliveries to an endpoint until it is enabled again (disabledReason ADMIN). Admins only.' })
  async disableWebhookEndpoint(@CurrentCaller() caller: Caller, @Args('input', { description: 'The endpoint.' }) input: WebhookEndpointInput): Promise<WebhookEndpointPayload> {
    const command = new DisableWebhookEndpointCommand({ endpointId: input.endpointId, reason: 'ADMIN' }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => WebhookEndpointPayload, { nullable: true, description: 'Resumes deliveries to a disabled endpoint, whoever disabled it. Admins only.' })
  async enableWebhookEndpoint(@CurrentCaller() caller: Caller, @Args('input', { description: 'The endpoint.' }) input: WebhookEndpointInput): Promise<WebhookEndpointPayload> {
    const command = new EnableWebhookEndpointCommand({ endpointId: input.endpointId }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => WebhookEndpointPayload, { nullable: true, description: 'Removes an endpoint for good; its secrets go with it. Admins only.' })
  async removeWebhookEndpoint(@CurrentCaller() caller: Caller, @Args('input', { description: 'The endpoint.' }) input: WebhookEndpointInput): Promise<WebhookEndpointPayload> {
    const command = new RemoveWebhookEndpointCommand({ endpointId: input.endpointId }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }
}

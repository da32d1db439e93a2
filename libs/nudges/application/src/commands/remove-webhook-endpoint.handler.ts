import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { decideOnWebhookEndpoint } from './decide-on-webhook-endpoint';
import type { WebhookEndpointCommandResult } from './nudges-command.result';
import { RemoveWebhookEndpointCommand } from './remove-webhook-endpoint.command';

@CommandHandler(RemoveWebhookEndpointCommand)
export class RemoveWebhookEndpointHandler implements ICommandHandler<RemoveWebhookEndpointCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: RemoveWebhookEndpointCommand): Promise<WebhookEndpointCommandResult> {
    const data = { ...input, organisationId: context.tenantId };
    const result = await decideOnWebhookEndpoint({ store: this.store, clock: this.clock }, { type: 'RemoveWebhookEndpoint', data }, context, input);
    return { ...result, signingSecret: null };
  }
}

import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { RemoveWebhookEndpoint } from '@stepwise/nudges-domain';
import type { WebhookEndpointCommandResult } from './nudges-command.result';

/** An admin removes an endpoint for good; its id is never used again. */
export class RemoveWebhookEndpointCommand extends Command<WebhookEndpointCommandResult> {
  constructor(
    readonly input: Omit<RemoveWebhookEndpoint['data'], 'organisationId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { UpdateWebhookEndpoint } from '@stepwise/nudges-domain';
import type { WebhookEndpointCommandResult } from './nudges-command.result';

/** An admin changes an endpoint's url, description or subscriptions; omitted fields stay. */
export class UpdateWebhookEndpointCommand extends Command<WebhookEndpointCommandResult> {
  constructor(
    readonly input: Omit<UpdateWebhookEndpoint['data'], 'organisationId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { EnableWebhookEndpoint } from '@stepwise/nudges-domain';
import type { WebhookEndpointCommandResult } from './nudges-command.result';

/** An admin resumes deliveries to a disabled endpoint. */
export class EnableWebhookEndpointCommand extends Command<WebhookEndpointCommandResult> {
  constructor(
    readonly input: Omit<EnableWebhookEndpoint['data'], 'organisationId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

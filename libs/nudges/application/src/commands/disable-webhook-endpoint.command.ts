import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { DisableWebhookEndpoint } from '@stepwise/nudges-domain';
import type { WebhookEndpointCommandResult } from './nudges-command.result';

/** Stops deliveries to an endpoint: by an admin (reason ADMIN), or by webhook delivery when the receiver answered 410 (reason GONE, with the status code, in webhookDeliveryContext). */
export class DisableWebhookEndpointCommand extends Command<WebhookEndpointCommandResult> {
  constructor(
    readonly input: Omit<DisableWebhookEndpoint['data'], 'organisationId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { ExpirePreviousWebhookSecret } from '@stepwise/nudges-domain';
import type { WebhookEndpointCommandResult } from './nudges-command.result';

/** An admin ends the rotated-out secret's grace period now: from here only the current secret verifies. */
export class ExpirePreviousWebhookSecretCommand extends Command<WebhookEndpointCommandResult> {
  constructor(
    readonly input: Omit<ExpirePreviousWebhookSecret['data'], 'organisationId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

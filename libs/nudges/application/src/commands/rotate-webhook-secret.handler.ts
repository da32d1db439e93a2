import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { refuseUnlessWebhooksAdmin } from '@stepwise/nudges-domain';
import { CLOCK, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { SECRET_SEALER, type SecretSealer } from '../secret-sealer.port';
import { decideOnWebhookEndpoint } from './decide-on-webhook-endpoint';
import type { WebhookEndpointCommandResult } from './nudges-command.result';
import { RotateWebhookSecretCommand } from './rotate-webhook-secret.command';
import { chooseSecret, revealedSecret } from './signing-secret';

@CommandHandler(RotateWebhookSecretCommand)
export class RotateWebhookSecretHandler implements ICommandHandler<RotateWebhookSecretCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SECRET_SEALER) private readonly sealer: SecretSealer,
  ) {}

  async execute({ input, context }: RotateWebhookSecretCommand): Promise<WebhookEndpointCommandResult> {
    refuseUnlessWebhooksAdmin(context.orgRole);
    const secret = await chooseSecret(this.sealer, input.secret);
    const { endpointId, gracePeriodMinutes } = input;
    const result = await decideOnWebhookEndpoint(
      { store: this.store, clock: this.clock },
      { type: 'RotateWebhookSecret', data: { organisationId: context.tenantId, endpointId, sealedSecret: secret.sealedSecret, gracePeriodMinutes } },
      context,
      { endpointId, gracePeriodMinutes, secret: secret.asked },
    );
    return { ...result, signingSecret: await revealedSecret(this.sealer, secret, result, this.clock.now()) };
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { refuseUnlessWebhooksAdmin } from '@stepwise/nudges-domain';
import { CLOCK, derivedId, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { NUDGES_READ_MODEL, type NudgesReadModel } from '../nudges-read.port';
import { SECRET_SEALER, type SecretSealer } from '../secret-sealer.port';
import { assertWebhookUrlAllowed, WEBHOOK_URL_POLICY, type WebhookUrlPolicy } from '../webhook-url.policy';
import { decideOnWebhookEndpoint } from './decide-on-webhook-endpoint';
import type { WebhookEndpointCommandResult } from './nudges-command.result';
import { RegisterWebhookEndpointCommand } from './register-webhook-endpoint.command';
import { chooseSecret, revealedSecret } from './signing-secret';

@CommandHandler(RegisterWebhookEndpointCommand)
export class RegisterWebhookEndpointHandler implements ICommandHandler<RegisterWebhookEndpointCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SECRET_SEALER) private readonly sealer: SecretSealer,
    @Inject(WEBHOOK_URL_POLICY) private readonly urlPolicy: WebhookUrlPolicy,
    @Inject(NUDGES_READ_MODEL) private readonly endpoints: Pick<NudgesReadModel, 'webhookEndpointUrls'>,
  ) {}

  async execute({ input, context }: RegisterWebhookEndpointCommand): Promise<WebhookEndpointCommandResult> {
    refuseUnlessWebhooksAdmin(context.orgRole);
    assertWebhookUrlAllowed(this.urlPolicy, input.url);
    const endpointId = derivedId(context, 'webhook-endpoint');
    const secret = await chooseSecret(this.sealer, input.secret);
    const { url, description, subscriptions } = input;
    const result = await decideOnWebhookEndpoint(
      { store: this.store, clock: this.clock },
      {
        type: 'RegisterWebhookEndpoint',
        data: { organisationId: context.tenantId, endpointId, url, description, subscriptions, sealedSecret: secret.sealedSecret },
      },
      context,
      { url, description, subscriptions, secret: secret.asked },
      // From the read table the mutation waits on: registrations racing each other can each miss the others.
      async () => ({ endpointUrls: await this.endpoints.webhookEndpointUrls(context.tenantId) }),
    );
    return { ...result, signingSecret: await revealedSecret(this.sealer, secret, result, this.clock.now()) };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { WebhookEndpointCommandResult } from '@stepwise/nudges-application';
import { canManageWebhookEndpoints, NUDGES_READ_MODEL, type NudgesReadModel } from '@stepwise/nudges-application/read';
import type { Caller } from '../auth/caller';
import type { SentCommand } from '../commands/command-sender';
import { toOutcome } from '../graphql/mutation-outcome';
import { toWebhookEndpointModel } from './nudges.mappers';
import type { WebhookSecretPayload } from './webhook-endpoints.models';
import { readAfterWrite } from '../graphql/read-after-write';

/** A webhook endpoint mutation's answer: the endpoint as it now reads, the outcome, and a generated secret (shown once). */
@Injectable()
export class WebhookEndpointPayloads {
  constructor(@Inject(NUDGES_READ_MODEL) private readonly nudges: NudgesReadModel) {}

  async of(caller: Caller, sent: SentCommand<WebhookEndpointCommandResult>): Promise<WebhookSecretPayload> {
    // The secret is shown once: it must reach the client even if the endpoint cannot be read back.
    const endpoint = readAfterWrite(async () => {
      // A replay answers as the caller is now: an admin made MEMBER since reads no endpoint.
      if (!canManageWebhookEndpoints(caller)) return null;
      const read = await this.nudges.webhookEndpoint(caller.organisationId, sent.endpointId);
      return read ? toWebhookEndpointModel(read) : null;
    });
    return { endpointId: sent.endpointId, endpoint, signingSecret: sent.signingSecret, outcome: toOutcome(sent) };
  }
}

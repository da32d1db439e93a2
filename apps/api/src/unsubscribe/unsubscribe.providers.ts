/** What the api needs for one-click unsubscribe: the link verifier (the answer-link key, its own purpose), the use case and the controller. */
import type { Provider } from '@nestjs/common';
import { UnsubscribeFromRule } from '@stepwise/nudges-application';
import { UNSUBSCRIBE_LINK_VERIFIER } from '@stepwise/nudges-application/read';
import { openUnsubscribeLinkSigner } from '@stepwise/nudges-infrastructure';
import type { ApiConfig } from '../config/api.config';
import { UnsubscribeController } from './unsubscribe.controller';

export const unsubscribeProviders = (config: ApiConfig): Provider[] => [
  { provide: UNSUBSCRIBE_LINK_VERIFIER, useFactory: () => openUnsubscribeLinkSigner(config.answerLinks) },
  UnsubscribeFromRule,
];

export const unsubscribeControllers = [UnsubscribeController];

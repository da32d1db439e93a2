/**
 * What the api needs for one-tap answers: the link signer (its key from configuration, or made on
 * first use), the record of used links, the use case's handler and reader, what posts a Slack tap's
 * outcome to its response_url, and the two controllers.
 */
import type { Provider } from '@nestjs/common';
import { ANSWER_LINK_USES, ANSWER_LINK_VERIFIER, AnswerLinkReader, answerLinkHandlers } from '@stepwise/journeys-application';
import { openAnswerLinkSigner, SlackResponseUrlSender, SqlAnswerLinkUses } from '@stepwise/nudges-infrastructure';
import type { Runtime } from '@stepwise/platform';
import type { ApiConfig } from '../config/api.config';
import { AnswerPageController } from './answer-page.controller';
import { SlackInteractionsController } from './slack-interactions.controller';

export const answerLinkProviders = (runtime: Runtime, config: ApiConfig): Provider[] => [
  { provide: ANSWER_LINK_VERIFIER, useFactory: () => openAnswerLinkSigner(config.answerLinks) },
  { provide: ANSWER_LINK_USES, useValue: new SqlAnswerLinkUses(runtime.database) },
  AnswerLinkReader,
  ...answerLinkHandlers,
  // Plain http and any host only where webhooks may use them (STEPWISE_WEBHOOKS_ALLOW_HTTP).
  { provide: SlackResponseUrlSender, useFactory: () => new SlackResponseUrlSender({ allowPrivateAddresses: config.webhooks.allowHttp, logger: runtime.logger }) },
];

export const answerLinkControllers = [AnswerPageController, SlackInteractionsController];

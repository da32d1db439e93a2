import { All, Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { AnswerLinkReader, AnswerReflectionNudgeCommand } from '@stepwise/journeys-application';
import { AnswerLinkInvalidError, closerChoice } from '@stepwise/nudges-domain';
import { ANSWER_PATH } from '@stepwise/nudges-infrastructure';
import { currentCorrelationId, newCorrelationId, RUNTIME, type Runtime } from '@stepwise/platform';
import { READ_MODELS_PROCESSOR, waitForPosition } from '@stepwise/projections';
import { API_CONFIG } from '../config/api-config.token';
import type { ApiConfig } from '../config/api.config';
import { AnswerPageFilter } from './answer-page.filter';
import { closerPage, comfortPage, recordedPage, refusedPage } from './answer-page.html';
import { answerOtherMethod } from './other-methods';
import { sendPage } from './send-page';

/**
 * One-tap answers from a nudge, without logging in: the signed link stands for the member, and is
 * checked here (the GraphQL guard lets non-GraphQL requests through). GET only shows a page; the
 * POST of the comfort form records.
 */
@Controller(ANSWER_PATH)
@UseFilters(AnswerPageFilter)
export class AnswerPageController {
  constructor(
    private readonly links: AnswerLinkReader,
    private readonly commandBus: CommandBus,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Query('closer') closer: unknown, @Res() response: Response): Promise<void> {
    await this.links.open(token, currentCorrelationId() ?? newCorrelationId());
    sendPage(response, closer === undefined ? closerPage() : comfortPage(closerChoice(closer)));
  }

  @Post(':token')
  async answer(@Param('token') token: string, @Body() form: Record<string, unknown> | undefined, @Res() response: Response): Promise<void> {
    const answer = { closer: form?.closer, comfort: form?.comfort };
    const result = await this.commandBus.execute(new AnswerReflectionNudgeCommand(token, answer, 'LINK', currentCorrelationId() ?? newCorrelationId()));
    // The leader's views show the reflection by the time the member reads "recorded" (bounded).
    if (result.outcome.position) {
      await waitForPosition(this.runtime.database, READ_MODELS_PROCESSOR, result.outcome.position, this.config.readYourWritesTimeoutMs);
    }
    sendPage(response, recordedPage(result.answer.closer, result.answer.comfort));
  }

  /** No token, or more path after it: not a link Stepwise made. */
  @All(['', ':token/*rest'])
  malformed(): never {
    throw new AnswerLinkInvalidError('MALFORMED');
  }

  /** After GET (which takes HEAD too) and POST: any other method. */
  @All(':token')
  other(@Req() request: Request, @Res() response: Response): void {
    answerOtherMethod(request.method, response, (status, code, message) => refusedPage(status, code, message));
  }
}

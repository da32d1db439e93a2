import { All, Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { UnsubscribeFromRule } from '@stepwise/nudges-application';
import { UnsubscribeLinkInvalidError } from '@stepwise/nudges-domain';
import { UNSUBSCRIBE_PATH } from '@stepwise/nudges-infrastructure';
import { currentCorrelationId, newCorrelationId, RUNTIME, type Runtime } from '@stepwise/platform';
import { READ_MODELS_PROCESSOR, waitForPosition } from '@stepwise/projections';
import { answerOtherMethod } from '../answers/other-methods';
import { sendPage } from '../answers/send-page';
import { API_CONFIG } from '../config/api-config.token';
import type { ApiConfig } from '../config/api.config';
import { confirmUnsubscribePage, noLongerAMemberPage, unsubscribedPage, unsubscribeRefusedPage } from './unsubscribe-page.html';
import { UnsubscribePageFilter } from './unsubscribe-page.filter';

/**
 * One-click unsubscribe (RFC 8058) without logging in: the signed link stands for the member. A mail
 * client POSTs `List-Unsubscribe=One-Click` to the List-Unsubscribe URL; a person who opens it gets a
 * page whose button does the same POST. GET never writes.
 */
@Controller(UNSUBSCRIBE_PATH)
@UseFilters(UnsubscribePageFilter)
export class UnsubscribeController {
  constructor(
    private readonly unsubscribing: UnsubscribeFromRule,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const { claims, isMember } = await this.unsubscribing.open(token, currentCorrelationId() ?? newCorrelationId());
    sendPage(response, isMember ? confirmUnsubscribePage(claims.rule) : noLongerAMemberPage());
  }

  @Post(':token')
  async unsubscribe(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const { claims, outcome } = await this.unsubscribing.unsubscribe(token, currentCorrelationId() ?? newCorrelationId());
    if (outcome === null) return sendPage(response, noLongerAMemberPage());
    // The member's preferences show the rule off by the time the page says so (bounded).
    if (outcome.position) await waitForPosition(this.runtime.database, READ_MODELS_PROCESSOR, outcome.position, this.config.readYourWritesTimeoutMs);
    sendPage(response, unsubscribedPage(claims.rule));
  }

  /** No token, or more path after it: not a link Stepwise made. */
  @All(['', ':token/*rest'])
  malformed(): never {
    throw new UnsubscribeLinkInvalidError('MALFORMED');
  }

  /** After GET (which takes HEAD too) and POST: any other method. */
  @All(':token')
  other(@Req() request: Request, @Res() response: Response): void {
    answerOtherMethod(request.method, response, unsubscribeRefusedPage);
  }
}

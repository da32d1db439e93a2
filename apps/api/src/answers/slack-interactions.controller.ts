import { All, Controller, Headers, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { CLOCK } from '@stepwise/command-handling';
import { AnswerLinkReader, AnswerReflectionNudgeCommand } from '@stepwise/journeys-application';
import { isDatabaseUnavailable } from '@stepwise/database';
import { isCodedError, type Clock } from '@stepwise/kernel';
import {
  CLOSER_LABELS,
  parseSlackInteraction,
  SlackResponseUrlSender,
  slackResponseUrlOf,
  SlackSignatureInvalidError,
  verifySlackRequest,
  type SlackResponseMessage,
} from '@stepwise/nudges-infrastructure';
import { currentCorrelationId, newCorrelationId, RUNTIME, type Runtime } from '@stepwise/platform';
import { API_CONFIG } from '../config/api-config.token';
import type { ApiConfig } from '../config/api.config';
import { describeRefusal } from './answer-refusal';
import { SLACK_INTERACTIONS_PATH } from './slack-raw-body';

/** What Slack shows the person who tapped: the message replaced by the outcome, or a note only they see. */
const replaced = (text: string): SlackResponseMessage => ({ replace_original: true, text });
const toTapperOnly = (text: string): SlackResponseMessage => ({ response_type: 'ephemeral', replace_original: false, text });

/**
 * Slack's interactive buttons on reflection nudges. Only a request Slack signed, within five minutes
 * of now, is read; the button's value carries the same signed answer link the email buttons do, so
 * the answer is recorded as that link's member. Slack wants 200 within 3 seconds: the reply does not
 * wait for the read models. Slack ignores the reply's body for a button's tap, so the outcome is then
 * posted to the tap's `response_url` too (SlackResponseUrlSender), without holding up the reply.
 */
@Controller()
export class SlackInteractionsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly links: AnswerLinkReader,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly responseUrl: SlackResponseUrlSender,
  ) {}

  @Post(SLACK_INTERACTIONS_PATH.slice(1))
  @HttpCode(200)
  async interact(
    @Req() request: Request,
    @Headers('x-slack-request-timestamp') timestamp: string | undefined,
    @Headers('x-slack-signature') signature: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const secret = this.config.slack.signingSecret;
    if (!secret) {
      response.status(404).json({ statusCode: 404, code: 'SLACK_NOT_CONFIGURED', message: 'No Slack app is configured for this Stepwise' });
      return;
    }
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    try {
      verifySlackRequest(secret, { timestamp, signature, rawBody }, this.clock.now());
    } catch (error) {
      if (!(error instanceof SlackSignatureInvalidError)) throw error;
      this.runtime.logger.warn({ code: error.code, reason: error.problem }, 'Slack interaction refused');
      response.status(401).json({ statusCode: 401, code: error.code, message: error.message, details: error.details });
      return;
    }
    const payload = new URLSearchParams(rawBody.toString('utf8')).get('payload') ?? undefined;
    let outcome: SlackResponseMessage | null;
    try {
      outcome = await this.reply(payload);
      response.status(200).json(outcome ?? {});
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      const unavailable = this.databaseUnavailable(error);
      outcome = unavailable.outcome;
      response.status(503).json(unavailable.body);
    }
    // After the reply has gone: it never waits for Slack, and what happens here changes no answer.
    if (outcome) void this.responseUrl.send(slackResponseUrlOf(payload), outcome);
  }

  /** Slack only ever POSTs here. */
  @All(SLACK_INTERACTIONS_PATH.slice(1))
  other(@Res() response: Response): void {
    response.status(405).set('allow', 'POST').json({ statusCode: 405, code: 'METHOD_NOT_ALLOWED', message: 'Slack interactions are POSTed' });
  }

  /**
   * The coded body, with a note Slack can show the tapper. Not "nothing was recorded": the session
   * may have been lost after the answer committed; tapped again, an answer already recorded is
   * shown as recorded (ANSWER_LINK_USED), never recorded twice.
   */
  private databaseUnavailable(error: unknown): { body: Record<string, unknown>; outcome: SlackResponseMessage } {
    const correlationId = currentCorrelationId();
    this.runtime.logger.warn(
      { code: 'DATABASE_UNAVAILABLE', reason: error instanceof Error ? error.message : String(error), correlationId },
      'database unavailable answering a nudge from Slack',
    );
    const message = 'We could not reach our records just now, so your answer may not have been recorded. Please tap again in a moment: an answer already recorded is shown, never recorded twice.';
    const outcome = toTapperOnly(`${message} (DATABASE_UNAVAILABLE)`);
    return { body: { statusCode: 503, code: 'DATABASE_UNAVAILABLE', message, ...(correlationId && { correlationId }), ...outcome }, outcome };
  }

  /** What the tapper should see; null when the interaction asks nothing of Stepwise. */
  private async reply(payload: string | undefined): Promise<SlackResponseMessage | null> {
    try {
      const interaction = parseSlackInteraction(payload);
      if (interaction.kind !== 'answer') return null;
      const { token, closer, comfort, userId } = interaction.tap;
      const correlationId = currentCorrelationId() ?? newCorrelationId();
      // Recorded as the link's member only when Slack says it is them tapping.
      const tapper = { slackUserId: userId };
      if (comfort === undefined) {
        // A link that cannot be answered says why now, not after the comfort is chosen.
        await this.links.open(token, correlationId, tapper);
        return toTapperOnly('First choose how comfortable you feel (1 to 5), then tap your answer.');
      }
      const command = new AnswerReflectionNudgeCommand(token, { closer, comfort }, 'SLACK', correlationId, tapper);
      const { answer } = await this.commandBus.execute(command);
      // The message it replaces stays in the bot's direct messages, which whoever holds the bot's
      // token can read (an admin may): the comfort chosen stays out of it, as out of every nudge.
      return replaced(`Thank you: your reflection is recorded. Closer: ${CLOSER_LABELS[answer.closer]}. Your comfort is recorded too, and shown in Stepwise, not here.`);
    } catch (error) {
      const refusal = describeRefusal(error, 'member');
      if (!refusal || !isCodedError(error)) throw error;
      this.runtime.logger.info({ code: error.code, reason: error.message }, 'Slack answer refused');
      return toTapperOnly(`${refusal.message}${refusal.detail ? `. ${refusal.detail}` : ''} (${refusal.code})`);
    }
  }
}

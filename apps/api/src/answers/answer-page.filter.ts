import { ArgumentsHost, Catch, Inject, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { isDatabaseUnavailable } from '@stepwise/database';
import { isCodedError } from '@stepwise/kernel';
import { currentCorrelationId, RUNTIME, type Runtime } from '@stepwise/platform';
import { refusedPage } from './answer-page.html';
import { sendPage } from './send-page';
import { describeRefusal, statusOfRefusal } from './answer-refusal';

/** An error from the `http-errors` package: a form body malformed or too large. */
const clientHttpStatus = (error: unknown): number | undefined => {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
};

/** Every refusal of the answer pages is a page saying why, with its code; nothing was written. */
@Catch()
export class AnswerPageFilter implements ExceptionFilter {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const refusal = describeRefusal(error, 'link-holder');
    if (refusal && isCodedError(error)) {
      this.runtime.logger.info({ code: error.code, reason: error.message }, 'answer link refused');
      sendPage(response, refusedPage(statusOfRefusal(error), refusal.code, refusal.message, refusal.detail));
      return;
    }
    const clientStatus = clientHttpStatus(error);
    if (clientStatus !== undefined) {
      sendPage(response, refusedPage(clientStatus, 'BAD_REQUEST', 'The answer could not be read.'));
      return;
    }
    const correlationId = currentCorrelationId();
    if (isDatabaseUnavailable(error)) {
      // Not "nothing was recorded": the session may have been lost after the answer committed. Sent
      // again, an answer already recorded is shown as recorded (ANSWER_LINK_USED), never recorded twice.
      this.runtime.logger.warn({ code: 'DATABASE_UNAVAILABLE', reason: error instanceof Error ? error.message : String(error), correlationId }, 'database unavailable answering a nudge by link');
      const message = 'We could not reach our records just now, so your answer may not have been recorded. Please try again in a moment: an answer already recorded is shown, never recorded twice.';
      sendPage(response, refusedPage(503, 'DATABASE_UNAVAILABLE', message, correlationId && `Reference: ${correlationId}`));
      return;
    }
    this.runtime.logger.error({ err: error, correlationId }, 'unexpected error answering a nudge by link');
    sendPage(response, refusedPage(500, 'INTERNAL', 'Something went wrong on our side; nothing was recorded. Please try again.', correlationId && `Reference: ${correlationId}`));
  }
}

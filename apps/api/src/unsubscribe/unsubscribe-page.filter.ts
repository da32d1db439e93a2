import { ArgumentsHost, Catch, Inject, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { isDatabaseUnavailable } from '@stepwise/database';
import { isCodedError, NotFoundError } from '@stepwise/kernel';
import { currentCorrelationId, RUNTIME, type Runtime } from '@stepwise/platform';
import { sendPage } from '../answers/send-page';
import { unsubscribeRefusedPage } from './unsubscribe-page.html';

const STATUS_OF_CODE: Readonly<Record<string, number>> = { UNSUBSCRIBE_LINK_INVALID: 400, FORBIDDEN: 403 };

/** Every refusal is a page with its code and an HTTP status a mail client understands; nothing was written. */
@Catch()
export class UnsubscribePageFilter implements ExceptionFilter {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (isCodedError(error)) {
      this.runtime.logger.info({ code: error.code, reason: error.message }, 'unsubscribe link refused');
      const status = STATUS_OF_CODE[error.code] ?? (error instanceof NotFoundError ? 404 : 400);
      sendPage(response, unsubscribeRefusedPage(status, error.code, error.message));
      return;
    }
    const correlationId = currentCorrelationId();
    const reference = correlationId ? ` Reference: ${correlationId}` : '';
    if (isDatabaseUnavailable(error)) {
      this.runtime.logger.warn({ code: 'DATABASE_UNAVAILABLE', reason: error instanceof Error ? error.message : String(error), correlationId }, 'database unavailable unsubscribing');
      sendPage(response, unsubscribeRefusedPage(503, 'DATABASE_UNAVAILABLE', `We could not reach our records just now; please try again in a moment.${reference}`));
      return;
    }
    this.runtime.logger.error({ err: error, correlationId }, 'unexpected error unsubscribing');
    sendPage(response, unsubscribeRefusedPage(500, 'INTERNAL', `Something went wrong on our side; please try again.${reference}`));
  }
}

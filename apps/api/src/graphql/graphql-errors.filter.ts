import { ArgumentsHost, Catch, HttpServer } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

/** An error from the `http-errors` package (body parsing: malformed JSON, a body too large…). */
interface ClientHttpError {
  readonly statusCode: number;
  readonly message: string;
  readonly expose?: boolean;
}

const isClientHttpError = (error: unknown): error is ClientHttpError =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as ClientHttpError).statusCode === 'number' &&
  (error as ClientHttpError).statusCode >= 400 &&
  (error as ClientHttpError).statusCode < 500;

/**
 * Nest logs every error a resolver or guard throws at level `error` before GraphQL sees it, so each
 * client mistake (a validation failure, an unknown id, a missing token) would read like an outage.
 * GraphQL errors are classified and logged once, in `formatGraphqlError`: this filter hands them on
 * untouched. On HTTP routes a client's malformed or oversized body is answered as Nest would, without
 * the error line; everything else keeps Nest's own handling.
 */
@Catch()
export class GraphqlErrorsFilter extends BaseExceptionFilter {
  constructor(private readonly server: HttpServer) {
    super(server);
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType<string>() === 'graphql') throw exception;
    if (host.getType() === 'http' && isClientHttpError(exception)) {
      const response: unknown = host.switchToHttp().getResponse();
      const body = { statusCode: exception.statusCode, message: exception.expose === false ? 'Bad Request' : exception.message };
      if (this.server.isHeadersSent(response)) this.server.end(response);
      else this.server.reply(response, body, exception.statusCode);
      return;
    }
    super.catch(exception, host);
  }
}

import { ArgumentsHost, Catch, HttpException, HttpServer } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { httpRefusalBody } from '../http/http-refusal.body';
import { withShownPath } from '../http/signed-link-path';
import { graphqlRefusalBody, type ClientHttpError } from './graphql-refusal.body';

const isGraphqlPath = (request: unknown): boolean => {
  const path = (request as { path?: unknown }).path;
  return typeof path === 'string' && /^\/graphql\/?$/.test(path);
};

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
 * untouched. On HTTP routes a client's mistake (an unknown path, a malformed or oversized body) is
 * answered with its status and a code (httpRefusalBody), without the error line (on the GraphQL
 * endpoint, as a GraphQL error); everything else keeps Nest's own handling.
 */
@Catch()
export class GraphqlErrorsFilter extends BaseExceptionFilter {
  constructor(private readonly server: HttpServer) {
    super(server);
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType<string>() === 'graphql') throw exception;
    if (host.getType() !== 'http') return super.catch(exception, host);
    const request = host.switchToHttp().getRequest<{ originalUrl?: string }>();
    const onGraphql = isGraphqlPath(request);
    // A body that is not JSON reaches here as Nest's BadRequestException, raised before any route runs;
    // an unknown path as its NotFoundException.
    const refused: ClientHttpError | undefined =
      exception instanceof HttpException && exception.getStatus() >= 400 && exception.getStatus() < 500
        ? { statusCode: exception.getStatus(), message: exception.message }
        : isClientHttpError(exception)
          ? exception
          : undefined;
    if (!refused) return super.catch(exception, host);
    const response: unknown = host.switchToHttp().getResponse();
    // The router's "Cannot GET <url>" would repeat a signed link's token (`//answers/<token>`).
    const message = refused.expose === false ? 'Bad Request' : withShownPath(refused.message, request.originalUrl ?? '');
    const body = onGraphql ? graphqlRefusalBody(refused) : httpRefusalBody(refused.statusCode, message);
    if (this.server.isHeadersSent(response)) return this.server.end(response);
    // A body refused for its declared size was never read: closing the connection, rather than Node
    // reading the rest of it (a gigabyte, if declared so) to keep the connection, ends it at once.
    if (refused.statusCode === 413) this.server.setHeader(response, 'connection', 'close');
    this.server.reply(response, body, refused.statusCode);
  }
}

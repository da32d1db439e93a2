import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { acceptCorrelationId, runWithCorrelation } from '@stepwise/platform';

/** Gives each request a correlation id (the caller's `x-correlation-id` if sane), echoed back and carried into logs. */
@Injectable()
export class CorrelationIdMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const correlationId = acceptCorrelationId(request.headers['x-correlation-id']);
    response.setHeader('x-correlation-id', correlationId);
    runWithCorrelation(correlationId, next);
  }
}

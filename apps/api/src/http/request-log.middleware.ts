import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { RUNTIME, type Runtime } from '@stepwise/platform';

/** One structured line per request, carrying its correlation id. */
@Injectable()
export class RequestLogMiddleware implements NestMiddleware {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      this.runtime.logger.info(
        { method: request.method, path: request.originalUrl.split('?')[0], status: response.statusCode, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    });
    next();
  }
}

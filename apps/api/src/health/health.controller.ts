import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ReadinessService } from './readiness.service';

/**
 * `/health/live`: the process serves HTTP. `/health/ready` and `/health`: readiness, 503 only
 * when the event store is unavailable (without Redis the api still serves, and says so).
 */
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('live')
  @HttpCode(200)
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  @Get()
  async health(@Res({ passthrough: true }) response: Response) {
    return this.ready(response);
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const readiness = await this.readiness.check();
    response.status(readiness.status === 'unavailable' ? 503 : 200);
    return { live: true, ...readiness };
  }
}

import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PROCESS_METRICS, type ProcessMetrics } from '@stepwise/platform';

/** `GET /metrics`: the process's metrics in Prometheus text format (docs/metrics.md lists them). */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(PROCESS_METRICS) private readonly metrics: ProcessMetrics) {}

  @Get()
  async scrape(@Res() response: Response): Promise<void> {
    const text = await this.metrics.text();
    response.status(200).type(this.metrics.contentType).send(text);
  }
}

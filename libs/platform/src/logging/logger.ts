import pino, { Logger } from 'pino';
import { maybeCurrentTenant } from '@stepwise/kernel';
import { currentCorrelationId } from './correlation';

export type { Logger } from 'pino';

/** Structured JSON logs; every line carries the correlation id and tenant of the work in progress. */
export const createLogger = (service: string, level: string, destination?: pino.DestinationStream): Logger =>
  pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const correlationId = currentCorrelationId();
        const tenantId = maybeCurrentTenant()?.tenantId;
        return { ...(correlationId && { correlationId }), ...(tenantId && { tenantId }) };
      },
    },
    destination,
  );

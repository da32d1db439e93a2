/**
 * Imported first by every process entry point, before anything loads graphql-js or Express: both
 * read NODE_ENV once (graphql-js at load, to drop its development-only `instanceof` checks) and
 * run slower outside 'production'. A process that is not a development one runs as production
 * unless NODE_ENV says otherwise; this is the one place that derives it (from STEPWISE_ENV, whose
 * values the shared settings validate later, at boot).
 */
const env = process.env;
if (!env.NODE_ENV) env.NODE_ENV = (env.STEPWISE_ENV ?? 'development') === 'development' ? 'development' : 'production';

export {};

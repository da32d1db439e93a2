// The read side of analytics: the read port, who may read what, and the report built from its facts.
export * from './analytics-read.port';
export * from './analytics.report';
export * from './access/analytics-access.policy';
export * from './analytics.report-horizon';

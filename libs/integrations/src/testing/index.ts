// Test support, imported by specs only (`@stepwise/integrations/testing`); production entry points
// never export it (the lint forbids it).
export * from '../http/testing/exempt-test-receiver';
export * from '../http/testing/static-lookup';
export * from '../http/testing/test-receiver';
export * from '../http/testing/loopback-only-network';
export * from '../slack/testing/slack.receiver';
export * from '../slack/testing/mrkdwn-constructs';
export * from '../teams/testing/teams.receiver';
export * from '../teams/testing/markdown-constructs';
export * from '../email/testing/smtp.receiver';
export * from '../email/testing/trickling-smtp.relay';

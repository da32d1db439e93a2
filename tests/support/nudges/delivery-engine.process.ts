/**
 * A delivery process of its own, for fault tests that kill one mid-delivery and for the benchmark: the real delivery
 * engine (relay, BullMQ worker, processor) on a given database, Redis and queue prefix, with webhook
 * endpoints given as JSON. Prints a line when running; stops on SIGTERM.
 *
 *   STEPWISE_FAULT_DATABASE_URL, STEPWISE_FAULT_REDIS_URL, STEPWISE_FAULT_PREFIX,
 *   STEPWISE_FAULT_ENDPOINTS (JSON StaticEndpoint[]), STEPWISE_FAULT_SETTINGS (JSON, partial NudgeDeliverySettings)
 */
import 'reflect-metadata';
import { OutboundConnections } from '@stepwise/integrations';
import { NudgeDeliveryEngine, type NudgeDeliverySettings } from '@stepwise/nudges-infrastructure';
import { createLogger, openStorage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { localWebhookSender } from './delivery-ports';
import { DELIVERY_PROCESS_READY } from './delivery-engine.protocol';
import { StaticWebhookEndpoints, type StaticEndpoint } from './static-webhook-endpoints';

const main = async (): Promise<void> => {
  const env = process.env;
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  const logger = createLogger('fault-delivery', env.STEPWISE_FAULT_LOG_LEVEL ?? 'warn');
  const settings = { ...(JSON.parse(required('STEPWISE_FAULT_SETTINGS')) as NudgeDeliverySettings), redisUrl: required('STEPWISE_FAULT_REDIS_URL'), queuePrefix: required('STEPWISE_FAULT_PREFIX') };
  const storage = await openStorage({ kind: 'postgres', url: required('STEPWISE_FAULT_DATABASE_URL'), poolSize: 6 }, stepwiseSchema, { migrate: false });
  const endpoints = new StaticWebhookEndpoints(JSON.parse(required('STEPWISE_FAULT_ENDPOINTS')) as StaticEndpoint[]);
  // Sockets kept open per receiver, as the worker keeps them: a kill mid-delivery leaves them open.
  const connections = new OutboundConnections();
  const engine = await NudgeDeliveryEngine.start({
    database: storage.database,
    eventStore: storage.eventStore,
    logger,
    settings,
    ports: { endpoints, disabler: endpoints, webhookSender: localWebhookSender(settings.sendTimeoutMs, connections) },
    run: { fanOut: false },
  });
  process.stdout.write(`${DELIVERY_PROCESS_READY}\n`);
  // The test holds our stdin open: when it ends (the test process died or forgot us), so do we.
  process.stdin.on('end', () => process.exit(0)).resume();
  process.on('SIGTERM', () => {
    void engine
      .stop()
      .then(() => connections.close())
      .then(() => storage.close())
      .finally(() => process.exit(0));
  });
};

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

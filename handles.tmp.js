const live = new Map();
for (const name of ['setTimeout', 'setInterval']) {
  const orig = global[name];
  global[name] = function (...args) {
    const t = orig.apply(this, args);
    live.set(t, new Error(name + ' ' + args[1]).stack.split('\n').slice(1, 8).join('\n'));
    return t;
  };
}
const oc = global.clearTimeout, oi = global.clearInterval;
global.clearTimeout = (t) => { live.delete(t); return oc(t); };
global.clearInterval = (t) => { live.delete(t); return oi(t); };
const pino = require('pino');
const { DeliveryQueue } = require('./dist/libs/nudges/infrastructure/src/queue/delivery-queue');
const { DeliveryWorker } = require('./dist/libs/nudges/infrastructure/src/queue/delivery-worker');
(async () => {
  const logger = pino({ level: 'silent' });
  for (let round = 0; round < 60; round++) {
    const queue = new DeliveryQueue({ redisUrl: 'redis://127.0.0.1:6379', prefix: 'hx', logger });
    const worker = new DeliveryWorker({ redisUrl: 'redis://127.0.0.1:6379', prefix: 'hx', concurrency: 2, logger }, async () => undefined);
    worker.start();
    await new Promise((r) => setTimeout(r, round % 12));
    await worker.close();
    await queue.close();
  }
  await new Promise((r) => setTimeout(r, 500));
  const seen = new Map();
  for (const [t, stack] of live) if (t.hasRef && t.hasRef() && !t._destroyed) seen.set(stack, (seen.get(stack) ?? 0) + 1);
  for (const [s, n] of seen) console.log('---', n, s);
  process.exit(0);
})();

/**
 * What a delivery contender's process spends, read by the nudge benchmark between runs: CPU and
 * event-loop use, every SQL statement node-postgres sends (counted and timed by its text), every
 * Redis command ioredis sends (BullMQ's included), and the time spent in the ports it is given
 * (a sender, a reachability or relevance check). Installed once per process, before the work starts;
 * for the benchmark only.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { Client } from 'pg';

export interface Tally {
  count: number;
  ms: number;
}

export interface MeterReading {
  readonly wallMs: number;
  readonly cpuUserMs: number;
  readonly cpuSystemMs: number;
  /** Share of the wall time the event loop was busy, 0 to 1. */
  readonly eventLoopBusy: number;
  /** By statement (its first words), round trips and their summed duration (concurrent ones overlap). */
  readonly statements: Record<string, Tally>;
  readonly redisCommands: number;
  /** By port name: calls and their summed duration. */
  readonly ports: Record<string, Tally>;
  readonly rssMb: number;
}

/** A statement's first words, whitespace folded and long literals (a tenant's id) elided: enough to tell the path's statements apart. */
export const statementLabel = (text: string): string =>
  text
    .replace(/'[^']{20,}'/g, "'…'")
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 90);

export class ProcessMeter {
  private statements = new Map<string, Tally>();
  private ports = new Map<string, Tally>();
  private redisCommands = 0;
  private startedAt = performance.now();
  private cpu = process.cpuUsage();
  private loop: EventLoopUtilization = performance.eventLoopUtilization();

  /** Starts counting this process's SQL statements and Redis commands. */
  static install(): ProcessMeter {
    const meter = new ProcessMeter();
    const query = Client.prototype.query as (...args: unknown[]) => unknown;
    Client.prototype.query = function (this: Client, ...args: unknown[]): unknown {
      const config = args[0] as string | { text?: string };
      const tally = meter.tally(meter.statements, statementLabel(typeof config === 'string' ? config : (config?.text ?? '')));
      const started = performance.now();
      const done = (): void => {
        tally.count += 1;
        tally.ms += performance.now() - started;
      };
      const last = args.length - 1;
      if (typeof args[last] === 'function') {
        const callback = args[last] as (...results: unknown[]) => void;
        args[last] = (...results: unknown[]) => {
          done();
          callback(...results);
        };
        return query.apply(this, args);
      }
      const result = query.apply(this, args) as Promise<unknown> | undefined;
      if (result && typeof result.then === 'function') result.then(done, done);
      return result;
    } as typeof Client.prototype.query;
    const sendCommand = Redis.prototype.sendCommand as (...args: unknown[]) => unknown;
    Redis.prototype.sendCommand = function (this: Redis, ...args: unknown[]): unknown {
      meter.redisCommands += 1;
      return sendCommand.apply(this, args);
    } as typeof Redis.prototype.sendCommand;
    return meter;
  }

  /** Wraps a port's methods so their calls are timed under `name.method`. */
  timed<T extends object>(name: string, port: T): T {
    return new Proxy(port, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const tally = this.tally(this.ports, `${name}.${String(property)}`);
          const started = performance.now();
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } finally {
            tally.count += 1;
            tally.ms += performance.now() - started;
          }
        };
      },
    });
  }

  /** What was spent since the last reading (or the install), and starts the next one. */
  read(): MeterReading {
    const cpu = process.cpuUsage(this.cpu);
    const loop = performance.eventLoopUtilization(this.loop);
    const reading: MeterReading = {
      wallMs: performance.now() - this.startedAt,
      cpuUserMs: cpu.user / 1000,
      cpuSystemMs: cpu.system / 1000,
      eventLoopBusy: loop.utilization,
      statements: Object.fromEntries(this.statements),
      redisCommands: this.redisCommands,
      ports: Object.fromEntries(this.ports),
      rssMb: process.memoryUsage.rss() / 1024 / 1024,
    };
    this.statements = new Map();
    this.ports = new Map();
    this.redisCommands = 0;
    this.startedAt = performance.now();
    this.cpu = process.cpuUsage();
    this.loop = performance.eventLoopUtilization();
    return reading;
  }

  private tally(tallies: Map<string, Tally>, key: string): Tally {
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = { count: 0, ms: 0 }));
    return tally;
  }
}

/**
 * Gathers the calls made during one turn of the event loop into batches, each answered by one
 * statement or transaction. The delivery processor attempts a job's deliveries side by side, and
 * several jobs run at once: their claims, settlements and conclusions reach the store within the
 * same turn, and one round trip answers them all. Subscriptions a notification wakes together read
 * the log the same way, one page for those asking from one place.
 *
 * A batch holds calls of one group (a tenant, where the statement runs in its context) and at most
 * one call per conflict key (a delivery, which one statement must not decide twice): a
 * second call with the same key goes into a batch of its own, and the statement's locks order the two.
 * A batch that fails rejects each of its calls.
 */
export interface BatchOptions<Input> {
  /** The most calls one batch answers (default: no limit). */
  readonly maxBatch?: number;
  /** Calls of different groups never share a batch. */
  readonly groupOf?: (input: Input) => string;
  /** Calls with the same key never share a batch. */
  readonly conflictOf?: (input: Input) => string;
}

interface PendingCall<Input, Output> {
  readonly input: Input;
  readonly resolve: (output: Output) => void;
  readonly reject: (error: unknown) => void;
}

export class BatchedCalls<Input, Output> {
  private pending: PendingCall<Input, Output>[] = [];
  private scheduled = false;

  /** `run` answers a batch's inputs in their order. */
  constructor(
    private readonly run: (inputs: readonly Input[]) => Promise<readonly Output[]>,
    private readonly options: BatchOptions<Input> = {},
  ) {}

  call(input: Input): Promise<Output> {
    return new Promise<Output>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    this.scheduled = false;
    const calls = this.pending;
    this.pending = [];
    for (const batch of this.batchesOf(calls)) void this.runBatch(batch);
  }

  private batchesOf(calls: readonly PendingCall<Input, Output>[]): PendingCall<Input, Output>[][] {
    const { groupOf, conflictOf, maxBatch = Number.POSITIVE_INFINITY } = this.options;
    const open = new Map<string, { calls: PendingCall<Input, Output>[]; keys: Set<string> }[]>();
    const batches: PendingCall<Input, Output>[][] = [];
    for (const call of calls) {
      const group = groupOf?.(call.input) ?? '';
      const key = conflictOf?.(call.input);
      const candidates = open.get(group) ?? open.set(group, []).get(group)!;
      let batch = candidates.find((candidate) => candidate.calls.length < maxBatch && (key === undefined || !candidate.keys.has(key)));
      if (!batch) {
        batch = { calls: [], keys: new Set() };
        candidates.push(batch);
        batches.push(batch.calls);
      }
      batch.calls.push(call);
      if (key !== undefined) batch.keys.add(key);
    }
    return batches;
  }

  private async runBatch(batch: readonly PendingCall<Input, Output>[]): Promise<void> {
    try {
      const outputs = await this.run(batch.map((call) => call.input));
      batch.forEach((call, index) => call.resolve(outputs[index]));
    } catch (error) {
      for (const call of batch) call.reject(error);
    }
  }
}

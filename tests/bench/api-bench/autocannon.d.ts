/** The part of autocannon's programmatic API the api benchmark uses (the package ships no types). */
declare module 'autocannon' {
  interface Histogram {
    readonly average: number;
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
    readonly total: number;
  }

  interface RequestSpec {
    readonly method?: string;
    readonly path?: string;
    readonly headers?: Record<string, string>;
    readonly body?: string;
    readonly onResponse?: (status: number, body: string) => void;
  }

  interface Client {
    setRequests(requests: RequestSpec[]): void;
  }

  interface Options extends RequestSpec {
    readonly url: string;
    readonly connections?: number;
    readonly duration?: number;
    readonly timeout?: number;
    readonly setupClient?: (client: Client) => void;
  }

  interface Result {
    readonly requests: Histogram;
    readonly latency: Histogram;
    readonly duration: number;
    readonly errors: number;
    readonly timeouts: number;
    readonly non2xx: number;
    readonly mismatches: number;
  }

  function autocannon(options: Options): Promise<Result>;
  export = autocannon;
}

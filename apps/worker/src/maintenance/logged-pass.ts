import type { Logger } from '@stepwise/platform';

/**
 * A piece of periodic upkeep: one pass at a time (asking while one runs joins it), and a failure
 * told once, as a warning, until a pass succeeds again, which is told too.
 */
export class LoggedPass {
  private pass: Promise<void> | undefined;
  private failing = false;

  constructor(
    private readonly logger: Logger,
    private readonly said: { readonly failed: string; readonly recovered: string },
    private readonly work: () => Promise<void>,
  ) {}

  run(): Promise<void> {
    this.pass ??= this.attempt().finally(() => (this.pass = undefined));
    return this.pass;
  }

  /** Resolves once the pass under way, if any, has ended. */
  async settled(): Promise<void> {
    await this.pass;
  }

  private async attempt(): Promise<void> {
    try {
      await this.work();
      if (this.failing) this.logger.info(this.said.recovered);
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn({ err: error }, this.said.failed);
      this.failing = true;
    }
  }
}

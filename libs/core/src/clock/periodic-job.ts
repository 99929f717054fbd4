import type { Logger } from '@nestjs/common';
import type { SchedulerRegistry } from '@nestjs/schedule';

/**
 * Runs `work` every `intervalMs` through the scheduler registry, never two runs at once, and lets a
 * running one finish on shutdown. A failed run is logged; what it left undone waits for the next.
 */
export class PeriodicJob {
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly name: string,
    private readonly logger: Logger,
    private readonly work: () => Promise<unknown>,
  ) {}

  start(intervalMs: number): void {
    if (intervalMs > 0)
      this.registry.addInterval(
        this.name,
        setInterval(() => void this.runOnce(), intervalMs),
      );
  }

  async stop(): Promise<void> {
    if (this.registry.doesExist('interval', this.name)) this.registry.deleteInterval(this.name);
    await this.running?.catch(() => undefined);
  }

  private async runOnce(): Promise<void> {
    if (this.running) return;
    this.running = this.work();
    try {
      await this.running;
    } catch (error) {
      this.logger.error(
        `${this.name} failed; what is left waits for the next run: ${String(error)}`,
        (error as Error).stack,
      );
    } finally {
      this.running = null;
    }
  }
}

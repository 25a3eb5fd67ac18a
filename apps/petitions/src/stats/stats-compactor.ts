import { StatsRepository } from '@gov/petitions-data-access';
import { LOGGER, SCHEMA_READY } from '@gov/platform-service';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';

/** How often the statistics' deltas are folded into the per-day rollup. */
export const STATS_COMPACT_INTERVAL_MS = 5_000;
/** Deltas one transaction folds (a bulk backfill takes several). */
export const STATS_COMPACT_BATCH = 50_000;

/**
 * Folds the deltas the petition triggers append into the per-day rollup (migration 003-stats), on
 * a timer, in every replica side by side (a batch skips rows another one holds). The statistics
 * are exact whether or not a delta is folded yet: folding only keeps the deltas few, so that a
 * query reads days from the rollup rather than from many delta rows.
 */
@Injectable()
export class StatsCompactor implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly stats: StatsRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SCHEMA_READY) _schemaReady: unknown,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.compact().catch((err) => this.logger.warn({ err }, 'statistics compaction failed')), STATS_COMPACT_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Stops the timer (compact() still folds on demand) and waits for a pass under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Folds every delta there is, batch by batch; answers how many. One pass at a time per process. */
  compact(): Promise<number> {
    this.running ??= this.compactAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async compactAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.stats.compact(STATS_COMPACT_BATCH);
      total += n;
      if (n < STATS_COMPACT_BATCH) return total;
    }
  }
}

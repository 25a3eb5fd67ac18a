import { TasksEvents } from '@gov/tasks-contracts';
import { PeriodCloseRepository } from '@gov/tasks-data-access';
import { periodsOf } from '@gov/tasks-domain';
import { Outbox } from '@gov/platform-outbox';
import { LOGGER, SCHEMA_READY, SERVICE_CONFIG, TransactionRunner } from '@gov/platform-service';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { TasksConfig } from '../config.js';

/**
 * Announces the end of each month, quarter and year (China Standard Time) once per county with
 * `period.closed`: the rankings of a closed period no longer change, so dashboards and the
 * honours (steward stars, unit tiers, excellent stewards) can be taken from it.
 */
@Injectable()
export class PeriodCloser implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly closes: PeriodCloseRepository,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: TasksConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SCHEMA_READY) _schemaReady: unknown,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep().catch((err) => this.logger.warn({ err }, 'period close sweep failed')), this.config.PERIOD_CLOSE_SWEEP_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Closes the periods that ended before `now` (the last month, quarter and year); answers the counties' announcements. */
  async sweep(now = new Date()): Promise<{ county: string; period: string }[]> {
    const out: { county: string; period: string }[] = [];
    for (const period of endedPeriods(now)) {
      const closed = await this.tx.run(async (em) => {
        const rows = await this.closes.close(em, period);
        for (const r of rows) {
          await this.outbox.add(em, { ...TasksEvents.periodClosed, region: r.county, subjectId: `${r.county.split('/')[1]}-${r.period}`, data: { ...r } });
        }
        return rows;
      });
      out.push(...closed.map((r) => ({ county: r.county, period: r.period })));
    }
    return out;
  }
}

/** The month, quarter and year before the ones `now` lies in. */
export function endedPeriods(now: Date): string[] {
  const { year, quarter, month } = periodsOf(now);
  const y = Number(year);
  const m = Number(month.slice(5));
  const q = Number(quarter.slice(6));
  const lastMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const lastQuarter = q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
  return [lastMonth, lastQuarter, String(y - 1)];
}

import { TasksEvents } from '@gov/tasks-contracts';
import { TaskRepository } from '@gov/tasks-data-access';
import { Outbox } from '@gov/platform-outbox';
import { LOGGER, SCHEMA_READY, SERVICE_CONFIG, TransactionRunner } from '@gov/platform-service';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { TasksConfig } from '../config.js';

/** Tasks expired per transaction: a sweep after an outage goes in bounded steps. */
const EXPIRY_BATCH = 200;

/**
 * Expires published tasks past their deadline, with their open claims, and reports each with
 * `task.expired`. Replicas sweep side by side: each locks its rows with SKIP LOCKED. Claims check
 * the deadline themselves, so a late sweep lets nobody claim an expired task.
 */
@Injectable()
export class TaskExpiry implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly tasks: TaskRepository,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: TasksConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SCHEMA_READY) _schemaReady: unknown,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep().catch((err) => this.logger.warn({ err }, 'task expiry sweep failed')), this.config.TASK_EXPIRY_SWEEP_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => 0);
  }

  /** Expires what is overdue now; answers how many tasks it expired. */
  sweep(): Promise<number> {
    this.running ??= this.sweepAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweepAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.tx.run(async (em) => {
        const overdue = await this.tasks.overdue(em, EXPIRY_BATCH);
        for (const t of overdue) {
          await this.tasks.setTaskStatus(em, t.id, 'expired');
          await this.tasks.expireOpenClaims(em, t.id);
          await this.outbox.add(em, { ...TasksEvents.taskExpired, region: t.region, subjectId: t.id, data: { id: t.id } });
        }
        return overdue.length;
      });
      total += n;
      if (n < EXPIRY_BATCH) return total;
    }
  }
}

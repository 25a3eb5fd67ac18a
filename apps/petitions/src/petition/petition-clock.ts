import { PetitionsEvents } from '@gov/petitions-contracts';
import { CategoryRepository, DirectoryRepository, PetitionRepository, type PetitionRecord } from '@gov/petitions-data-access';
import { RATING_WINDOW_DAYS, SUPERVISION_REPEAT_HOURS, SWEEP_BATCH, daysBefore, hoursFrom, levelDeadline, levelRegion, nextLevel } from '@gov/petitions-domain';
import { Outbox } from '@gov/platform-outbox';
import { LOGGER, SCHEMA_READY, SERVICE_CONFIG, TransactionRunner } from '@gov/platform-service';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { PetitionsConfig } from '../config.js';
import { WhistleService } from '../whistle/whistle.service.js';
import { eventData } from './petition.service.js';

/**
 * The clocks (督办): every level's deadline, unrated results and unanswered whistles, swept on a
 * timer by every replica side by side (rows are taken with SKIP LOCKED, in bounded batches).
 * A level that runs out escalates grid → community → street → the category's department; a
 * department that runs out is supervised again every SUPERVISION_REPEAT_HOURS.
 */
@Injectable()
export class PetitionClock implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<{ escalated: number; closed: number; whistles: number }>;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly petitions: PetitionRepository,
    private readonly categories: CategoryRepository,
    private readonly directory: DirectoryRepository,
    private readonly whistles: WhistleService,
    @Inject(SERVICE_CONFIG) private readonly config: PetitionsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SCHEMA_READY) _schemaReady: unknown,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep().catch((err) => this.logger.warn({ err }, 'petition clock sweep failed')), this.config.CLOCK_SWEEP_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass over every clock; answers what it did. */
  sweep(now = new Date()): Promise<{ escalated: number; closed: number; whistles: number }> {
    this.running ??= this.sweepAll(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweepAll(now: Date) {
    const escalated = await this.batches((em) => this.escalateDue(em, now));
    const closed = await this.batches((em) => this.closeUnrated(em, now));
    const whistles = await this.batchesOf(() => this.whistles.reportOverdue(SWEEP_BATCH));
    return { escalated, closed, whistles };
  }

  private async batches(step: (em: EntityManager) => Promise<number>): Promise<number> {
    return this.batchesOf(() => this.tx.run(step));
  }

  private async batchesOf(step: () => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await step();
      total += n;
      if (n < SWEEP_BATCH) return total;
    }
  }

  private async escalateDue(em: EntityManager, now: Date): Promise<number> {
    const due = await this.petitions.lockDueForEscalation(em, now, SWEEP_BATCH);
    for (const p of due) await this.escalate(em, p, now);
    return due.length;
  }

  private async escalate(em: EntityManager, p: PetitionRecord, now: Date): Promise<void> {
    let next = nextLevel(p.level ?? 'grid');
    let departmentId: string | null = null;
    if (next === 'department') {
      const category = await this.categories.byId(em, p.categoryId);
      const dept = category?.defaultDepartment ? await this.directory.departmentByFunction(em, p.county, category.defaultDepartment) : null;
      if (dept) departmentId = dept.id;
      else next = null; // No department answers for it: the street keeps it, supervised.
    }
    const base = { escalations: p.escalations + 1, supervised: true };
    const r = next
      ? await this.petitions.patch(em, p.id, { ...base, state: 'assigned', level: next, assigneeRegion: levelRegion(p.region, next), departmentId, levelDeadline: levelDeadline(next, now), acceptedAt: null })
      : await this.petitions.patch(em, p.id, { ...base, levelDeadline: hoursFrom(now, SUPERVISION_REPEAT_HOURS) });
    const action = next ? 'escalated' : 'supervised';
    const note = next ? `${p.level} → ${next}: the ${p.level} level's time ran out` : `the ${p.level} level's time ran out`;
    await this.petitions.appendTimeline(em, { petitionId: p.id, at: now, action, fromState: p.state, toState: r.state, actorAccountId: null, actorLabel: 'system', level: r.level, note });
    await this.outbox.add(em, { ...PetitionsEvents.petitionEscalated, region: r.region, subjectId: r.id, data: eventData(r, { from: p.level, to: next, supervisionOnly: !next }) });
  }

  private async closeUnrated(em: EntityManager, now: Date): Promise<number> {
    const due = await this.petitions.lockUnratedSince(em, daysBefore(now, RATING_WINDOW_DAYS), SWEEP_BATCH);
    for (const p of due) {
      const r = await this.petitions.patch(em, p.id, { state: 'closed', closedAt: now });
      await this.petitions.appendTimeline(em, { petitionId: p.id, at: now, action: 'auto_closed', fromState: 'resolved', toState: 'closed', actorAccountId: null, actorLabel: 'system', level: p.level, note: `not rated within ${RATING_WINDOW_DAYS} days` });
      await this.outbox.add(em, { ...PetitionsEvents.petitionClosed, region: r.region, subjectId: r.id, data: eventData(r, { unrated: true }) });
    }
    return due.length;
  }
}

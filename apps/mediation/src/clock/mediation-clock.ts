import { CONFIRMATION_REMINDER_DAYS, MediationEvents } from '@gov/mediation-contracts';
import { CaseRepository, FollowUpRepository, type CaseRecord, type FollowUpRecord } from '@gov/mediation-data-access';
import { remindersDue } from '@gov/mediation-domain';
import { LOGGER, SCHEMA_READY, SERVICE_CONFIG, TransactionRunner } from '@gov/platform-service';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { CaseWorkflow, SYSTEM } from '../case/case-workflow.js';
import type { MediationConfig } from '../config.js';

/** Rows one transaction takes: a sweep never holds many locks for long. */
export const SWEEP_BATCH = 100;
const DAY_MS = 86_400_000;

/** What one sweep did. */
export interface ClockSweep {
  reminders: number;
  lapsed: number;
  overdue: number;
}

/**
 * The mediation clocks, swept on a timer (CLOCK_SWEEP_MS) by every replica side by side: the
 * judicial-confirmation reminders (7 and 2 days before the window closes) and the lapse after it,
 * and follow-ups gone overdue. Rows are taken FOR UPDATE SKIP LOCKED in bounded batches, each batch
 * one transaction with its timeline rows and events, and every step records that it was done
 * (reminders_sent, confirmation_state, overdue_reported), so however many replicas sweep, side by
 * side or one after another, each reminder, lapse and overdue report goes out once.
 */
@Injectable()
export class MediationClock implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<ClockSweep>;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly workflow: CaseWorkflow,
    private readonly cases: CaseRepository,
    private readonly followUps: FollowUpRepository,
    @Inject(SERVICE_CONFIG) private readonly config: MediationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SCHEMA_READY) _schemaReady: unknown,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep().catch((err) => this.logger.warn({ err }, 'mediation clock sweep failed')), this.config.CLOCK_SWEEP_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass over every clock as of `now`; a pass still running is joined rather than doubled. */
  sweep(now = new Date()): Promise<ClockSweep> {
    this.running ??= this.sweepAll(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweepAll(now: Date): Promise<ClockSweep> {
    const done: ClockSweep = { reminders: 0, lapsed: 0, overdue: 0 };
    for (;;) {
      const batch = await this.tx.run((em) => this.confirmationsDue(em, now));
      done.reminders += batch.reminders;
      done.lapsed += batch.lapsed;
      // Every case taken is owed a reminder or a lapse; a short batch means none are left.
      if (batch.taken < SWEEP_BATCH || batch.reminders + batch.lapsed === 0) break;
    }
    for (;;) {
      const batch = await this.tx.run((em) => this.overdueFollowUps(em, now));
      done.overdue += batch.reported;
      if (batch.taken < SWEEP_BATCH) break;
    }
    if (done.reminders + done.lapsed + done.overdue > 0) this.logger.info(done, 'mediation clocks swept');
    return done;
  }

  private async confirmationsDue(em: EntityManager, now: Date): Promise<{ taken: number; reminders: number; lapsed: number }> {
    const due = await this.cases.lockConfirmationDue(em, now, CONFIRMATION_REMINDER_DAYS, SWEEP_BATCH);
    let reminders = 0;
    let lapsed = 0;
    for (const c of due) {
      if (c.confirmationDeadline!.getTime() <= now.getTime()) {
        await this.lapse(em, c);
        lapsed++;
      } else if (await this.remind(em, c, now)) reminders++;
    }
    return { taken: due.length, reminders, lapsed };
  }

  /**
   * Sends the reminder owed by now, if any. A sweeper that was down through a whole stage sends
   * one reminder for the latest stage, not a burst, and counts the missed one as sent.
   */
  private async remind(em: EntityManager, c: CaseRecord, now: Date): Promise<boolean> {
    const owed = remindersDue(c.confirmationDeadline!, now);
    if (owed <= c.remindersSent) return false;
    const daysLeft = Math.ceil((c.confirmationDeadline!.getTime() - now.getTime()) / DAY_MS);
    await this.workflow.apply(em, SYSTEM, c, {
      patch: { remindersSent: owed },
      action: 'confirmation_reminded',
      note: `${daysLeft} days left to apply jointly for judicial confirmation`,
      event: MediationEvents.confirmationReminder,
      extra: { reminder: owed, daysLeft },
    });
    return true;
  }

  /** The window closed without a joint application: the agreement stays binding, but a court will no longer confirm it. */
  private async lapse(em: EntityManager, c: CaseRecord): Promise<void> {
    await this.workflow.apply(em, SYSTEM, c, {
      patch: { confirmationState: 'lapsed' },
      action: 'confirmation_lapsed',
      note: 'no joint application for judicial confirmation within the window',
      event: MediationEvents.confirmationLapsed,
    });
  }

  private async overdueFollowUps(em: EntityManager, now: Date): Promise<{ taken: number; reported: number }> {
    const due = await this.followUps.lockOverdue(em, now, SWEEP_BATCH);
    let reported = 0;
    for (const f of due)
      if (await this.followUps.markOverdueReported(em, f.id)) {
        await this.reportOverdue(em, f);
        reported++;
      }
    return { taken: due.length, reported };
  }

  private async reportOverdue(em: EntityManager, f: FollowUpRecord): Promise<void> {
    const c = (await this.cases.reload(em, f.caseId))!;
    await this.workflow.apply(em, SYSTEM, c, {
      action: 'follow_up_overdue',
      note: `${f.kind} due ${f.dueOn} not recorded`,
      event: MediationEvents.followUpOverdue,
      extra: { followUpId: f.id, kind: f.kind, dueOn: f.dueOn },
    });
  }
}

import { actorCan, ADMIN_ROLES, AppError, forbidden, notFound, pathNotFound, type Actor, type Page } from '@gov/kernel';
import { TaskRefusal, TasksEvents, type AdjustmentView, type DecideAdjustmentInput, type LedgerEntryView, type ListAdjustmentsInput, type PointsLedgerInput, type PointsView, type RequestAdjustmentInput } from '@gov/tasks-contracts';
import { AdjustmentRepository, PointsLedgerRepository, type AdjustmentRecord, type StewardRef } from '@gov/tasks-data-access';
import { ANNUAL_POINTS_TARGET, DAILY_POINTS_CAP, PERIOD_TIME_ZONE_OFFSET_H, periodsOf, taskVisibleTo } from '@gov/tasks-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { DirectoryService } from '../directory/directory.service.js';
import { PointsLedger } from './points-ledger.service.js';
import { PointsErrors } from './points.errors.js';

/** What a steward (or whoever may see them) reads of the ledger, and admins' manual adjustments. */
@Injectable()
export class PointsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly entries: PointsLedgerRepository,
    private readonly points: PointsLedger,
    private readonly directory: DirectoryService,
    private readonly adjustments: AdjustmentRepository,
    private readonly outbox: Outbox,
  ) {}

  async mine(actor: Actor | null): Promise<PointsView> {
    const steward = await this.directory.stewardOf(requireActor(actor));
    const now = periodsOf(new Date());
    const row = await this.entries.points(steward.id, now.year, now.day);
    return { stewardId: steward.id, ...row, annualTarget: ANNUAL_POINTS_TARGET, dailyCap: DAILY_POINTS_CAP };
  }

  /** A steward's entries, newest first: all, or a period's earnings (what a ranking figure is made of). */
  async ledger(actor: Actor | null, input: z.output<typeof PointsLedgerInput>): Promise<Page<LedgerEntryView>> {
    const a = requireActor(actor);
    const steward = input.stewardId ? await this.visibleSteward(a, input.stewardId) : await this.directory.stewardOf(a);
    const bounds = input.period ? periodBounds(input.period) : null;
    if (input.after && !/^\d{1,18}$/.test(input.after)) throw new AppError('VALIDATION', 'after: not a cursor this list gave out', undefined, [{ path: 'after', message: 'not a cursor this list gave out' }]);
    const rows = await this.entries.ledger(steward.id, {
      from: bounds?.from ?? null,
      to: bounds?.to ?? null,
      before: input.after ?? null,
      sources: bounds ? ['task_completion', 'rating_bonus', 'manual_adjustment'] : null,
      limit: input.first + 1,
    });
    const items = rows.slice(0, input.first).map(({ cursor: _c, ...r }) => ({ ...r, at: new Date(r.at).toISOString() }));
    const more = rows.length > input.first;
    return { items, endCursor: more ? rows[input.first - 1].cursor : null, hasNextPage: more };
  }

  /** An admin asks for a correction with a reason; nothing moves until another admin approves. The same request key asks once. */
  async requestAdjustment(actor: Actor | null, input: z.output<typeof RequestAdjustmentInput>): Promise<AdjustmentView> {
    const a = requireActor(actor);
    const steward = await this.visibleSteward(a, input.stewardId);
    if (!actorCan(a, ADMIN_ROLES, steward.grid)) throw forbidden("only an admin of the steward's region adjusts points");
    return this.tx.run(async (em) => {
      const row = await this.adjustments.request(em, {
        id: randomUUID(),
        stewardId: steward.id,
        amount: input.amount,
        reason: input.reason,
        requestedByPerson: a.personId ?? a.accountId,
        requestKey: input.requestKey,
      });
      await this.outbox.add(em, { ...TasksEvents.adjustmentRequested, region: steward.grid, subjectId: row.id, data: { ...adjustmentView(row) } });
      return adjustmentView(row);
    });
  }

  /**
   * Another admin of the steward's region approves (the points move, the approver on the ledger
   * transaction) or rejects. The requester never decides their own request.
   */
  async decideAdjustment(actor: Actor | null, input: z.output<typeof DecideAdjustmentInput>): Promise<AdjustmentView> {
    const a = requireActor(actor);
    const me = a.personId ?? a.accountId;
    return this.tx.run(async (em) => {
      const row = await this.adjustments.lock(em, input.id);
      if (!row || !taskVisibleTo(a, row.grid)) throw notFound('adjustment', input.id);
      if (!actorCan(a, ADMIN_ROLES, row.grid)) throw forbidden("only an admin of the steward's region decides adjustments");
      if (row.requestedByPerson === me) throw PointsErrors.selfApproval();
      if (row.status !== 'pending') throw new AppError('CONFLICT', `the adjustment is already ${row.status}`, TaskRefusal.WRONG_STATE);
      if (input.approve) {
        await this.points.adjust(em, {
          stewardId: row.stewardId,
          region: row.grid,
          sourceType: 'manual_adjustment',
          sourceId: row.id,
          memo: '人工调整',
          reason: row.reason,
          approvedByPerson: me,
          postedByPerson: row.requestedByPerson,
          amount: row.amount,
        });
      } else {
        await this.outbox.add(em, { ...TasksEvents.adjustmentRejected, region: row.grid, subjectId: row.id, data: { id: row.id } });
      }
      await this.adjustments.decide(em, row.id, input.approve ? 'approved' : 'rejected', me);
      return adjustmentView({ ...row, status: input.approve ? 'approved' : 'rejected', decidedByPerson: me, decidedAt: new Date() });
    });
  }

  /** Adjustments of stewards in a region, for its admins (pending ones by default). */
  async listAdjustments(actor: Actor | null, input: z.output<typeof ListAdjustmentsInput>): Promise<AdjustmentView[]> {
    const a = requireActor(actor);
    if (!taskVisibleTo(a, input.region)) throw pathNotFound('region');
    if (!actorCan(a, ADMIN_ROLES, input.region)) throw forbidden('only admins of the region see its adjustments');
    return this.tx.run(async (em) => (await this.adjustments.list(em, input.region, input.pendingOnly, input.first)).map(adjustmentView));
  }

  private async visibleSteward(a: Actor, id: string): Promise<StewardRef> {
    const steward = await this.directory.stewardById(id);
    if (!steward || !taskVisibleTo(a, steward.grid)) throw notFound('steward', id);
    return steward;
  }
}

/** A period's bounds in China Standard Time: '2026', '2026-Q3', '2026-11'. */
export function periodBounds(period: string): { from: Date; to: Date } {
  const [y, rest] = period.split('-');
  const year = Number(y);
  let m0 = 0;
  let months = 12;
  if (rest?.startsWith('Q')) {
    m0 = (Number(rest.slice(1)) - 1) * 3;
    months = 3;
  } else if (rest) {
    m0 = Number(rest) - 1;
    months = 1;
  }
  const at = (month: number) => new Date(Date.UTC(year, month, 1) - PERIOD_TIME_ZONE_OFFSET_H * 3600_000);
  return { from: at(m0), to: at(m0 + months) };
}

function adjustmentView(r: AdjustmentRecord): AdjustmentView {
  return {
    id: r.id,
    stewardId: r.stewardId,
    amount: r.amount,
    reason: r.reason,
    requestedBy: r.requestedByPerson,
    requestedAt: r.requestedAt.toISOString(),
    status: r.status,
    decidedBy: r.decidedByPerson,
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
  };
}

import { AppError, type Actor } from '@gov/kernel';
import {
  MediationEvents,
  MediationRefusal,
  type FollowUpView,
  type ListFollowUpsInput,
  type RecordFollowUpInput,
  type ScheduleFollowUpInput,
} from '@gov/mediation-contracts';
import { FollowUpRepository, type FollowUpRecord } from '@gov/mediation-data-access';
import { mayConduct } from '@gov/mediation-domain';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { accessOf } from '../case/case-view.js';
import { CaseWorkflow } from '../case/case-workflow.js';
import { CaseErrors } from '../case/case.errors.js';
import { missingAs } from '../session/session.errors.js';

/** The refusals of follow-ups, each a coded AppError that changes nothing. */
export const FollowUpErrors = {
  notConductor: () => new AppError('FORBIDDEN', "only the case's mediator or an admin of its place schedules and records its follow-ups"),
  amountNeeded: () => new AppError('VALIDATION', 'a payment follow-up names the amount due', undefined, [{ path: 'amountFen', message: 'required for a payment' }]),
  notADay: () => new AppError('VALIDATION', 'no such calendar day', undefined, [{ path: 'dueOn', message: 'not a calendar day' }]),
  // Another county's follow-up answers exactly as a missing one.
  unknown: () => new AppError('NOT_FOUND', 'no such follow-up', MediationRefusal.UNKNOWN_FOLLOW_UP),
  alreadyRecorded: () => new AppError('CONFLICT', 'this follow-up is recorded already', MediationRefusal.ALREADY_RECORDED),
};

/** YYYY-MM-DD that names a real day (not 2026-02-30). */
function isCalendarDay(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(day);
}

export function followUpView(f: FollowUpRecord): FollowUpView {
  return {
    id: f.id,
    caseId: f.caseId,
    kind: f.kind,
    dueOn: f.dueOn,
    amountFen: f.amountFen,
    paidFen: f.paidFen,
    done: f.done,
    note: f.note,
    recordedAt: f.recordedAt?.toISOString() ?? null,
    overdue: f.overdue,
  };
}

/**
 * Follow-ups (回访、履行跟踪) of an agreed case: visits to check the agreement holds and the
 * instalments it is paid in, each recorded once by the mediator or an admin of the place. Events
 * carry the follow-up's id, kind and day, never amounts or notes.
 */
@Injectable()
export class FollowUpService {
  constructor(
    private readonly workflow: CaseWorkflow,
    private readonly followUps: FollowUpRepository,
  ) {}

  async schedule(actor: Actor | null, input: z.output<typeof ScheduleFollowUpInput>): Promise<FollowUpView> {
    let followUp: FollowUpRecord | undefined;
    await this.workflow.transition(actor, input.caseId, async (em, c, parties, a) => {
      if (!mayConduct(a, accessOf(c, parties))) throw FollowUpErrors.notConductor();
      if (c.state !== 'agreed') throw CaseErrors.wrongState(c.state, 'followed up');
      if (!isCalendarDay(input.dueOn)) throw FollowUpErrors.notADay();
      if (input.kind === 'payment' && input.amountFen === null) throw FollowUpErrors.amountNeeded();
      const f = await this.followUps.insert(em, { id: randomUUID(), caseId: c.id, kind: input.kind, dueOn: input.dueOn, amountFen: input.amountFen, note: input.note });
      followUp = f;
      return {
        action: 'follow_up_scheduled',
        note: input.note ?? `${f.kind} due ${f.dueOn}`,
        event: MediationEvents.followUpScheduled,
        extra: { followUpId: f.id, kind: f.kind, dueOn: f.dueOn },
      };
    });
    return followUpView(followUp!);
  }

  async record(actor: Actor | null, input: z.output<typeof RecordFollowUpInput>): Promise<FollowUpView> {
    const known = await this.followUps.byId(input.id);
    if (!known) throw FollowUpErrors.unknown();
    let followUp: FollowUpRecord | undefined;
    await this.workflow
      .transition(actor, known.caseId, async (em, c, parties, a) => {
        if (!mayConduct(a, accessOf(c, parties))) throw FollowUpErrors.notConductor();
        const f = (await this.followUps.lock(em, known.id))!;
        if (f.recordedAt) throw FollowUpErrors.alreadyRecorded();
        // "Paid in full" without a figure means the amount due was paid.
        const paidFen = input.paidFen ?? (input.done && f.kind === 'payment' ? f.amountFen : null);
        followUp = await this.followUps.record(em, f.id, { done: input.done, paidFen, note: input.note, recordedBy: a.accountId });
        return {
          action: 'follow_up_recorded',
          note: `${f.kind} due ${f.dueOn}: ${input.done ? 'done' : 'not done'}`,
          event: MediationEvents.followUpRecorded,
          extra: { followUpId: f.id, kind: f.kind, dueOn: f.dueOn, done: input.done },
        };
      })
      .catch(missingAs(FollowUpErrors.unknown));
    return followUpView(followUp!);
  }

  async list(actor: Actor | null, input: z.output<typeof ListFollowUpsInput>): Promise<FollowUpView[]> {
    await this.workflow.visible(actor, input.caseId);
    return (await this.followUps.ofCase(input.caseId)).map(followUpView);
  }
}

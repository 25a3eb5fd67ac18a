import { AppError, type Actor } from '@gov/kernel';
import { MediationEvents, type MediationCaseView, type RecordConfirmationInput, type RequestConfirmationInput } from '@gov/mediation-contracts';
import { isParty, mayConduct } from '@gov/mediation-domain';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { accessOf } from '../case/case-view.js';
import { CaseWorkflow } from '../case/case-workflow.js';
import { AgreementErrors } from './agreement.errors.js';

/**
 * Judicial confirmation (司法确认): within 30 days of the agreement taking effect the parties may
 * apply jointly to a people's court; the court's ruling is recorded here. A rejected confirmation
 * is followed by closing the case as referred to litigation or arbitration (CaseService.close).
 * The reminders before the deadline and the lapse after it are the clock sweeper's.
 */
@Injectable()
export class ConfirmationService {
  constructor(private readonly workflow: CaseWorkflow) {}

  /** The mediator or an admin files it with the parties, or a party records that they did. */
  request(actor: Actor | null, input: z.output<typeof RequestConfirmationInput>): Promise<MediationCaseView> {
    return this.workflow.transition(actor, input.caseId, async (_em, c, parties, a) => {
      const access = accessOf(c, parties);
      if (!mayConduct(a, access) && !isParty(a, access)) throw new AppError('FORBIDDEN', "only the case's parties, its mediator or an admin of its place apply for judicial confirmation");
      if (c.state !== 'agreed') throw AgreementErrors.wrongState(c.state, 'apply for judicial confirmation: it has no agreement in effect');
      if (['requested', 'confirmed', 'rejected'].includes(c.confirmationState)) throw AgreementErrors.alreadyRequested();
      const now = new Date();
      if (c.confirmationState === 'lapsed' || !c.confirmationDeadline || c.confirmationDeadline <= now) throw AgreementErrors.deadlinePassed();
      return {
        patch: { confirmationState: 'requested', confirmationCourt: input.court, confirmationRequestedAt: now },
        action: 'confirmation_requested',
        note: input.court,
        event: MediationEvents.confirmationRequested,
        extra: { court: input.court },
      };
    });
  }

  /** The court's ruling, as the mediator or an admin receives it. */
  record(actor: Actor | null, input: z.output<typeof RecordConfirmationInput>): Promise<MediationCaseView> {
    return this.workflow.transition(actor, input.caseId, async (_em, c, parties, a) => {
      if (!mayConduct(a, accessOf(c, parties))) throw AgreementErrors.notConductor("records the court's ruling");
      if (c.confirmationState !== 'requested') throw AgreementErrors.notRequested();
      if (c.state !== 'agreed') throw AgreementErrors.wrongState(c.state, 'have a ruling recorded');
      const now = new Date();
      const decidedAt = input.decidedAt ? new Date(input.decidedAt) : now;
      if (decidedAt > now) throw AgreementErrors.decidedInFuture();
      const confirmationState = input.confirmed ? 'confirmed' : 'rejected';
      return {
        patch: { confirmationState, confirmationRuling: input.rulingReference, confirmationDecidedAt: decidedAt },
        action: `confirmation_${confirmationState}`,
        note: input.rulingReference,
        event: MediationEvents.confirmationRecorded,
        extra: { confirmed: input.confirmed, rulingReference: input.rulingReference },
      };
    });
  }
}

import type { DomainEvent } from '@gov/kernel';
import { CaseRepository } from '@gov/mediation-data-access';
import { disputeCategoryOfPetition } from '@gov/mediation-domain';
import { Inbox } from '@gov/platform-outbox';
import { Injectable } from '@nestjs/common';
import { CaseService } from './case.service.js';
import { MediationRequestedData } from './petition-events.js';

/** The applicant and respondent a case from a petition starts with, until the mediator's first session names them. */
export const PETITION_APPLICANT_ZH = '诉求人';
export const UNKNOWN_RESPONDENT_ZH = '对方当事人（待核实）';

/**
 * Opens a case for a petition handed on for mediation. At most once per petition: the inbox drops
 * a redelivered event, and a petition that already has a case gets no second one. The case's
 * `opened` event carries `sourcePetitionId`, which petitions links back.
 */
@Injectable()
export class CaseIntake {
  constructor(
    private readonly inbox: Inbox,
    private readonly cases: CaseRepository,
    private readonly caseService: CaseService,
  ) {}

  async fromPetition(consumer: string, event: DomainEvent<unknown>): Promise<void> {
    const p = MediationRequestedData.parse(event.data);
    await this.inbox.once(consumer, event.id, async (em) => {
      if (await this.cases.bySourcePetition(em, p.id)) return;
      await this.caseService.openWithin(em, { accountId: null, label: 'petitions' }, {
        source: 'petition',
        sourcePetitionId: p.id,
        sourceMeetingId: null,
        courtReference: null,
        category: disputeCategoryOfPetition(p.category),
        title: p.title.slice(0, 60),
        facts: [p.description, p.note ? `（转办说明：${p.note}）` : null, `诉求编号 ${p.trackingCode}`].filter(Boolean).join('\n'),
        region: p.region,
        level: null,
        amountFen: null,
        risk: 'low',
        criminalRisk: false,
        parties: [
          { role: 'applicant', name: PETITION_APPLICANT_ZH, personId: null, phone: null, idNumber: null, relatedPersonIds: [] },
          { role: 'respondent', name: UNKNOWN_RESPONDENT_ZH, personId: null, phone: null, idNumber: null, relatedPersonIds: [] },
        ],
      });
    });
  }
}

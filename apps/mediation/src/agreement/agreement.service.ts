import type { Actor } from '@gov/kernel';
import {
  MediationEvents,
  type AcceptAgreementInput,
  type AgreementDocumentInput,
  type AgreementDocumentView,
  type AgreementTemplateView,
  type AgreementView,
  type CaseState,
  type DraftAgreementInput,
} from '@gov/mediation-contracts';
import { AgreementRepository, CaseRepository, type AgreementRecord, type NewFollowUp, type PartyRecord } from '@gov/mediation-data-access';
import { confirmationDeadline, isParty, mayConduct } from '@gov/mediation-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { LOGGER, SERVICE_CONFIG } from '@gov/platform-service';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { accessOf, caseEventData } from '../case/case-view.js';
import { CaseWorkflow, doer } from '../case/case-workflow.js';
import { CaseErrors } from '../case/case.errors.js';
import type { MediationConfig } from '../config.js';
import { DOCUMENT_TITLE, documentBlocks, renderHtml, renderPdf } from './agreement-document.js';
import { agreementTemplates } from './agreement-templates.js';
import { AgreementErrors } from './agreement.errors.js';

/** An agreement is drafted and accepted while the case is with its mediator; `agreed` closes the drafting. */
const NEGOTIATING: readonly CaseState[] = ['assigned', 'mediating'];

/**
 * Agreements (调解协议书): the mediator drafts versions, every party accepts the current one (in
 * the app, or signing in person before the mediator), and the last acceptance settles the case —
 * its instalments become payment follow-ups and the 30-day judicial-confirmation window opens.
 */
@Injectable()
export class AgreementService {
  constructor(
    private readonly workflow: CaseWorkflow,
    private readonly outbox: Outbox,
    private readonly cases: CaseRepository,
    private readonly agreements: AgreementRepository,
    @Inject(SERVICE_CONFIG) private readonly config: MediationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  templates(actor: Actor | null): AgreementTemplateView[] {
    requireActor(actor);
    return agreementTemplates();
  }

  async draft(actor: Actor | null, input: z.output<typeof DraftAgreementInput>): Promise<AgreementView> {
    await this.workflow.transition(actor, input.caseId, async (em, c, parties, a) => {
      if (!mayConduct(a, accessOf(c, parties))) throw AgreementErrors.notConductor('drafts its agreement');
      if (!NEGOTIATING.includes(c.state)) throw AgreementErrors.wrongState(c.state, 'have an agreement drafted');
      const late = input.instalments.findIndex((i) => i.dueOn > input.performanceDeadline);
      if (late >= 0) throw AgreementErrors.instalmentAfterDeadline(late);
      const drafted = await this.agreements.insertNextVersion(em, {
        caseId: c.id,
        template: input.template,
        facts: input.facts,
        terms: input.terms,
        performanceMethod: input.performanceMethod,
        performanceDeadline: input.performanceDeadline,
        instalments: input.instalments,
        draftedBy: a.accountId,
      });
      return {
        patch: { agreementVersion: drafted.version },
        action: 'agreement_drafted',
        note: `version ${drafted.version}`,
        event: MediationEvents.agreementDrafted,
        // The facts and terms name people: the event carries only their shape.
        extra: { agreementVersion: drafted.version, template: drafted.template, terms: drafted.terms.length, instalments: drafted.instalments.length },
      };
    });
    return this.get(actor, input);
  }

  /**
   * A party accepts for themself; the mediator or an admin records a signature given in person.
   * The last party's acceptance makes the case `agreed` in the same transaction.
   */
  async accept(actor: Actor | null, input: z.output<typeof AcceptAgreementInput>): Promise<AgreementView> {
    await this.workflow.transition(actor, input.caseId, async (em, c, parties, a) => {
      const party = parties.find((p) => p.id === input.partyId);
      if (!party) throw CaseErrors.unknownParty();
      const access = accessOf(c, parties);
      const self = a.personId !== null && party.personId === a.personId;
      // A party is never also the one who records for the others, whatever other roles they hold.
      if (!self && isParty(a, access)) throw AgreementErrors.notYourParty();
      if (!self && !mayConduct(a, access)) throw AgreementErrors.notConductor("records a party's acceptance");
      const current = c.agreementVersion;
      if (current === null) throw AgreementErrors.nothingToAccept();
      if (input.version === current && party.acceptedVersion === current) throw AgreementErrors.alreadyAccepted();
      if (!NEGOTIATING.includes(c.state)) throw AgreementErrors.wrongState(c.state, 'have its agreement accepted');
      if (input.version !== current) throw AgreementErrors.staleVersion(current);

      await this.cases.acceptByParty(em, party.id, current);
      const extra = { agreementVersion: current, partyId: party.id, role: party.role, inPerson: !self };
      const note = `party ${party.position} (${party.role})${self ? '' : ', signed in person'}`;
      const all = await this.cases.partiesIn(em, c.id);
      if (!all.every((p) => p.acceptedVersion === current)) return { action: 'agreement_accepted', note, event: MediationEvents.agreementAccepted, extra };

      // The last acceptance: recorded as such, then the case settles.
      const by = doer(a);
      await this.cases.appendTimeline(em, { caseId: c.id, action: 'agreement_accepted', fromState: c.state, toState: c.state, actorAccountId: by.accountId, actorLabel: by.label, note });
      await this.outbox.add(em, { ...MediationEvents.agreementAccepted, region: c.region, subjectId: c.id, data: caseEventData(c, extra) });
      const agreement = (await this.agreements.byVersionIn(em, c.id, current))!;
      const followUps = followUpsOf(agreement);
      await this.agreements.scheduleFollowUps(em, followUps);
      const agreedAt = new Date();
      return {
        patch: { state: 'agreed', agreedAt, confirmationDeadline: confirmationDeadline(agreedAt) },
        action: 'agreed',
        note: `version ${current}`,
        event: MediationEvents.caseAgreed,
        extra: { agreementVersion: current, followUps: followUps.length },
      };
    });
    return this.get(actor, input);
  }

  /** The current agreement, or null before one is drafted (NOT_FOUND for a case the caller may not see). */
  async find(actor: Actor | null, { caseId }: { caseId: string }): Promise<AgreementView | null> {
    const v = await this.workflow.visible(actor, caseId);
    if (v.case.agreementVersion === null) return null;
    return this.get(actor, { caseId });
  }

  async get(actor: Actor | null, { caseId }: { caseId: string }): Promise<AgreementView> {
    const { agreement, parties } = await this.current(actor, caseId);
    return agreementView(agreement, parties);
  }

  async document(actor: Actor | null, input: z.output<typeof AgreementDocumentInput>): Promise<AgreementDocumentView> {
    const { case: c, parties, agreement } = await this.current(actor, input.caseId);
    const blocks = documentBlocks(c, parties, agreement);
    const base = { caseId: c.id, version: agreement.version, format: input.format };
    if (input.format === 'html') return { ...base, contentType: 'text/html; charset=utf-8', content: renderHtml(blocks) };
    try {
      const pdf = await renderPdf(blocks, this.config.AGREEMENT_FONT, `${DOCUMENT_TITLE} ${c.number}`);
      return { ...base, contentType: 'application/pdf', content: pdf.toString('base64') };
    } catch (err) {
      this.logger.warn({ font: this.config.AGREEMENT_FONT, caseId: c.id, err }, 'agreement PDF not rendered');
      throw err;
    }
  }

  /** The case's current agreement for a caller who may see the case. */
  private async current(actor: Actor | null, caseId: string) {
    const v = await this.workflow.visible(actor, caseId);
    const version = v.case.agreementVersion;
    const agreement = version === null ? null : await this.agreements.byVersion(caseId, version);
    if (!agreement) throw AgreementErrors.noAgreement();
    return { ...v, agreement };
  }
}

/** Each instalment is a payment to check on its day; one visit checks the whole on the performance deadline (回访). */
function followUpsOf(a: AgreementRecord): NewFollowUp[] {
  return [
    ...a.instalments.map((i, n): NewFollowUp => ({ id: randomUUID(), caseId: a.caseId, kind: 'payment', dueOn: i.dueOn, amountFen: i.amountFen, note: `第${n + 1}期` })),
    { id: randomUUID(), caseId: a.caseId, kind: 'visit', dueOn: a.performanceDeadline, amountFen: null, note: '履行期限届满回访' },
  ];
}

export function agreementView(a: AgreementRecord, parties: readonly PartyRecord[]): AgreementView {
  const accepted = parties.filter((p) => p.acceptedVersion === a.version && p.acceptedAt);
  return {
    caseId: a.caseId,
    version: a.version,
    template: a.template,
    facts: a.facts,
    terms: a.terms,
    performanceMethod: a.performanceMethod,
    performanceDeadline: a.performanceDeadline,
    instalments: a.instalments,
    draftedAt: a.draftedAt.toISOString(),
    draftedBy: a.draftedBy,
    acceptances: accepted.map((p) => ({ partyId: p.id, partyName: p.name, acceptedAt: p.acceptedAt!.toISOString() })),
    effective: parties.length > 0 && accepted.length === parties.length,
  };
}

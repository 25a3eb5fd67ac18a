import { AppError, actorCan, actorRegions, countyOf, notFound, pathNotFound, regionContains, type Actor, type GetManyInput } from '@gov/kernel';
import {
  MediationEvents,
  OPEN_CASE_STATES,
  type CasePageView,
  type CaseTimelineEntryView,
  type CloseCaseInput,
  type EscalateCaseInput,
  type ListCasesInput,
  type MediationCaseView,
  type OpenCaseInput,
  type PartyContactInput,
  type PartyContactView,
  type UpdatePartyInput,
} from '@gov/mediation-contracts';
import { CaseRepository, DirectoryRepository, type CaseRecord, type NewCase, type NewParty } from '@gov/mediation-data-access';
import { CASE_STAFF_ROLES, caseNumber, caseVisibleTo, mayConduct, nextLevel, openingLevel, policeGridOf } from '@gov/mediation-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { maskIdCard, maskPhone, PiiCipher } from '@gov/platform-persistence';
import { TransactionRunner } from '@gov/platform-service';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { accessOf, caseEventData, caseView, timelineView } from './case-view.js';
import { requireKnownPersons } from '../directory/known-persons.js';
import { CaseWorkflow, doer, type Doer } from './case-workflow.js';
import { CaseErrors } from './case.errors.js';

/** Where a party's encrypted values live: the ciphertext is bound to its row and column. */
export const partyPlace = (partyId: string, column: 'phone' | 'id_number') => ({ table: 'case_party', column, rowId: partyId });

/** A case to open, already validated: from the API or from a petition handed on. */
export type CaseOpening = z.output<typeof OpenCaseInput>;

/** Cases from intake to closing: opening (with the police alert), reads, escalation and closing. */
@Injectable()
export class CaseService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly cases: CaseRepository,
    private readonly workflow: CaseWorkflow,
    private readonly cipher: PiiCipher,
    private readonly directory: DirectoryRepository,
  ) {}

  async open(actor: Actor | null, input: CaseOpening): Promise<MediationCaseView> {
    const a = requireActor(actor);
    if (!actorCan(a, CASE_STAFF_ROLES, input.region)) throw new AppError('FORBIDDEN', 'only grid workers, mediators and admins of the place open a case there');
    if (input.source === 'petition' && !input.sourcePetitionId) throw CaseErrors.sourceNeeded('sourcePetitionId');
    if (input.source === 'deliberation' && !input.sourceMeetingId) throw CaseErrors.sourceNeeded('sourceMeetingId');
    if (input.source === 'court_referral' && !input.courtReference) throw CaseErrors.sourceNeeded('courtReference');
    const id = await this.tx.run(async (em) => {
      // Everything the input names is resolved first (NOT_FOUND), then conflicts are judged.
      if (input.sourcePetitionId && (await this.directory.findSource(em, input.sourcePetitionId, 'petition'))?.county !== countyOf(input.region)) throw notFound('petition', input.sourcePetitionId);
      if (input.sourceMeetingId && !(await this.cases.meetingIn(em, input.sourceMeetingId, countyOf(input.region)))) throw notFound('meeting', input.sourceMeetingId);
      await requireKnownPersons(em, this.directory, countyOf(input.region), input.parties.flatMap((p) => [p.personId, ...p.relatedPersonIds]));
      if (input.sourcePetitionId && (await this.cases.bySourcePetition(em, input.sourcePetitionId))) throw CaseErrors.petitionAlreadyOpened();
      return this.openWithin(em, doer(a), input);
    });
    return this.get(a, { id });
  }

  /** Opens a case inside the caller's transaction: the number, the parties (encrypted), the police alert and the events. */
  async openWithin(em: EntityManager, by: Doer, input: CaseOpening, openedAt = new Date()): Promise<string> {
    const level = openingLevel(input.region, input.level);
    if (!level) throw CaseErrors.wrongLevel('a case opens at its place’s level or above (grid, community, street or county)');
    const county = countyOf(input.region);
    const id = randomUUID();
    const n = await this.cases.nextNumber(em, county, openedAt.getFullYear());
    const c: NewCase = {
      id,
      number: caseNumber(county, openedAt.getFullYear(), n),
      source: input.source,
      sourcePetitionId: input.sourcePetitionId,
      sourceMeetingId: input.sourceMeetingId,
      courtReference: input.courtReference,
      category: input.category,
      title: input.title,
      facts: input.facts,
      region: input.region,
      county,
      level,
      amountFen: input.amountFen,
      risk: input.risk,
      criminalRisk: input.criminalRisk,
      policeGrid: input.criminalRisk ? policeGridOf(input.region) : null,
      openedBy: by.accountId ?? SYSTEM_ACCOUNT,
      openedAt,
    };
    const parties: NewParty[] = input.parties.map((p, i) => {
      const partyId = randomUUID();
      return {
        id: partyId,
        caseId: id,
        position: i + 1,
        role: p.role,
        name: p.name,
        personId: p.personId,
        phoneEnc: p.phone ? this.cipher.encrypt(p.phone, partyPlace(partyId, 'phone')) : null,
        phoneMasked: p.phone ? maskPhone(p.phone) : null,
        idNumberEnc: p.idNumber ? this.cipher.encrypt(p.idNumber.toUpperCase(), partyPlace(partyId, 'id_number')) : null,
        idNumberMasked: p.idNumber ? maskIdCard(p.idNumber.toUpperCase()) : null,
        relatedPersonIds: p.relatedPersonIds,
      };
    });
    await this.cases.insert(em, c, parties);
    const opened = (await this.cases.reload(em, id))!;
    await this.cases.appendTimeline(em, { caseId: id, action: 'opened', fromState: null, toState: 'opened', actorAccountId: by.accountId, actorLabel: by.label, note: null, at: openedAt });
    await this.outbox.add(em, { ...MediationEvents.caseOpened, region: c.region, subjectId: id, data: caseEventData(opened, { title: c.title }) });
    if (c.criminalRisk) await this.alertPolice(em, by, opened);
    return id;
  }

  /** 民转刑: the police grid of the place hears of the case at once (its officers follow `case.police-alerted`). */
  private async alertPolice(em: EntityManager, by: Doer, c: CaseRecord): Promise<void> {
    const policeGrid = c.policeGrid ?? policeGridOf(c.region);
    await this.cases.recordPoliceAlert(em, { id: randomUUID(), caseId: c.id, policeGrid, risk: c.risk, raisedBy: by.accountId });
    await this.cases.appendTimeline(em, { caseId: c.id, action: 'police_alerted', fromState: c.state, toState: c.state, actorAccountId: by.accountId, actorLabel: by.label, note: policeGrid });
    await this.outbox.add(em, { ...MediationEvents.policeAlerted, region: c.region, subjectId: c.id, data: caseEventData(c, { policeGrid, title: c.title }) });
  }

  async get(actor: Actor | null, { id }: { id: string }): Promise<MediationCaseView> {
    const v = await this.workflow.visible(actor, id);
    return caseView(v.case, v.parties);
  }

  async getMany(actor: Actor | null, { ids }: GetManyInput): Promise<MediationCaseView[]> {
    const a = requireActor(actor);
    const rows = await this.cases.byIds(ids);
    const parties = await this.cases.parties(rows.map((r) => r.id));
    return rows.filter((r) => caseVisibleTo(a, accessOf(r, parties))).map((r) => caseView(r, parties));
  }

  async list(actor: Actor | null, input: ListCasesInput): Promise<CasePageView> {
    const a = requireActor(actor);
    const regions = actorRegions(a, CASE_STAFF_ROLES);
    if (input.region && !regions.some((r) => regionContains(r, input.region!) || regionContains(input.region!, r))) throw pathNotFound();
    const rows = await this.cases.list({
      regions,
      personId: a.personId,
      region: input.region,
      states: input.states,
      category: input.category,
      level: input.level,
      organisationId: input.organisationId,
      mediatorId: input.mediatorId,
      criminalRisk: input.criminalRisk,
      confirmationDue: input.confirmationDue,
      afterSeq: decodeSeq(input.after),
      limit: input.first + 1,
    });
    const page = rows.slice(0, input.first);
    const parties = await this.cases.parties(page.map((r) => r.id));
    return { items: page.map((r) => caseView(r, parties)), endCursor: page.length ? encodeSeq(page.at(-1)!.seq) : null, hasNextPage: rows.length > input.first };
  }

  async timeline(actor: Actor | null, { id }: { id: string }): Promise<CaseTimelineEntryView[]> {
    await this.workflow.visible(actor, id);
    return (await this.cases.timeline(id)).map(timelineView);
  }

  /** A party's phone and ID number in clear, for the mediator or an admin; written to `contact_access` before it leaves. */
  async partyContact(actor: Actor | null, input: z.output<typeof PartyContactInput>): Promise<PartyContactView> {
    const v = await this.workflow.visible(actor, input.caseId);
    const a = requireActor(actor);
    if (!mayConduct(a, accessOf(v.case, v.parties))) throw new AppError('FORBIDDEN', "only the case's mediator or an admin of its place reads a party's contact");
    const p = v.parties.find((x) => x.id === input.partyId);
    if (!p) throw CaseErrors.unknownParty();
    await this.tx.run((em) => this.cases.recordContactAccess(em, v.case.id, p.id, a.accountId));
    return {
      caseId: v.case.id,
      partyId: p.id,
      name: p.name,
      phone: p.phoneEnc ? this.cipher.decrypt(p.phoneEnc, partyPlace(p.id, 'phone')) : null,
      idNumber: p.idNumberEnc ? this.cipher.decrypt(p.idNumberEnc, partyPlace(p.id, 'id_number')) : null,
    };
  }

  /** Completes or corrects a party until an agreement is drafted; contacts are encrypted as at opening. */
  updateParty(actor: Actor | null, input: z.output<typeof UpdatePartyInput>): Promise<MediationCaseView> {
    return this.workflow.transition(actor, input.caseId, async (em, c, parties, a) => {
      const p = parties.find((x) => x.id === input.partyId);
      if (!p) throw CaseErrors.unknownParty();
      await requireKnownPersons(em, this.directory, c.county, [input.personId, ...(input.relatedPersonIds ?? [])]);
      if (!mayConduct(a, accessOf(c, parties))) throw new AppError('FORBIDDEN', "only the case's mediator or an admin of its place edits its parties");
      if (!['opened', 'assigned', 'mediating'].includes(c.state) || c.agreementVersion !== null) throw CaseErrors.wrongState(c.state, 'given other parties once an agreement is drafted');
      const idNumber = input.idNumber?.toUpperCase() ?? null;
      await this.cases.updateParty(em, p.id, {
        name: input.name,
        personId: input.personId,
        phoneEnc: input.phone ? this.cipher.encrypt(input.phone, partyPlace(p.id, 'phone')) : null,
        phoneMasked: input.phone ? maskPhone(input.phone) : null,
        idNumberEnc: idNumber ? this.cipher.encrypt(idNumber, partyPlace(p.id, 'id_number')) : null,
        idNumberMasked: idNumber ? maskIdCard(idNumber) : null,
        relatedPersonIds: input.relatedPersonIds,
      });
      return { action: 'party_updated', note: p.role, event: MediationEvents.partyUpdated, extra: { partyId: p.id, role: p.role } };
    });
  }

  /** Up one level (grid → community → street → county centre): the case waits there for a new mediator. */
  escalate(actor: Actor | null, input: z.output<typeof EscalateCaseInput>): Promise<MediationCaseView> {
    return this.workflow.transition(actor, input.caseId, async (_em, c, parties, a) => {
      if (!mayConduct(a, accessOf(c, parties))) throw new AppError('FORBIDDEN', "only the case's mediator or an admin of its place escalates it");
      if (!['opened', 'assigned', 'mediating'].includes(c.state)) throw CaseErrors.wrongState(c.state, 'escalated');
      const level = nextLevel(c.level);
      if (!level) throw CaseErrors.topLevel();
      return {
        patch: { level, state: 'opened', mediatorId: null, organisationId: null, assignedAt: null, escalations: c.escalations + 1 },
        action: 'escalated',
        note: input.reason,
        event: MediationEvents.caseEscalated,
        extra: { fromLevel: c.level, reason: input.reason },
      };
    });
  }

  close(actor: Actor | null, input: z.output<typeof CloseCaseInput>): Promise<MediationCaseView> {
    return this.workflow.transition(actor, input.caseId, async (_em, c, parties, a) => {
      if (!mayConduct(a, accessOf(c, parties))) throw new AppError('FORBIDDEN', "only the case's mediator or an admin of its place closes it");
      if (!OPEN_CASE_STATES.includes(c.state)) throw CaseErrors.wrongState(c.state, 'closed');
      if (input.outcome === 'performed' && c.state !== 'agreed') throw CaseErrors.outcomeNeedsAgreement();
      return {
        patch: { state: 'closed', outcome: input.outcome, closedAt: new Date() },
        action: 'closed',
        note: input.note ?? input.outcome,
        event: MediationEvents.caseClosed,
      };
    });
  }
}

/** The account cases opened by the platform itself (a petition handed on) are recorded under. */
const SYSTEM_ACCOUNT = '00000000-0000-4000-8000-00000000a005';

const encodeSeq = (seq: string) => Buffer.from(`c:${seq}`).toString('base64url');
function decodeSeq(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^c:\d{1,18}$/.test(raw)) throw new AppError('VALIDATION', 'after: not a cursor this list gave out');
  return raw.slice(2);
}

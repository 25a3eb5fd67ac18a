/** Dispute cases (调解案件): from intake to a settled agreement, a referral or a withdrawal. */
import { idSchema as id, pageSizeSchema as first, regionPath } from '@gov/kernel';
import { z } from 'zod';
import { cursor, instant, mobile, nullish, text } from './common.js';
import { CASE_LEVELS, DISPUTE_CATEGORIES, type CaseLevel, type DisputeCategory } from './organisation.js';

/** Where a dispute came from: a petition handed on, a walk-in, a court's pre-litigation referral (诉前委派) or a deliberation meeting. */
export const CASE_SOURCES = ['petition', 'walk_in', 'court_referral', 'deliberation'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/**
 * opened (waiting for a mediator at its level) → assigned → mediating (a session is scheduled) →
 * agreed (every party accepted the agreement) → closed. Escalation takes an open case back to
 * `opened` one level up. `closed` carries the outcome.
 */
export const CASE_STATES = ['opened', 'assigned', 'mediating', 'agreed', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const OPEN_CASE_STATES: readonly CaseState[] = ['opened', 'assigned', 'mediating', 'agreed'];

/**
 * How a closed case ended: the agreement performed (履行完毕), referred to litigation (诉讼) or
 * arbitration (仲裁) after mediation failed, withdrawn by the applicant, or no agreement reached.
 */
export const CASE_OUTCOMES = ['performed', 'referred_litigation', 'referred_arbitration', 'withdrawn', 'no_agreement'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const PARTY_ROLES = ['applicant', 'respondent'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** Ways a party can be related to a mediator that disqualify the mediator (回避). */
export const CONFLICT_KINDS = ['same_household', 'same_building', 'declared_relation', 'is_party'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export const PartyInput = z.object({
  role: z.enum(PARTY_ROLES),
  /** A person or an organisation (an employer, a property company). */
  name: text(60),
  /** The identity person, when the party has one: the conflict check and self-service acceptance use it. */
  personId: nullish(id),
  phone: nullish(mobile),
  /** Encrypted like a phone; only its masked form is shown. */
  idNumber: nullish(z.string().trim().regex(/^\d{17}[\dXx]$|^[0-9A-Z]{18}$/, 'must be an 18-character ID or credit code')),
  /** Mediators' person ids the party declares related (亲属) — they may not mediate. */
  relatedPersonIds: z.array(id).max(20).default([]),
});
export type PartyInput = z.input<typeof PartyInput>;

export const OpenCaseInput = z
  .object({
    source: z.enum(CASE_SOURCES),
    sourcePetitionId: nullish(id),
    sourceMeetingId: nullish(id),
    /** The court's referral number, e.g. （2026）鄂0802民诉前调1234号. */
    courtReference: nullish(text(60)),
    category: z.enum(DISPUTE_CATEGORIES),
    title: text(60),
    facts: text(4000),
    /** The grid or community where the dispute is (the police grid alerted on a criminal risk). */
    region: regionPath,
    /** Default: grid for a grid path, else the level of the path's node. */
    level: nullish(z.enum(CASE_LEVELS)),
    /** Amount in dispute in fen (分); null when not about money. */
    amountFen: nullish(z.number().int().min(0).max(1e13)),
    risk: z.enum(RISK_LEVELS).default('low'),
    /** 民转刑: the dispute may turn violent — alerts the police grid at once. */
    criminalRisk: z.boolean().default(false),
    parties: z.array(PartyInput).min(2).max(10),
  })
  .refine((c) => c.parties.some((p) => p.role === 'applicant') && c.parties.some((p) => p.role === 'respondent'), {
    message: 'a case needs at least one applicant and one respondent',
    path: ['parties'],
  });
export type OpenCaseInput = z.input<typeof OpenCaseInput>;

export const GetCaseInput = z.object({ id });
export const ListCasesInput = z.object({
  /** A region subtree; default every region the caller sees. */
  region: nullish(regionPath),
  states: nullish(z.array(z.enum(CASE_STATES)).max(CASE_STATES.length)),
  category: nullish(z.enum(DISPUTE_CATEGORIES)),
  level: nullish(z.enum(CASE_LEVELS)),
  organisationId: nullish(id),
  mediatorId: nullish(id),
  criminalRisk: nullish(z.boolean()),
  /** Only agreed cases whose judicial-confirmation window is still open. */
  confirmationDue: nullish(z.boolean()),
  first,
  after: cursor,
});
export type ListCasesInput = z.output<typeof ListCasesInput>;

/** Completes or corrects a party before an agreement is drafted (a case from a petition starts with placeholders). */
export const UpdatePartyInput = z.object({
  caseId: id,
  partyId: id,
  name: nullish(text(60)),
  personId: nullish(id),
  phone: nullish(mobile),
  idNumber: nullish(z.string().trim().regex(/^\d{17}[\dXx]$|^[0-9A-Z]{18}$/, 'must be an 18-character ID or credit code')),
  relatedPersonIds: nullish(z.array(id).max(20)),
});
export const PartyContactInput = z.object({ caseId: id, partyId: id });
export const SuggestMediatorsInput = z.object({ caseId: id, first: z.number().int().min(1).max(20).default(5) });
export const AssignMediatorInput = z.object({
  caseId: id,
  mediatorId: id,
  /** Required to assign a mediator with a conflict of interest; audited and published. */
  overrideReason: nullish(text(500)),
});
export const EscalateCaseInput = z.object({ caseId: id, reason: text(500) });
export const CloseCaseInput = z.object({
  caseId: id,
  outcome: z.enum(CASE_OUTCOMES),
  note: nullish(text(1000)),
});
export const RecordConfirmationInput = z.object({
  caseId: id,
  /** The court's ruling on the joint application. */
  confirmed: z.boolean(),
  rulingReference: nullish(text(60)),
  decidedAt: nullish(instant),
});

export interface PartyView {
  id: string;
  role: PartyRole;
  name: string;
  personId: string | null;
  /** e.g. 138****5678; `partyContact` unmasks, audited. */
  phoneMasked: string | null;
  idNumberMasked: string | null;
  acceptedAgreementVersion: number | null;
}

export interface ConflictView {
  kind: ConflictKind;
  partyId: string;
  partyName: string;
}

export interface MediationCaseView {
  id: string;
  /** 东宝调〔2026〕0001号 style case number, per county and year. */
  number: string;
  source: CaseSource;
  sourcePetitionId: string | null;
  sourceMeetingId: string | null;
  courtReference: string | null;
  category: DisputeCategory;
  categoryZh: string;
  title: string;
  facts: string;
  region: string;
  county: string;
  level: CaseLevel;
  amountFen: number | null;
  risk: RiskLevel;
  criminalRisk: boolean;
  /** The police grid alerted of a criminal risk (the place's community). */
  policeGrid: string | null;
  state: CaseState;
  outcome: CaseOutcome | null;
  organisationId: string | null;
  organisationName: string | null;
  mediatorId: string | null;
  mediatorName: string | null;
  parties: PartyView[];
  escalations: number;
  agreementVersion: number | null;
  agreedAt: string | null;
  /** 30 days after the agreement took effect: the last day to apply jointly for judicial confirmation. */
  confirmationDeadline: string | null;
  confirmationState: ConfirmationState;
  openedBy: string;
  openedAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** none → requested (joint application filed) → confirmed | rejected; `lapsed` when the 30 days passed without one. */
export const CONFIRMATION_STATES = ['none', 'requested', 'confirmed', 'rejected', 'lapsed'] as const;
export type ConfirmationState = (typeof CONFIRMATION_STATES)[number];

export interface CasePageView {
  items: MediationCaseView[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface CaseTimelineEntryView {
  seq: string;
  at: string;
  action: string;
  fromState: CaseState | null;
  toState: CaseState;
  actorAccountId: string | null;
  actorLabel: string;
  note: string | null;
}

export interface PartyContactView {
  caseId: string;
  partyId: string;
  name: string;
  phone: string | null;
  idNumber: string | null;
}

export interface MediatorSuggestionView {
  mediatorId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  specialities: DisputeCategory[];
  load: number;
  capacity: number;
  /** Higher is better: speciality match, nearness of the organisation to the place, spare capacity. */
  score: number;
  /** Conflicts found: a suggestion with any is shown but needs an override to assign. */
  conflicts: ConflictView[];
}

export type { CaseLevel };

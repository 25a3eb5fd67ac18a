/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type * as Types from '../../api/schema-types.js';

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Agreement template (协议书模板): general (通用), payment (给付/分期付款), neighbours (邻里纠纷), labour_injury (劳动争议与工伤), marriage_family (婚姻家庭). */
export type AgreementTemplateKind =
  | 'general'
  | 'labour_injury'
  | 'marriage_family'
  | 'neighbours'
  | 'payment';

/** Dispute category (纠纷类别): neighbours (邻里纠纷), land_boundary (土地边界纠纷), marriage_family (婚姻家庭纠纷), property_management (物业纠纷), labour_injury (劳动争议与工伤), consumer (消费纠纷), other (其他纠纷). */
export type DisputeCategory =
  | 'consumer'
  | 'labour_injury'
  | 'land_boundary'
  | 'marriage_family'
  | 'neighbours'
  | 'other'
  | 'property_management';

/** visit (回访, checking the agreement is kept) or payment (履行跟踪, an instalment due). */
export type FollowUpKind =
  | 'payment'
  | 'visit';

/** Judicial confirmation (司法确认) of the agreement: none → requested (joint application filed, 已申请) → confirmed (已确认) | rejected (驳回); lapsed (逾期) when 30 days passed without an application. */
export type JudicialConfirmationState =
  | 'confirmed'
  | 'lapsed'
  | 'none'
  | 'rejected'
  | 'requested';

/** How a closed case ended: performed (履行完毕, the only resolved outcome), referred_litigation (转诉讼), referred_arbitration (转仲裁), withdrawn (申请人撤回), no_agreement (调解不成). */
export type MediationCaseOutcome =
  | 'no_agreement'
  | 'performed'
  | 'referred_arbitration'
  | 'referred_litigation'
  | 'withdrawn';

/** Where a dispute came from: petition (a petition handed on, 诉求转调解), walk_in (来访), court_referral (a court's pre-litigation referral, 诉前委派), deliberation (a deliberation meeting, 议事会). */
export type MediationCaseSource =
  | 'court_referral'
  | 'deliberation'
  | 'petition'
  | 'walk_in';

/** opened (受理, waiting for a mediator at its level) → assigned (已指派) → mediating (调解中, a session is scheduled) → agreed (达成协议, every party accepted) → closed (结案, with an outcome). Escalation takes an open case back to opened one level up. */
export type MediationCaseState =
  | 'agreed'
  | 'assigned'
  | 'closed'
  | 'mediating'
  | 'opened';

/** Handling level, lowest first: grid (网格), community (社区), street (街道), county (县级调处中心) — 小事不出网格、大事不出社区. */
export type MediationLevel =
  | 'community'
  | 'county'
  | 'grid'
  | 'street';

/** applicant (申请人) or respondent (被申请人). */
export type MediationPartyRole =
  | 'applicant'
  | 'respondent';

/** Risk of the dispute escalating (风险等级): low (低), medium (中), high (高). */
export type MediationRiskLevel =
  | 'high'
  | 'low'
  | 'medium';

/** in_person (现场调解, in a mediation room) or online (线上调解, a video meeting). */
export type MediationSessionMode =
  | 'in_person'
  | 'online';

/** scheduled (已安排) → held (已召开) or cancelled (未召开). */
export type MediationSessionState =
  | 'cancelled'
  | 'held'
  | 'scheduled';

export type MediationCaseDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type MediationCaseDetailQuery = { mediationCase: { id: string, number: string, title: string, facts: string, category: Types.DisputeCategory, categoryZh: string, level: Types.MediationLevel, state: Types.MediationCaseState, risk: Types.MediationRiskLevel, criminalRisk: boolean, policeGrid: string | null, source: Types.MediationCaseSource, sourcePetitionId: string | null, courtReference: string | null, region: string, county: string, amountFen: number | null, escalations: number, mediatorName: string | null, organisationName: string | null, openedAt: string, agreedAt: string | null, closedAt: string | null, outcome: Types.MediationCaseOutcome | null, agreementVersion: number | null, confirmationState: Types.JudicialConfirmationState, confirmationDeadline: string | null, parties: Array<{ id: string, name: string, role: Types.MediationPartyRole, phoneMasked: string | null, idNumberMasked: string | null, acceptedAgreementVersion: number | null }> }, mediationCaseTimeline: Array<{ seq: string, at: string, action: string, actorLabel: string, fromState: Types.MediationCaseState | null, toState: Types.MediationCaseState, note: string | null }>, mediationSessions: Array<{ id: string, seq: number, mode: Types.MediationSessionMode, state: Types.MediationSessionState, startsAt: string, place: string | null, meetingLink: string | null, attendedPartyIds: Array<string>, notes: string | null }>, mediationAgreement: { version: number, effective: boolean, template: Types.AgreementTemplateKind, draftedAt: string, facts: string, terms: Array<string>, performanceMethod: string, performanceDeadline: string, instalments: Array<{ amountFen: number, dueOn: string }>, acceptances: Array<{ partyId: string, partyName: string, acceptedAt: string }> } | null, mediationFollowUps: Array<{ id: string, kind: Types.FollowUpKind, dueOn: string, amountFen: number | null, paidFen: number | null, done: boolean | null, overdue: boolean, note: string | null, recordedAt: string | null }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const MediationCaseDetailDocument = new TypedDocumentString(`
    query MediationCaseDetail($id: ID!) {
  mediationCase(id: $id) {
    id
    number
    title
    facts
    category
    categoryZh
    level
    state
    risk
    criminalRisk
    policeGrid
    source
    sourcePetitionId
    courtReference
    region
    county
    amountFen
    escalations
    mediatorName
    organisationName
    openedAt
    agreedAt
    closedAt
    outcome
    agreementVersion
    confirmationState
    confirmationDeadline
    parties {
      id
      name
      role
      phoneMasked
      idNumberMasked
      acceptedAgreementVersion
    }
  }
  mediationCaseTimeline(caseId: $id) {
    seq
    at
    action
    actorLabel
    fromState
    toState
    note
  }
  mediationSessions(caseId: $id) {
    id
    seq
    mode
    state
    startsAt
    place
    meetingLink
    attendedPartyIds
    notes
  }
  mediationAgreement(caseId: $id) {
    version
    effective
    template
    draftedAt
    facts
    terms
    performanceMethod
    performanceDeadline
    instalments {
      amountFen
      dueOn
    }
    acceptances {
      partyId
      partyName
      acceptedAt
    }
  }
  mediationFollowUps(caseId: $id) {
    id
    kind
    dueOn
    amountFen
    paidFen
    done
    overdue
    note
    recordedAt
  }
}
    `) as unknown as TypedDocumentString<MediationCaseDetailQuery, MediationCaseDetailQueryVariables>;
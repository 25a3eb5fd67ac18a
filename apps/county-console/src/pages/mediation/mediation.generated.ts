/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type * as Types from '../../api/schema-types.js';

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Dispute category (纠纷类别): neighbours (邻里纠纷), land_boundary (土地边界纠纷), marriage_family (婚姻家庭纠纷), property_management (物业纠纷), labour_injury (劳动争议与工伤), consumer (消费纠纷), other (其他纠纷). */
export type DisputeCategory =
  | 'consumer'
  | 'labour_injury'
  | 'land_boundary'
  | 'marriage_family'
  | 'neighbours'
  | 'other'
  | 'property_management';

/** Judicial confirmation (司法确认) of the agreement: none → requested (joint application filed, 已申请) → confirmed (已确认) | rejected (驳回); lapsed (逾期) when 30 days passed without an application. */
export type JudicialConfirmationState =
  | 'confirmed'
  | 'lapsed'
  | 'none'
  | 'rejected'
  | 'requested';

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

/** Deliberation meeting (议事会): five_member (五员议事), red_bench (红板凳议事会), evening_talk (村湾夜话), joint_committee (the community big party committee's quarterly joint meeting, 大党委联席会). */
export type MediationMeetingKind =
  | 'evening_talk'
  | 'five_member'
  | 'joint_committee'
  | 'red_bench';

/** scheduled (已安排, the agenda is open) → held (已召开, minutes recorded; decisions may follow). */
export type MediationMeetingState =
  | 'held'
  | 'scheduled';

/** Risk of the dispute escalating (风险等级): low (低), medium (中), high (高). */
export type MediationRiskLevel =
  | 'high'
  | 'low'
  | 'medium';

export type MediationCasesListQueryVariables = Exact<{
  region?: string | null | undefined;
  states?: Array<Types.MediationCaseState> | Types.MediationCaseState | null | undefined;
  category?: Types.DisputeCategory | null | undefined;
  level?: Types.MediationLevel | null | undefined;
  confirmationDue?: boolean | null | undefined;
  criminalRisk?: boolean | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MediationCasesListQuery = { mediationCases: { items: Array<{ id: string, number: string, title: string, category: Types.DisputeCategory, categoryZh: string, level: Types.MediationLevel, state: Types.MediationCaseState, risk: Types.MediationRiskLevel, criminalRisk: boolean, mediatorName: string | null, openedAt: string, confirmationState: Types.JudicialConfirmationState, confirmationDeadline: string | null, region: string }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type MediationMeetingsListQueryVariables = Exact<{
  region?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type MediationMeetingsListQuery = { mediationMeetings: Array<{ id: string, title: string, kind: Types.MediationMeetingKind, place: string, region: string, startsAt: string, state: Types.MediationMeetingState, agendaItems: number, decisions: number, attendees: number }> };

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

export const MediationCasesListDocument = new TypedDocumentString(`
    query MediationCasesList($region: String, $states: [MediationCaseState!], $category: DisputeCategory, $level: MediationLevel, $confirmationDue: Boolean, $criminalRisk: Boolean, $first: Int, $after: String) {
  mediationCases(
    region: $region
    states: $states
    category: $category
    level: $level
    confirmationDue: $confirmationDue
    criminalRisk: $criminalRisk
    first: $first
    after: $after
  ) {
    items {
      id
      number
      title
      category
      categoryZh
      level
      state
      risk
      criminalRisk
      mediatorName
      openedAt
      confirmationState
      confirmationDeadline
      region
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<MediationCasesListQuery, MediationCasesListQueryVariables>;
export const MediationMeetingsListDocument = new TypedDocumentString(`
    query MediationMeetingsList($region: String, $first: Int) {
  mediationMeetings(region: $region, first: $first) {
    id
    title
    kind
    place
    region
    startsAt
    state
    agendaItems
    decisions
    attendees
  }
}
    `) as unknown as TypedDocumentString<MediationMeetingsListQuery, MediationMeetingsListQueryVariables>;
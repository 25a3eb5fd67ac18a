import {
  CASE_OUTCOMES,
  CASE_SOURCES,
  CASE_STATES,
  CONFIRMATION_STATES,
  CONFIRMATION_WINDOW_DAYS,
  CONFLICT_KINDS,
  PARTY_ROLES,
  RISK_LEVELS,
  type CaseLevel,
  type CaseOutcome,
  type CaseSource,
  type CaseState,
  type CaseTimelineEntryView,
  type ConfirmationState,
  type ConflictKind,
  type ConflictView,
  type DisputeCategory,
  type MediationCaseView,
  type MediatorSuggestionView,
  type PartyContactView,
  type PartyRole,
  type PartyView,
  type RiskLevel,
} from '@gov/mediation-contracts';
import { ConnectionType, enumFromValues } from '@gov/platform-graphql';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DisputeCategoryEnum, MediationLevelEnum } from './organisation.types.js';

/**
 * Every amount of money is a whole number of fen (分, 1/100 yuan) up to 10^13: GraphQL's Int
 * stops at 2^31 − 1 (about 2.1 crore yuan in fen), so amounts are Floats, exact up to 2^53.
 */
export const FEN = 'In fen (分, 1/100 yuan): a whole number up to 10^13, typed Float because it can exceed a 32-bit Int.';

/** Parties a case has at most (the contract's bound), in the descriptions. */
const MAX_PARTIES = 10;

export const MediationCaseSourceEnum = enumFromValues(CASE_SOURCES);
registerEnumType(MediationCaseSourceEnum, {
  name: 'MediationCaseSource',
  description: "Where a dispute came from: petition (a petition handed on, 诉求转调解), walk_in (来访), court_referral (a court's pre-litigation referral, 诉前委派), deliberation (a deliberation meeting, 议事会).",
});
export const MediationCaseStateEnum = enumFromValues(CASE_STATES);
registerEnumType(MediationCaseStateEnum, {
  name: 'MediationCaseState',
  description:
    'opened (受理, waiting for a mediator at its level) → assigned (已指派) → mediating (调解中, a session is scheduled) → agreed (达成协议, every party accepted) → closed (结案, with an outcome). Escalation takes an open case back to opened one level up.',
});
export const MediationCaseOutcomeEnum = enumFromValues(CASE_OUTCOMES);
registerEnumType(MediationCaseOutcomeEnum, {
  name: 'MediationCaseOutcome',
  description:
    'How a closed case ended: performed (履行完毕, the only resolved outcome), referred_litigation (转诉讼), referred_arbitration (转仲裁), withdrawn (申请人撤回), no_agreement (调解不成).',
});
export const MediationRiskLevelEnum = enumFromValues(RISK_LEVELS);
registerEnumType(MediationRiskLevelEnum, { name: 'MediationRiskLevel', description: 'Risk of the dispute escalating (风险等级): low (低), medium (中), high (高).' });
export const MediationPartyRoleEnum = enumFromValues(PARTY_ROLES);
registerEnumType(MediationPartyRoleEnum, { name: 'MediationPartyRole', description: 'applicant (申请人) or respondent (被申请人).' });
export const MediationConflictKindEnum = enumFromValues(CONFLICT_KINDS);
registerEnumType(MediationConflictKindEnum, {
  name: 'MediationConflictKind',
  description: 'Why a mediator must stand aside (回避): same_household (同户), same_building (同楼栋), declared_relation (a party declared them related, 亲属), is_party (the mediator is a party, 当事人).',
});
export const JudicialConfirmationStateEnum = enumFromValues(CONFIRMATION_STATES);
registerEnumType(JudicialConfirmationStateEnum, {
  name: 'JudicialConfirmationState',
  description: `Judicial confirmation (司法确认) of the agreement: none → requested (joint application filed, 已申请) → confirmed (已确认) | rejected (驳回); lapsed (逾期) when ${CONFIRMATION_WINDOW_DAYS} days passed without an application.`,
});

@ObjectType({ description: "A party (当事人) of a case: phone and ID number masked (mediationPartyContact unmasks them, audited)." })
export class MediationParty implements PartyView {
  @Field(() => ID) id!: string;
  @Field(() => MediationPartyRoleEnum) role!: PartyRole;
  @Field({ description: 'A person or an organisation (an employer, a property company).' }) name!: string;
  @Field(() => ID, { nullable: true, description: 'The identity person, when the party has one.' }) personId!: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. 138****5678.' }) phoneMasked!: string | null;
  @Field(() => String, { nullable: true }) idNumberMasked!: string | null;
  @Field(() => Int, { nullable: true, description: 'The agreement version this party accepted, if any.' }) acceptedAgreementVersion!: number | null;
}

@ObjectType({ description: 'A conflict of interest (回避事由) between a mediator and a party.' })
export class MediationConflict implements ConflictView {
  @Field(() => MediationConflictKindEnum) kind!: ConflictKind;
  @Field(() => ID) partyId!: string;
  @Field() partyName!: string;
}

@ObjectType({
  description: 'A dispute case (调解案件) from intake to a settled agreement, a referral or a withdrawal; seen by staff of its region, its mediator and its parties.',
})
export class MediationCase implements MediationCaseView {
  @Field(() => ID) id!: string;
  @Field({ description: 'Case number per county and year, e.g. 东宝调〔2026〕0001号.' }) number!: string;
  @Field(() => MediationCaseSourceEnum) source!: CaseSource;
  @Field(() => ID, { nullable: true, description: 'The petition it came from (source petition).' }) sourcePetitionId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The deliberation meeting it came from (source deliberation).' }) sourceMeetingId!: string | null;
  @Field(() => String, { nullable: true, description: "The court's referral number, e.g. （2026）鄂0802民诉前调1234号." }) courtReference!: string | null;
  @Field(() => DisputeCategoryEnum) category!: DisputeCategory;
  @Field() categoryZh!: string;
  @Field() title!: string;
  @Field({ description: 'What happened (纠纷事实).' }) facts!: string;
  @Field({ description: 'The grid or community where the dispute is.' }) region!: string;
  @Field() county!: string;
  @Field(() => MediationLevelEnum) level!: CaseLevel;
  @Field(() => Float, { nullable: true, description: `Amount in dispute. ${FEN} Null when not about money.` }) amountFen!: number | null;
  @Field(() => MediationRiskLevelEnum) risk!: RiskLevel;
  @Field({ description: '民转刑 risk: the dispute may turn violent; the police grid is alerted.' }) criminalRisk!: boolean;
  @Field(() => String, { nullable: true, description: 'The police grid alerted of a criminal risk (the community of the place).' }) policeGrid!: string | null;
  @Field(() => MediationCaseStateEnum) state!: CaseState;
  @Field(() => MediationCaseOutcomeEnum, { nullable: true, description: 'Set once closed.' }) outcome!: CaseOutcome | null;
  @Field(() => ID, { nullable: true }) organisationId!: string | null;
  @Field(() => String, { nullable: true }) organisationName!: string | null;
  @Field(() => ID, { nullable: true }) mediatorId!: string | null;
  @Field(() => String, { nullable: true }) mediatorName!: string | null;
  @Field(() => [MediationParty], { description: `2–${MAX_PARTIES} parties, at least one applicant and one respondent.` }) parties!: MediationParty[];
  @Field(() => Int, { description: 'Times it went up a level.' }) escalations!: number;
  @Field(() => Int, { nullable: true, description: 'The current agreement draft, if any.' }) agreementVersion!: number | null;
  @Field(() => String, { nullable: true, description: 'When every party had accepted the agreement (it took effect).' }) agreedAt!: string | null;
  @Field(() => String, { nullable: true, description: `The last day to apply jointly for judicial confirmation: ${CONFIRMATION_WINDOW_DAYS} days after the agreement took effect.` })
  confirmationDeadline!: string | null;
  @Field(() => JudicialConfirmationStateEnum) confirmationState!: ConfirmationState;
  @Field(() => ID, { description: 'The account that opened it.' }) openedBy!: string;
  @Field() openedAt!: string;
  @Field() updatedAt!: string;
  @Field(() => String, { nullable: true }) closedAt!: string | null;
}

@ObjectType()
export class MediationCaseConnection extends ConnectionType(MediationCase) {}

@ObjectType({ description: 'One transition of a case, with who made it: the audit trail.' })
export class MediationCaseTimelineEntry implements CaseTimelineEntryView {
  @Field({ description: 'Order of the entries (a growing number, as a string).' }) seq!: string;
  @Field() at!: string;
  @Field({ description: 'e.g. opened, assigned, escalated, session_recorded, agreed, closed.' }) action!: string;
  @Field(() => MediationCaseStateEnum, { nullable: true }) fromState!: CaseState | null;
  @Field(() => MediationCaseStateEnum) toState!: CaseState;
  @Field(() => ID, { nullable: true }) actorAccountId!: string | null;
  @Field({ description: 'system (a sweep or an event), or the username of the staff member.' }) actorLabel!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType({ description: "A party's phone and ID number in full. Every read is audited." })
export class MediationPartyContact implements PartyContactView {
  @Field(() => ID) caseId!: string;
  @Field(() => ID) partyId!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) idNumber!: string | null;
}

@ObjectType({ description: 'A mediator suggested for a case, best first; one with conflicts is shown but needs an override reason to assign.' })
export class MediatorSuggestion implements MediatorSuggestionView {
  @Field(() => ID) mediatorId!: string;
  @Field() name!: string;
  @Field(() => ID) organisationId!: string;
  @Field() organisationName!: string;
  @Field(() => [DisputeCategoryEnum]) specialities!: DisputeCategory[];
  @Field(() => Int, { description: 'Open cases assigned now.' }) load!: number;
  @Field(() => Int) capacity!: number;
  @Field(() => Float, { description: 'Higher is better: speciality match, nearness of the organisation to the place, spare capacity.' }) score!: number;
  @Field(() => [MediationConflict]) conflicts!: MediationConflict[];
}

@InputType({ description: 'A party of a new case.' })
export class MediationPartyInput {
  @Field(() => MediationPartyRoleEnum) role!: PartyRole;
  @Field({ description: 'A person or an organisation, 1–60 characters.' }) name!: string;
  @Field(() => ID, { nullable: true, description: 'The identity person, when the party has one: the conflict check and self-service acceptance use it.' }) personId?: string | null;
  @Field(() => String, { nullable: true, description: 'A mobile or landline number; stored encrypted, shown masked.' }) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'An 18-character ID number or unified credit code; stored encrypted, shown masked.' }) idNumber?: string | null;
  @Field(() => [ID], { nullable: true, description: "Mediators' person ids the party declares related (亲属): they may not mediate. At most 20." })
  relatedPersonIds?: string[] | null;
}

@InputType()
export class OpenCaseInput {
  @Field(() => MediationCaseSourceEnum) source!: CaseSource;
  @Field(() => ID, { nullable: true, description: 'Required for source petition.' }) sourcePetitionId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Required for source deliberation.' }) sourceMeetingId?: string | null;
  @Field(() => String, { nullable: true, description: "Required for source court_referral: the court's referral number." }) courtReference?: string | null;
  @Field(() => DisputeCategoryEnum) category!: DisputeCategory;
  @Field({ description: '1–60 characters.' }) title!: string;
  @Field({ description: 'What happened, 1–4000 characters.' }) facts!: string;
  @Field({ description: 'The grid or community where the dispute is.' }) region!: string;
  @Field(() => MediationLevelEnum, { nullable: true, description: "Default: the level of the region's node (grid for a grid path); never below it." }) level?: CaseLevel | null;
  @Field(() => Float, { nullable: true, description: `Amount in dispute. ${FEN} Leave out when not about money.` }) amountFen?: number | null;
  @Field(() => MediationRiskLevelEnum, { nullable: true, description: 'Default low.' }) risk?: RiskLevel | null;
  @Field(() => Boolean, { nullable: true, description: '民转刑: the dispute may turn violent — alerts the police grid at once. Default false.' }) criminalRisk?: boolean | null;
  @Field(() => [MediationPartyInput], { description: `2–${MAX_PARTIES} parties, at least one applicant and one respondent.` }) parties!: MediationPartyInput[];
}

@InputType()
export class AssignMediatorInput {
  @Field(() => ID) caseId!: string;
  @Field(() => ID, { description: 'See suggestMediators.' }) mediatorId!: string;
  @Field(() => String, { nullable: true, description: 'Required to assign a mediator with a conflict of interest (at most 500 characters); audited and published.' })
  overrideReason?: string | null;
}

@InputType()
export class EscalateCaseInput {
  @Field(() => ID) caseId!: string;
  @Field({ description: '1–500 characters; kept in the timeline.' }) reason!: string;
}

@InputType()
export class CloseCaseInput {
  @Field(() => ID) caseId!: string;
  @Field(() => MediationCaseOutcomeEnum) outcome!: CaseOutcome;
  @Field(() => String, { nullable: true, description: 'At most 1000 characters; kept in the timeline.' }) note?: string | null;
}

@InputType({ description: 'Completes or corrects a party (a case from a petition starts with placeholders); fields left out keep their value.' })
export class UpdateMediationPartyInput {
  @Field(() => ID) caseId!: string;
  @Field(() => ID) partyId!: string;
  @Field(() => String, { nullable: true, description: '1–60 characters.' }) name?: string | null;
  @Field(() => ID, { nullable: true }) personId?: string | null;
  @Field(() => String, { nullable: true, description: 'A mobile or landline number; stored encrypted, shown masked.' }) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'An 18-character ID number or unified credit code; stored encrypted, shown masked.' }) idNumber?: string | null;
  @Field(() => [ID], { nullable: true, description: "Mediators' person ids the party declares related (亲属). At most 20." }) relatedPersonIds?: string[] | null;
}

import {
  AGREEMENT_TEMPLATES,
  FOLLOW_UP_KINDS,
  type AgreementTemplate as AgreementTemplateKind,
  type AgreementTemplateView,
  type AgreementView,
  type FollowUpKind,
  type FollowUpView,
} from '@gov/mediation-contracts';
import { enumFromValues } from '@gov/platform-graphql';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { FEN } from './case.types.js';

/** The contract's bounds, in the descriptions. */
const MAX_TERMS = 20;
const MAX_INSTALMENTS = 60;
const DATE = 'A calendar day, YYYY-MM-DD.';

export const AgreementTemplateKindEnum = enumFromValues(AGREEMENT_TEMPLATES);
registerEnumType(AgreementTemplateKindEnum, {
  name: 'AgreementTemplateKind',
  description: 'Agreement template (协议书模板): general (通用), payment (给付/分期付款), neighbours (邻里纠纷), labour_injury (劳动争议与工伤), marriage_family (婚姻家庭).',
});
export const FollowUpKindEnum = enumFromValues(FOLLOW_UP_KINDS);
registerEnumType(FollowUpKindEnum, { name: 'FollowUpKind', description: 'visit (回访, checking the agreement is kept) or payment (履行跟踪, an instalment due).' });

@ObjectType({ description: 'A template a mediator starts an agreement from.' })
export class AgreementTemplate implements AgreementTemplateView {
  @Field(() => AgreementTemplateKindEnum) key!: AgreementTemplateKind;
  @Field() titleZh!: string;
  @Field(() => [String], { description: 'Terms a mediator starts from.' }) suggestedTerms!: string[];
}

@ObjectType({ description: 'An instalment of a payment agreement (分期履行).' })
export class AgreementInstalment {
  @Field({ description: DATE }) dueOn!: string;
  @Field(() => Float, { description: FEN }) amountFen!: number;
}

@ObjectType({ description: "A party's acceptance (签字确认) of the agreement's current version." })
export class AgreementAcceptance {
  @Field(() => ID) partyId!: string;
  @Field() partyName!: string;
  @Field() acceptedAt!: string;
}

@ObjectType({
  description: "A case's current agreement (人民调解协议书): each draft is a new version; it takes effect when every party accepted that version. html and pdfUrl give the printable document.",
})
export class MediationAgreement implements AgreementView {
  @Field(() => ID) caseId!: string;
  @Field(() => Int) version!: number;
  @Field(() => AgreementTemplateKindEnum) template!: AgreementTemplateKind;
  @Field({ description: '纠纷事实: what happened, as the parties agree it.' }) facts!: string;
  @Field(() => [String], { description: '协议内容: the terms, in order.' }) terms!: string[];
  @Field({ description: '履行方式, e.g. 银行转账.' }) performanceMethod!: string;
  @Field({ description: `履行期限: by when everything is performed. ${DATE}` }) performanceDeadline!: string;
  @Field(() => [AgreementInstalment]) instalments!: AgreementInstalment[];
  @Field() draftedAt!: string;
  @Field(() => ID, { description: 'The account that drafted this version.' }) draftedBy!: string;
  @Field(() => [AgreementAcceptance], { description: 'Parties who accepted this version.' }) acceptances!: AgreementAcceptance[];
  @Field({ description: 'Every party accepted this version: the agreement is in effect.' }) effective!: boolean;
}

@ObjectType({ description: 'A follow-up of an agreement: a visit (回访) or an instalment to check (履行跟踪).' })
export class MediationFollowUp implements FollowUpView {
  @Field(() => ID) id!: string;
  @Field(() => ID) caseId!: string;
  @Field(() => FollowUpKindEnum) kind!: FollowUpKind;
  @Field({ description: DATE }) dueOn!: string;
  @Field(() => Float, { nullable: true, description: `The instalment due. ${FEN}` }) amountFen!: number | null;
  @Field(() => Float, { nullable: true, description: `What was paid. ${FEN}` }) paidFen!: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Visit made / instalment paid in full; null until recorded.' }) done!: boolean | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String, { nullable: true }) recordedAt!: string | null;
  @Field({ description: 'Due and not yet recorded.' }) overdue!: boolean;
}

@InputType()
export class AgreementInstalmentInput {
  @Field({ description: `${DATE} By the performance deadline.` }) dueOn!: string;
  @Field(() => Float, { description: `At least 1. ${FEN}` }) amountFen!: number;
}

@InputType({ description: 'A new version of the agreement: parties who accepted an older one must accept again.' })
export class DraftAgreementInput {
  @Field(() => ID) caseId!: string;
  @Field(() => AgreementTemplateKindEnum) template!: AgreementTemplateKind;
  @Field({ description: '纠纷事实, 1–4000 characters.' }) facts!: string;
  @Field(() => [String], { description: `协议内容: 1–${MAX_TERMS} terms of 1–1000 characters.` }) terms!: string[];
  @Field({ description: '履行方式, 1–200 characters.' }) performanceMethod!: string;
  @Field({ description: `履行期限. ${DATE}` }) performanceDeadline!: string;
  @Field(() => [AgreementInstalmentInput], { nullable: true, description: `For a payment agreement: up to ${MAX_INSTALMENTS} instalments, followed up once agreed.` })
  instalments?: AgreementInstalmentInput[] | null;
}

@InputType()
export class AcceptAgreementInput {
  @Field(() => ID) caseId!: string;
  @Field(() => ID) partyId!: string;
  @Field(() => Int, { description: 'The version the party read; a newer draft makes the acceptance stale (CONFLICT WRONG_STATE).' }) version!: number;
}

@InputType()
export class RequestJudicialConfirmationInput {
  @Field(() => ID) caseId!: string;
  @Field({ description: "The people's court the joint application goes to, e.g. 东宝区人民法院 (1–60 characters)." }) court!: string;
}

@InputType()
export class RecordJudicialConfirmationInput {
  @Field(() => ID) caseId!: string;
  @Field({ description: "The court's ruling: true confirmed (确认有效), false rejected (驳回)." }) confirmed!: boolean;
  @Field(() => String, { nullable: true, description: "The ruling's reference (at most 60 characters)." }) rulingReference?: string | null;
  @Field(() => String, { nullable: true, description: 'When the court ruled (ISO 8601 with offset, not in the future); default now.' }) decidedAt?: string | null;
}

@InputType()
export class ScheduleFollowUpInput {
  @Field(() => ID) caseId!: string;
  @Field(() => FollowUpKindEnum) kind!: FollowUpKind;
  @Field({ description: DATE }) dueOn!: string;
  @Field(() => Float, { nullable: true, description: `For a payment: the amount due. ${FEN}` }) amountFen?: number | null;
  @Field(() => String, { nullable: true, description: 'At most 500 characters.' }) note?: string | null;
}

@InputType()
export class RecordFollowUpInput {
  @Field(() => ID) id!: string;
  @Field({ description: 'Visit made / instalment paid in full.' }) done!: boolean;
  @Field(() => Float, { nullable: true, description: `What was paid. ${FEN}` }) paidFen?: number | null;
  @Field({ description: '1–1000 characters.' }) note!: string;
}

import {
  CASE_LEVELS,
  DISPUTE_CATEGORIES,
  DISPUTE_CATEGORY_ZH,
  ORGANISATION_KINDS,
  type CaseLevel,
  type DisputeCategory,
  type MediatorView,
  type OrganisationKind,
  type OrganisationView,
} from '@gov/mediation-contracts';
import { enumFromValues } from '@gov/platform-graphql';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

/** Open cases a mediator takes at most, and the default (the contract's bounds). */
const MAX_CAPACITY = 50;
const DEFAULT_CAPACITY = 8;

export const MediationOrganisationKindEnum = enumFromValues(ORGANISATION_KINDS);
registerEnumType(MediationOrganisationKindEnum, {
  name: 'MediationOrganisationKind',
  description:
    "committee: people's mediation committee (人民调解委员会); five_elders: five-elders team (五老调解队); judge_studio: court-stationed judge studio (法官工作室); county_centre: the county's one-stop centre (矛盾纠纷调处化解中心).",
});

export const MediationLevelEnum = enumFromValues(CASE_LEVELS);
registerEnumType(MediationLevelEnum, {
  name: 'MediationLevel',
  description: 'Handling level, lowest first: grid (网格), community (社区), street (街道), county (县级调处中心) — 小事不出网格、大事不出社区.',
});

export const DisputeCategoryEnum = enumFromValues(DISPUTE_CATEGORIES);
registerEnumType(DisputeCategoryEnum, {
  name: 'DisputeCategory',
  description: `Dispute category (纠纷类别): ${DISPUTE_CATEGORIES.map((c) => `${c} (${DISPUTE_CATEGORY_ZH[c]})`).join(', ')}.`,
});

@ObjectType({ description: 'A mediation organisation (调解组织) serving a node of the region tree; the depth of its region sets its level.' })
export class MediationOrganisation implements OrganisationView {
  @Field(() => ID) id!: string;
  @Field(() => MediationOrganisationKindEnum) kind!: OrganisationKind;
  @Field() name!: string;
  @Field({ description: 'The grid, community, street or county it serves.' }) region!: string;
  @Field(() => MediationLevelEnum) level!: CaseLevel;
  @Field(() => Int) mediatorCount!: number;
  @Field(() => Int, { description: 'Open cases assigned to its mediators now.' }) openCases!: number;
  @Field() createdAt!: string;
}

@ObjectType({ description: 'A mediator (调解员) of an organisation: a steward, staff member or volunteer with the specialities they take.' })
export class Mediator implements MediatorView {
  @Field(() => ID) id!: string;
  @Field(() => ID) organisationId!: string;
  @Field() organisationName!: string;
  @Field(() => ID, { description: 'The identity person who mediates.' }) personId!: string;
  @Field() name!: string;
  @Field({ description: "The organisation's region." }) region!: string;
  @Field(() => MediationLevelEnum) level!: CaseLevel;
  @Field(() => [DisputeCategoryEnum]) specialities!: DisputeCategory[];
  @Field({ description: 'Taking new cases.' }) available!: boolean;
  @Field(() => Int, { description: 'Open cases this mediator takes at most.' }) capacity!: number;
  @Field(() => Int, { description: 'Open cases assigned now.' }) load!: number;
}

@InputType()
export class CreateMediationOrganisationInput {
  @Field(() => MediationOrganisationKindEnum) kind!: OrganisationKind;
  @Field({ description: '1–80 characters.' }) name!: string;
  @Field({ description: 'The grid, community, street or county path it serves; its depth sets the level.' }) region!: string;
}

@InputType()
export class AddMediatorInput {
  @Field(() => ID) organisationId!: string;
  @Field(() => ID, { description: 'The identity person (a steward, staff member or volunteer) who mediates.' }) personId!: string;
  @Field({ description: '1–40 characters.' }) name!: string;
  @Field(() => [DisputeCategoryEnum], { description: 'At least one.' }) specialities!: DisputeCategory[];
  @Field(() => Int, { nullable: true, description: `Open cases taken at most, 1–${MAX_CAPACITY}; default ${DEFAULT_CAPACITY}.` }) capacity?: number | null;
}

@InputType({ description: 'Fields left out keep their value.' })
export class UpdateMediatorInput {
  @Field(() => ID) id!: string;
  @Field(() => [DisputeCategoryEnum], { nullable: true, description: 'At least one when given.' }) specialities?: DisputeCategory[] | null;
  @Field(() => Boolean, { nullable: true, description: 'false: no new cases are assigned (open ones stay).' }) available?: boolean | null;
  @Field(() => Int, { nullable: true, description: `1–${MAX_CAPACITY}.` }) capacity?: number | null;
}

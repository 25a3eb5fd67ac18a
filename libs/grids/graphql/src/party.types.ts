import { PARTY_ORG_KINDS, type CreatePartyOrgInput as CreatePartyOrgRequest, type PartyOrgKind, type PartyOrgView } from '@gov/grids-contracts';
import { enumFromValues } from '@gov/platform-graphql';
import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';

export const PartyOrgKindEnum = enumFromValues(PARTY_ORG_KINDS);
registerEnumType(PartyOrgKindEnum, {
  name: 'PartyOrgKind',
  description:
    'community_org (社区党组织, on a community) → compound_branch (小区党支部, on a compound) → building_group (楼栋党小组, on a building); village_org (村党组织, on a village) → village_group (村民小组党小组, on a village group).',
});

@ObjectType({ description: 'A party organisation (党组织) on a node of the region tree; seen by whoever sees the node.' })
export class PartyOrg implements PartyOrgView {
  @Field(() => ID) id!: string;
  @Field(() => PartyOrgKindEnum) kind!: PartyOrgKind;
  @Field(() => ID, { description: 'The node it sits on.' }) regionId!: string;
  @Field({ description: "The node's path." }) region!: string;
  @Field(() => ID, { nullable: true, description: 'The organisation of the level above (null for a community or village organisation).' }) parentId!: string | null;
  @Field() name!: string;
  @Field(() => ID, { nullable: true, description: "Identity's person id of the secretary." }) secretaryPersonId!: string | null;
  @Field(() => [ID], { description: 'Its party-member central households (党员中心户): the central heads linked to it (building and village-group party groups).' }) centralHeadIds!: string[];
  @Field() createdAt!: string;
}

@InputType()
export class CreatePartyOrgInput implements CreatePartyOrgRequest {
  @Field(() => PartyOrgKindEnum) kind!: PartyOrgKind;
  @Field(() => ID, { description: 'A community or village, compound or village group, or building, matching the kind.' }) regionId!: string;
  @Field(() => ID, { nullable: true, description: 'The organisation of the kind above on the node above; empty for a community or village organisation.' }) parentId?: string | null;
  @Field() name!: string;
  @Field(() => ID, { nullable: true, description: 'A person grids knows, living in one of the caller’s regions.' }) secretaryPersonId?: string | null;
}

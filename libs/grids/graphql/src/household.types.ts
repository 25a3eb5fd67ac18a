import {
  HOUSEHOLD_RELATIONS,
  type AddHouseholdMemberInput as AddHouseholdMemberRequest,
  type AppointCentralHeadInput as AppointCentralHeadRequest,
  type CentralHeadCoverageView,
  type CentralHeadLoadView,
  type CentralHeadView,
  type HouseholdMemberView,
  type HouseholdRelation,
  type HouseholdView,
  type LinkToCentralHeadInput as LinkToCentralHeadRequest,
  type MoveHouseholdInput as MoveHouseholdRequest,
  type RegisterHouseholdInput as RegisterHouseholdRequest,
  type UncoveredHouseholdView,
} from '@gov/grids-contracts';
import { ConnectionType, enumFromValues } from '@gov/platform-graphql';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export const HouseholdRelationEnum = enumFromValues(HOUSEHOLD_RELATIONS);
registerEnumType(HouseholdRelationEnum, { name: 'HouseholdRelation', description: 'How a member relates to the head of household (户主); one head per household.' });

@ObjectType()
export class HouseholdMember implements HouseholdMemberView {
  @Field(() => ID, { description: "Identity's person id." }) personId!: string;
  @Field(() => HouseholdRelationEnum) relation!: HouseholdRelation;
  @Field() since!: string;
}

/** `building` is a resolved field (household.resolver.ts), not part of the view. */
@ObjectType({ description: 'A household (户) in a building. Seen by people working on its region or above, not by residents.' })
export class Household implements HouseholdView {
  @Field(() => ID) id!: string;
  @Field(() => ID) buildingId!: string;
  @Field({ description: 'Room number within the building, e.g. 2-301.' }) number!: string;
  @Field({ description: "The building's region path." }) region!: string;
  @Field(() => ID, { nullable: true, description: 'The central-household head (中心户长) who looks after it.' }) centralHeadId!: string | null;
  @Field(() => [HouseholdMember]) members!: HouseholdMember[];
  @Field() createdAt!: string;
  @Field() updatedAt!: string;
}

@ObjectType()
export class HouseholdConnection extends ConnectionType(Household) {}

@ObjectType({ description: 'A central-household head (中心户长): looks after about ten neighbouring households of the community (十户一联).' })
export class CentralHead implements CentralHeadView {
  @Field(() => ID) id!: string;
  @Field(() => ID) personId!: string;
  @Field(() => ID, { description: "The head's own household." }) householdId!: string;
  @Field() partyMember!: boolean;
  @Field() region!: string;
  @Field(() => Int, { description: "Households linked to the head, the head's own included." }) householdCount!: number;
  @Field({ description: 'More than 15 households.' }) overloaded!: boolean;
  @Field() createdAt!: string;
}

@ObjectType()
export class CentralHeadLoad implements CentralHeadLoadView {
  @Field(() => ID) id!: string;
  @Field(() => ID) personId!: string;
  @Field(() => ID) householdId!: string;
  @Field() partyMember!: boolean;
  @Field(() => Int) householdCount!: number;
  @Field({ description: 'More than 15 households.' }) overloaded!: boolean;
}

@ObjectType()
export class UncoveredHousehold implements UncoveredHouseholdView {
  @Field(() => ID) id!: string;
  @Field() number!: string;
  @Field(() => ID) buildingId!: string;
  @Field() buildingName!: string;
}

@ObjectType({ description: 'Coverage of a node\'s households by central-household heads (十户一联).' })
export class CentralHeadCoverage implements CentralHeadCoverageView {
  @Field(() => ID) regionId!: string;
  @Field(() => Int) households!: number;
  @Field(() => Int) covered!: number;
  @Field(() => Int) uncovered!: number;
  @Field(() => [CentralHeadLoad], { description: 'Heads whose own household lies below the node.' }) heads!: CentralHeadLoad[];
  @Field(() => [UncoveredHousehold], { description: 'The first 50 households without a head, by building and number.' }) uncoveredHouseholds!: UncoveredHousehold[];
}

@InputType()
export class RegisterHouseholdInput implements RegisterHouseholdRequest {
  @Field(() => ID) buildingId!: string;
  @Field({ description: 'Room number, e.g. 2-301; unique in the building.' }) number!: string;
}

@InputType()
export class MoveHouseholdInput implements MoveHouseholdRequest {
  @Field(() => ID) id!: string;
  @Field(() => ID) buildingId!: string;
}

@InputType()
export class AddHouseholdMemberInput implements AddHouseholdMemberRequest {
  @Field(() => ID) householdId!: string;
  @Field(() => ID, { description: "Identity's person id; a person belongs to one household." }) personId!: string;
  @Field(() => HouseholdRelationEnum) relation!: HouseholdRelation;
}

@InputType()
export class AppointCentralHeadInput implements AppointCentralHeadRequest {
  @Field(() => ID, { description: 'A member of the household.' }) personId!: string;
  @Field(() => ID, { description: "The head's own household." }) householdId!: string;
  @Field({ nullable: true, defaultValue: false }) partyMember?: boolean;
}

@InputType()
export class LinkToCentralHeadInput implements LinkToCentralHeadRequest {
  @Field(() => [ID], { description: "Households of the head's community (at most 50)." }) householdIds!: string[];
  @Field(() => ID) centralHeadId!: string;
}

import {
  DELIBERATION_ROLES,
  SENTINEL_ROLES,
  type DeliberationRole,
  type EnrollStewardInput as EnrollStewardRequest,
  type ListStewardsInput as ListStewardsRequest,
  type SentinelRole,
  type StewardCard as StewardCardView,
  type StewardClass,
  type StewardNumberView,
  type StewardView,
  type UpdateStewardInput as UpdateStewardRequest,
} from '@gov/identity-contracts';
import { ConnectionType, enumFromValues } from '@gov/platform-graphql';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export const DeliberationRoleEnum = enumFromValues(DELIBERATION_ROLES);
export const SentinelRoleEnum = enumFromValues(SENTINEL_ROLES);
registerEnumType(DeliberationRoleEnum, { name: 'DeliberationRole', description: 'Five-member deliberation (五员议事) role.' });
registerEnumType(SentinelRoleEnum, { name: 'SentinelRole', description: 'Place in the sentinel chain (哨兵—组长—班长).' });

@ObjectType({ description: 'Steward card (红管家卡): identity on the front, duties on the back.' })
export class StewardCard implements StewardCardView {
  /** The steward's id; not a field of the card (the loader matches cards to stewards by it). */
  id!: string;
  @Field() number!: string;
  @Field(() => String, { nullable: true, description: "The person's name; null when the person is outside your regions." }) name!: string | null;
  @Field() classTitle!: string;
  @Field(() => String, { nullable: true, description: "The unit's name; null when the unit is outside your regions." }) unitName!: string | null;
  @Field() grid!: string;
  @Field(() => String, { nullable: true }) building!: string | null;
  @Field(() => [String], { description: "The class's duties, in Chinese, as printed on the card's back." }) duties!: string[];
}

@ObjectType({ description: 'A number a steward held (编号): numbers change when a steward moves unit, grid or class; old cards stay traceable.' })
export class StewardNumber implements StewardNumberView {
  @Field() number!: string;
  @Field() issuedAt!: string;
  @Field(() => String, { nullable: true, description: 'Null for the number in use.' }) retiredAt!: string | null;
}

/** `person`, `unit`, `reportsTo`, `card` and `numberHistory` are resolved fields (steward.resolver.ts), not part of the view. */
@ObjectType({ description: 'A Red Steward (红管家).' })
export class Steward implements StewardView {
  @Field(() => ID) id!: string;
  @Field(() => ID) personId!: string;
  @Field({ description: 'C-UNIT-GRID-BLDG-NNNN: class, unit code, grid code, building, sequence.' }) number!: string;
  @Field(() => Int, { description: 'Number class 1–6.' }) class!: StewardClass;
  @Field(() => ID) unitId!: string;
  @Field() grid!: string;
  @Field(() => String, { nullable: true }) building!: string | null;
  @Field(() => DeliberationRoleEnum, { nullable: true }) deliberationRole!: DeliberationRole | null;
  @Field(() => SentinelRoleEnum, { nullable: true }) sentinelRole!: SentinelRole | null;
  @Field(() => ID, { nullable: true }) reportsToId!: string | null;
  @Field() enrolledAt!: string;
  @Field() updatedAt!: string;
}

@ObjectType()
export class StewardConnection extends ConnectionType(Steward) {}

// The steward inputs leave out `class`: GraphQL's Int admits any integer, so the field is a
// plain number here and the service answers VALIDATION for anything outside 1–6.

@InputType()
export class EnrollStewardInput implements Omit<EnrollStewardRequest, 'class'> {
  @Field(() => ID) personId!: string;
  @Field(() => Int) class!: number;
  @Field(() => ID) unitId!: string;
  @Field() grid!: string;
  @Field({ nullable: true }) building?: string;
  @Field(() => DeliberationRoleEnum, { nullable: true }) deliberationRole?: DeliberationRole;
  @Field(() => SentinelRoleEnum, { nullable: true }) sentinelRole?: SentinelRole;
  @Field(() => ID, { nullable: true }) reportsToId?: string;
}

@InputType({ description: 'Only the fields given change; null clears an optional field. Changing class, unit, grid or building reissues the number.' })
export class UpdateStewardInput implements Omit<UpdateStewardRequest, 'class'> {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true }) class?: number;
  @Field(() => ID, { nullable: true }) unitId?: string;
  @Field({ nullable: true }) grid?: string;
  @Field(() => String, { nullable: true }) building?: string | null;
  @Field(() => DeliberationRoleEnum, { nullable: true }) deliberationRole?: DeliberationRole | null;
  @Field(() => SentinelRoleEnum, { nullable: true }) sentinelRole?: SentinelRole | null;
  @Field(() => ID, { nullable: true }) reportsToId?: string | null;
}

/** The list's filter only: paging travels as the `first` and `after` arguments of `stewards`. */
@InputType()
export class StewardFilter implements Omit<ListStewardsRequest, 'class' | 'first' | 'after'> {
  @Field({ nullable: true }) region?: string;
  @Field(() => Int, { nullable: true }) class?: number;
  @Field(() => ID, { nullable: true }) unitId?: string;
}

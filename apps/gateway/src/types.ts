import { ROLES } from '@gov/kernel';
import { DELIBERATION_ROLES, SENTINEL_ROLES, UNIT_KINDS } from '@gov/identity-contracts';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

/** GraphQL enums mirror the contracts; the values are the wire values the services accept. */
const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;
export const UnitKindEnum = asEnum(UNIT_KINDS);
export const RoleEnum = asEnum(ROLES);
export const DeliberationRoleEnum = asEnum(DELIBERATION_ROLES);
export const SentinelRoleEnum = asEnum(SENTINEL_ROLES);
registerEnumType(UnitKindEnum, { name: 'UnitKind', description: 'Liaison unit (包联单位), government department, enterprise or social organisation.' });
registerEnumType(RoleEnum, { name: 'Role', description: 'A role held on a region and inherited by every region below it.' });
registerEnumType(DeliberationRoleEnum, { name: 'DeliberationRole', description: 'Five-member deliberation (五员议事) role.' });
registerEnumType(SentinelRoleEnum, { name: 'SentinelRole', description: 'Place in the sentinel chain (哨兵—组长—班长).' });

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

@ObjectType({ description: 'Access token (≤ 15 minutes) and a refresh token that works once.' })
export class TokenPayload {
  @Field() accessToken!: string;
  @Field() refreshToken!: string;
  @Field(() => Int, { description: 'Seconds until the access token expires.' }) expiresIn!: number;
}

@ObjectType()
export class Grant {
  @Field(() => RoleEnum) role!: string;
  @Field() region!: string;
}

@ObjectType()
export class Me {
  @Field(() => ID) accountId!: string;
  @Field() username!: string;
  @Field(() => ID, { nullable: true }) personId!: string | null;
  @Field(() => [Grant]) grants!: Grant[];
}

@ObjectType({ description: 'A person. Phone and ID number are masked unless unmasked by a permitted admin (audited).' })
export class Person {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() phone!: string;
  @Field() idCardNumber!: string;
  @Field() region!: string;
  @Field() masked!: boolean;
  @Field() createdAt!: string;
}

@ObjectType()
export class Unit {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => UnitKindEnum) kind!: string;
  @Field() region!: string;
  @Field() createdAt!: string;
}

@ObjectType()
export class UnitConnection {
  @Field(() => [Unit]) items!: Unit[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType({ description: 'Steward card (红管家卡): identity on the front, duties on the back.' })
export class StewardCard {
  @Field() number!: string;
  @Field() name!: string;
  @Field() classTitle!: string;
  @Field() unitName!: string;
  @Field() grid!: string;
  @Field(() => String, { nullable: true }) building!: string | null;
  @Field(() => [String]) duties!: string[];
}

@ObjectType({ description: 'A Red Steward (红管家).' })
export class Steward {
  @Field(() => ID) id!: string;
  @Field(() => ID) personId!: string;
  @Field({ description: 'C-UNIT-GRID-BLDG-NNNN: class, unit code, grid code, building, sequence.' }) number!: string;
  @Field(() => Int, { description: 'Number class 1–6.' }) class!: number;
  @Field(() => ID) unitId!: string;
  @Field() grid!: string;
  @Field(() => String, { nullable: true }) building!: string | null;
  @Field(() => DeliberationRoleEnum, { nullable: true }) deliberationRole!: string | null;
  @Field(() => SentinelRoleEnum, { nullable: true }) sentinelRole!: string | null;
  @Field(() => ID, { nullable: true }) reportsToId!: string | null;
  @Field() enrolledAt!: string;
  @Field() updatedAt!: string;
}

@ObjectType()
export class StewardConnection {
  @Field(() => [Steward]) items!: Steward[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType()
export class RoleGrant {
  @Field(() => ID) id!: string;
  @Field(() => ID) accountId!: string;
  @Field(() => ID, { nullable: true }) personId!: string | null;
  @Field(() => RoleEnum) role!: string;
  @Field() region!: string;
  @Field() grantedAt!: string;
  @Field(() => ID, { nullable: true }) grantedBy!: string | null;
}

@ObjectType()
export class AuditEntry {
  @Field(() => ID) id!: string;
  @Field() at!: string;
  @Field(() => ID, { nullable: true }) actorId!: string | null;
  @Field(() => String, { nullable: true }) actorName!: string | null;
  @Field() operation!: string;
  @Field() targetType!: string;
  @Field(() => String, { nullable: true }) targetId!: string | null;
  @Field() region!: string;
  @Field({ description: 'ok or denied' }) outcome!: string;
  @Field(() => String, { nullable: true, description: 'JSON details' }) detail!: string | null;
}

@ObjectType()
export class AuditConnection {
  @Field(() => [AuditEntry]) items!: AuditEntry[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@InputType()
export class CreateUnitInput {
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => UnitKindEnum) kind!: string;
  @Field() region!: string;
}

@InputType()
export class RegisterPersonInput {
  @Field() name!: string;
  @Field() phone!: string;
  @Field() idCardNumber!: string;
  @Field() region!: string;
  @Field({ nullable: true }) username?: string;
  @Field({ nullable: true }) password?: string;
}

@InputType()
export class EnrollStewardInput {
  @Field(() => ID) personId!: string;
  @Field(() => Int) class!: number;
  @Field(() => ID) unitId!: string;
  @Field() grid!: string;
  @Field({ nullable: true }) building?: string;
  @Field(() => DeliberationRoleEnum, { nullable: true }) deliberationRole?: string;
  @Field(() => SentinelRoleEnum, { nullable: true }) sentinelRole?: string;
  @Field(() => ID, { nullable: true }) reportsToId?: string;
}

@InputType({ description: 'Only the fields given change; null clears an optional field. Changing class, unit, grid or building reissues the number.' })
export class UpdateStewardInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true }) class?: number;
  @Field(() => ID, { nullable: true }) unitId?: string;
  @Field({ nullable: true }) grid?: string;
  @Field(() => String, { nullable: true }) building?: string | null;
  @Field(() => DeliberationRoleEnum, { nullable: true }) deliberationRole?: string | null;
  @Field(() => SentinelRoleEnum, { nullable: true }) sentinelRole?: string | null;
  @Field(() => ID, { nullable: true }) reportsToId?: string | null;
}

@InputType()
export class StewardFilter {
  @Field({ nullable: true }) region?: string;
  @Field(() => Int, { nullable: true }) class?: number;
  @Field(() => ID, { nullable: true }) unitId?: string;
}

@InputType()
export class GrantRoleInput {
  @Field(() => ID) personId!: string;
  @Field(() => RoleEnum) role!: string;
  @Field() region!: string;
}

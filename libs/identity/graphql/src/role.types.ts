import { ROLES, type RoleName } from '@gov/kernel';
import type { GrantRoleInput as GrantRoleRequest, RoleGrantView } from '@gov/identity-contracts';
import { enumFromValues } from '@gov/platform-graphql';
import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';

export const RoleEnum = enumFromValues(ROLES);
registerEnumType(RoleEnum, { name: 'Role', description: 'A role held on a region and inherited by every region below it.' });

@ObjectType()
export class RoleGrant implements RoleGrantView {
  @Field(() => ID) id!: string;
  @Field(() => ID) accountId!: string;
  @Field(() => ID, { nullable: true }) personId!: string | null;
  @Field(() => RoleEnum) role!: RoleName;
  @Field() region!: string;
  @Field() grantedAt!: string;
  @Field(() => ID, { nullable: true }) grantedBy!: string | null;
}

@InputType()
export class GrantRoleInput implements GrantRoleRequest {
  @Field(() => ID) personId!: string;
  @Field(() => RoleEnum) role!: RoleName;
  @Field() region!: string;
}

import type { RoleGrantRef, RoleName } from '@gov/kernel';
import type { MeView, TokenPair } from '@gov/identity-contracts';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { RoleEnum } from './role.types.js';

@ObjectType({ description: 'Access token (≤ 15 minutes) and a refresh token that works once.' })
export class TokenPayload implements TokenPair {
  @Field() accessToken!: string;
  @Field() refreshToken!: string;
  @Field(() => Int, { description: 'Seconds until the access token expires.' }) expiresIn!: number;
}

@ObjectType()
export class Grant implements RoleGrantRef {
  @Field(() => RoleEnum) role!: RoleName;
  @Field() region!: string;
}

@ObjectType()
export class Me implements MeView {
  @Field(() => ID) accountId!: string;
  @Field() username!: string;
  @Field(() => ID, { nullable: true }) personId!: string | null;
  @Field(() => [Grant]) grants!: Grant[];
}

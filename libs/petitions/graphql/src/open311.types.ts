import type { ApiKeyView } from '@gov/petitions-contracts';
import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    "An integrator's key for the Open311 GeoReport v2 endpoint (/open311/v2): it answers for its county only. Only its hash is stored; the key itself is shown once, when issued.",
})
export class Open311Key implements ApiKeyView {
  @Field(() => ID) id!: string;
  @Field({ description: 'The county it answers for, e.g. jingmen/dongbao.' }) county!: string;
  @Field({ description: 'Who holds it, e.g. 12345 热线平台.' }) label!: string;
  @Field(() => String, { nullable: true, description: "The key (the integrator's api_key): in issueOpen311Key's answer only, null everywhere else." }) key!: string | null;
  @Field() createdAt!: string;
  @Field(() => String, { nullable: true, description: 'When it stopped working; null while it works.' }) revokedAt!: string | null;
}

import {
  MICRO_WISH_CATEGORIES,
  MICRO_WISH_STATUSES,
  type CommunityMicroWishStatsView,
  type MicroWishCategory,
  type MicroWishStatsView,
  type MicroWishStatus,
  type MicroWishView,
} from '@gov/tasks-contracts';
import { ConnectionType, LatLng, LatLngInput, enumFromValues } from '@gov/platform-graphql';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export const MicroWishCategoryEnum = enumFromValues(MICRO_WISH_CATEGORIES);
registerEnumType(MicroWishCategoryEnum, { name: 'MicroWishCategory', description: 'suggestion 建议, dispute 纠纷, hazard 隐患, difficulty 困难.' });
export const MicroWishStatusEnum = enumFromValues(MICRO_WISH_STATUSES);
registerEnumType(MicroWishStatusEnum, {
  name: 'MicroWishStatus',
  description: 'posted → claimed (a steward took its task) → fulfilled (the work is submitted) → confirmed (by its resident); cancelled: withdrawn, or lapsed unfulfilled.',
});

@ObjectType({ description: "A resident's micro-wish (微心愿): fulfilled by a steward as a one-place task, confirmed and rated by the resident." })
export class MicroWish implements MicroWishView {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'The task stewards claim, check in on and submit (`task`).' }) taskId!: string;
  @Field(() => MicroWishCategoryEnum) category!: MicroWishCategory;
  @Field() title!: string;
  @Field() description!: string;
  @Field({ description: 'The grid, compound or building it is about.' }) region!: string;
  @Field({ description: 'The community (社区/村) it counts in.' }) community!: string;
  @Field(() => LatLng) location!: LatLng;
  @Field(() => MicroWishStatusEnum) status!: MicroWishStatus;
  @Field(() => ID, { description: 'The person (resident) who posted it; only they confirm it.' }) postedBy!: string;
  @Field(() => Int, { description: 'Points its steward earns on confirmation.' }) points!: number;
  @Field({ description: 'Open for claims until then.' }) deadline!: string;
  @Field() createdAt!: string;
  @Field(() => ID, { nullable: true, description: "The steward's claim on it, while claimed, fulfilled or confirmed." }) claimId!: string | null;
  @Field(() => ID, { nullable: true }) stewardId!: string | null;
  @Field(() => String, { nullable: true, description: 'When the steward submitted the work.' }) fulfilledAt!: string | null;
  @Field(() => String, { nullable: true }) confirmedAt!: string | null;
  @Field(() => Int, { nullable: true, description: "The resident's 1–5 stars, once confirmed." }) stars!: number | null;
}

@ObjectType()
export class MicroWishConnection extends ConnectionType(MicroWish) {}

@ObjectType({ description: "One community's micro-wishes." })
export class CommunityMicroWishStats implements CommunityMicroWishStatsView {
  @Field() community!: string;
  @Field(() => Int, { description: 'Posted (收集).' }) collected!: number;
  @Field(() => Int, { description: 'Confirmed by their residents (办结).' }) fulfilled!: number;
}

@ObjectType({ description: 'Micro-wishes collected and fulfilled under a region, per community (those you may see).' })
export class MicroWishStats implements MicroWishStatsView {
  @Field() region!: string;
  @Field(() => Int) collected!: number;
  @Field(() => Int) fulfilled!: number;
  @Field(() => [CommunityMicroWishStats]) communities!: CommunityMicroWishStats[];
}

@InputType()
export class PostMicroWishInput {
  @Field(() => MicroWishCategoryEnum) category!: MicroWishCategory;
  @Field({ description: '1–100 characters.' }) title!: string;
  @Field(() => String, { nullable: true, description: 'At most 2000 characters.' }) description?: string;
  @Field({ description: "A grid, compound or building path you hold a role on (the building's QR code names it)." }) region!: string;
  @Field(() => LatLngInput) location!: LatLngInput;
}

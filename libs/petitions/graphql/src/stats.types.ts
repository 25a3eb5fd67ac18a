import type { CountByKey, DepartmentRankView, Level, OverdueItemView, PetitionStatsView } from '@gov/petitions-contracts';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { LevelEnum } from './petition.types.js';

@ObjectType('CountByKey', { description: 'A count of one key (a channel, a major category) with its Chinese label.' })
export class CountByKeyType implements CountByKey {
  @Field() key!: string;
  @Field() labelZh!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: "One department's petitions in the period; the ranking orders them by on-time rate, then satisfaction, then closed." })
export class DepartmentRank implements DepartmentRankView {
  @Field(() => ID) departmentId!: string;
  @Field() departmentName!: string;
  @Field(() => Int, { description: 'Submitted in the period and now with this department.' }) assigned!: number;
  @Field(() => Int, { description: 'Closed in the period while with it.' }) closed!: number;
  @Field(() => Float, { nullable: true, description: 'Of those closed, resolved by their deadline (0–1).' }) onTimeRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Of those rated in the period, rated 4 or 5 (0–1).' }) satisfactionRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Of those closed, mean days from submission to resolution.' }) averageHandlingDays!: number | null;
}

@ObjectType({
  description:
    'Live statistics (统计) of a region subtree over [from, to). Rates are shares from 0 to 1 (4 decimals), null when nothing is counted; docs/petition-stats.md gives every formula.',
})
export class PetitionStats implements PetitionStatsView {
  @Field() region!: string;
  @Field() from!: string;
  @Field() to!: string;
  @Field(() => Int, { description: 'Submitted in the period (受理量).' }) intake!: number;
  @Field(() => [CountByKeyType], { description: 'Submitted in the period per intake channel, most first.' }) byChannel!: CountByKey[];
  @Field(() => [CountByKeyType], { description: 'Submitted in the period per major category (大类), most first.' }) byCategory!: CountByKey[];
  @Field(() => Int, { description: 'Closed in the period (办结量).' }) closed!: number;
  @Field(() => Float, { nullable: true, description: 'Of those closed in the period, resolved by their deadline (按期办结率).' }) onTimeClosureRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Of those closed in the period, mean days from submission to resolution.' }) averageHandlingDays!: number | null;
  @Field(() => Float, { nullable: true, description: 'Of those submitted in the period and due a response, screened within 24 h (响应率).' }) responseRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Of those submitted in the period and screened valid, resolved or closed (解决率).' }) resolutionRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Of those rated in the period, rated 4 or 5 (满意率).' }) satisfactionRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean rating (1–5) of those rated in the period.' }) averageRating!: number | null;
  @Field(() => Int, { description: 'Open now and past the deadline, whenever submitted.' }) overdueOpen!: number;
  @Field(() => Int, { description: 'Submitted in the period and escalated at least once.' }) escalated!: number;
  @Field(() => Int, { description: 'Whistles blown in the period by communities of the region (吹哨).' }) whistles!: number;
  @Field(() => Int, { description: 'Of those, reported after the limit, or past it and not yet.' }) whistlesLate!: number;
  @Field(() => [DepartmentRank]) departments!: DepartmentRankView[];
}

@ObjectType({ description: 'An open petition past its deadline (超期未办结).' })
export class OverduePetition implements OverdueItemView {
  @Field(() => ID) id!: string;
  @Field() trackingCode!: string;
  @Field() categoryNameZh!: string;
  @Field() title!: string;
  @Field({ description: 'The grid (or community) it belongs to.' }) region!: string;
  @Field(() => LevelEnum, { nullable: true, description: 'Where it is handled now; null before it is assigned.' }) level!: Level | null;
  @Field() deadline!: string;
  @Field(() => Int, { description: 'Days since the deadline, a started day counting as one.' }) overdueDays!: number;
}

import {
  MEDALS,
  RANKING_SCOPES,
  UNIT_TIERS,
  type ConfigureHonoursInput as ConfigureHonoursRequest,
  type ExcellentStewardView,
  type ExcellentStewardsView,
  type ExcludedStarView,
  type HonourConfigView,
  type Medal,
  type MyRankView,
  type RankingEntryView,
  type RankingScope,
  type StewardStarsView,
  type TierLinesView,
  type UnitRankingEntryView,
  type UnitTier,
  type UnitTierEntryView,
  type UnitTiersView,
} from '@gov/tasks-contracts';
import { ConnectionType, enumFromValues, type Connection } from '@gov/platform-graphql';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { z } from 'zod';

export const RankingScopeEnum = enumFromValues(RANKING_SCOPES);
registerEnumType(RankingScopeEnum, {
  name: 'RankingScope',
  description: 'COMMUNITY: stewards of a community (社区内); CLASS: stewards of one number class (同号段) in a county or community; UNIT: colleagues of a unit (单位内).',
});
export const UnitTierEnum = enumFromValues(UNIT_TIERS);
registerEnumType(UnitTierEnum, { name: 'UnitTier', description: "A unit's quarter by its county's score lines: excellent 优秀, good 良好, pass 合格, fail 不合格." });
export const MedalEnum = enumFromValues(MEDALS);
registerEnumType(MedalEnum, { name: 'Medal', description: 'Excellent stewards of the year: gold for places 1–10, silver 11–30, bronze 31–60.' });

@ObjectType({ description: 'A line of a ranking (排行榜). `pointsLedger(stewardId, period)` lists the entries behind `points`.' })
export class RankingEntry implements RankingEntryView {
  @Field(() => Int, { description: 'Ties share a rank and the next rank skips (1, 2, 2, 4).' }) rank!: number;
  @Field(() => ID) stewardId!: string;
  @Field({ description: "The steward's number (C-UNIT-GRID-BLDG-NNNN)." }) number!: string;
  @Field(() => Int, { description: 'Earned in the period: completions, rating bonuses, manual adjustments.' }) points!: number;
  @Field({ description: 'The period ranked: 2026, 2026-Q4 or 2026-11 (China Standard Time).' }) period!: string;
}

@ObjectType()
export class RankingConnection extends ConnectionType(RankingEntry) {}

@ObjectType({ description: 'Where you (a steward) stand in a ranking.' })
export class MyRank implements MyRankView {
  @Field(() => RankingScopeEnum) scope!: RankingScope;
  @Field() period!: string;
  @Field(() => ID) stewardId!: string;
  @Field() number!: string;
  @Field(() => Int) points!: number;
  @Field(() => Int, { nullable: true, description: 'Null while you have earned nothing in the period.' }) rank!: number | null;
  @Field(() => String, { nullable: true, description: 'The community (COMMUNITY), the county or community (CLASS).' }) region!: string | null;
  @Field(() => Int, { nullable: true, description: 'Your number class (CLASS).' }) class!: number | null;
  @Field(() => ID, { nullable: true, description: 'Your unit (UNIT).' }) unitId!: string | null;
}

@ObjectType({ description: 'A unit ranked by score: the points its stewards earned over its members.' })
export class UnitRankingEntry implements UnitRankingEntryView {
  @Field(() => Int) rank!: number;
  @Field(() => ID) unitId!: string;
  @Field() name!: string;
  @Field() region!: string;
  @Field(() => Int, { description: 'Its stewards.' }) members!: number;
  @Field(() => Int) points!: number;
  @Field(() => Float, { description: 'points / members, to two decimals.' }) score!: number;
  @Field() period!: string;
}

@ObjectType()
export class UnitRankingConnection extends ConnectionType(UnitRankingEntry) {}

@ObjectType({ description: "A unit's score and tier in a quarter." })
export class UnitTierEntry extends UnitRankingEntry implements UnitTierEntryView {
  @Field(() => UnitTierEnum) tier!: UnitTier;
}

@ObjectType()
export class UnitTierConnection extends ConnectionType(UnitTierEntry) {}

@ObjectType({ description: 'Score lines: a unit at or above a line is in its tier.' })
export class TierLines implements TierLinesView {
  @Field(() => Float) excellent!: number;
  @Field(() => Float) good!: number;
  @Field(() => Float) pass!: number;
}

@ObjectType()
export class TierCounts {
  @Field(() => Int) excellent!: number;
  @Field(() => Int) good!: number;
  @Field(() => Int) pass!: number;
  @Field(() => Int) fail!: number;
}

@ObjectType({ description: 'The quarterly unit tiers (优秀、良好、合格、不合格) of a region.' })
export class UnitTiers implements Omit<UnitTiersView, 'units'> {
  @Field() region!: string;
  @Field() quarter!: string;
  @Field(() => TierLines, { nullable: true, description: "The region's county's lines; null above the counties (each unit's county's lines apply)." })
  lines!: TierLines | null;
  @Field(() => TierCounts) counts!: TierCounts;
  @Field(() => UnitTierConnection, { description: 'Every unit, best first.' }) units!: Connection<UnitTierEntry>;
  @Field(() => [UnitTierEntry], { description: 'Units under the pass line, lowest first: their stewards lose eligibility for the annual honours.' })
  underPass!: UnitTierEntry[];
}

@ObjectType({ description: "A community's steward stars (红管家之星) of a month." })
export class StewardStars implements StewardStarsView {
  @Field() community!: string;
  @Field() month!: string;
  @Field(() => Int, { description: 'The top N are stars, and everyone tied with the N-th.' }) starsPerCommunity!: number;
  @Field(() => [RankingEntry]) stars!: RankingEntry[];
}

@ObjectType({ description: 'An excellent steward (优秀红管家) of the year.' })
export class ExcellentSteward extends RankingEntry implements ExcellentStewardView {
  @Field(() => MedalEnum, { nullable: true }) medal!: Medal | null;
  @Field(() => [String], { description: 'The months the steward was a star of their community.' }) starMonths!: string[];
}

@ObjectType({ description: 'A star who lost eligibility: their unit was under the pass line in a quarter.' })
export class ExcludedStar implements ExcludedStarView {
  @Field(() => ID) stewardId!: string;
  @Field() number!: string;
  @Field(() => ID) unitId!: string;
  @Field() quarter!: string;
}

@ObjectType({ description: "A county's excellent stewards of a year, chosen among the year's stars." })
export class ExcellentStewards implements ExcellentStewardsView {
  @Field() county!: string;
  @Field() year!: string;
  @Field(() => [String], { description: 'The quarters whose unit tiers were checked (those that have ended).' }) quartersChecked!: string[];
  @Field(() => [ExcellentSteward]) items!: ExcellentSteward[];
  @Field(() => [ExcludedStar]) excluded!: ExcludedStar[];
}

@ObjectType({ description: "A county's honour settings." })
export class HonourConfig implements HonourConfigView {
  @Field() county!: string;
  @Field(() => Int) starsPerCommunity!: number;
  @Field(() => Float) tierExcellent!: number;
  @Field(() => Float) tierGood!: number;
  @Field(() => Float) tierPass!: number;
  @Field(() => String, { nullable: true, description: 'Null while the county uses the defaults.' }) updatedAt!: string | null;
}

@InputType({ description: 'What you leave out keeps its value (defaults: 3 stars per community, lines 60 / 40 / 20).' })
export class ConfigureHonoursInput implements Partial<z.input<typeof ConfigureHonoursRequest>> {
  @Field({ description: 'The county: city/county.' }) county!: string;
  @Field(() => Int, { nullable: true, description: '1–50.' }) starsPerCommunity?: number | null;
  @Field(() => Float, { nullable: true, description: 'Score line of excellent (优秀); excellent ≥ good ≥ pass ≥ 0.' }) tierExcellent?: number | null;
  @Field(() => Float, { nullable: true, description: 'Score line of good (良好).' }) tierGood?: number | null;
  @Field(() => Float, { nullable: true, description: 'The pass line (合格): under it a unit fails and its stewards lose eligibility for the annual honours.' })
  tierPass?: number | null;
}

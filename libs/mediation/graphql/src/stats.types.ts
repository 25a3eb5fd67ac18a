import { STATS_GROUPINGS, type MediationFiguresView, type MediationStatsRowView, type MediationStatsView, type StatsGrouping } from '@gov/mediation-contracts';
import { enumFromValues } from '@gov/platform-graphql';
import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export const MediationStatsGroupingEnum = enumFromValues(STATS_GROUPINGS);
registerEnumType(MediationStatsGroupingEnum, {
  name: 'MediationStatsGrouping',
  description: 'How rows are grouped (分组): organisation (by mediation organisation), region (by the next region level down), category (by dispute category), month (by month opened, YYYY-MM).',
});

@ObjectType({ description: 'Mediation figures of a set of cases opened in the period.' })
export class MediationFigures implements MediationFiguresView {
  @Field(() => Int, { description: 'Cases opened in the period (受理).' }) taken!: number;
  @Field(() => Int, { description: 'Of those, settled by an effective agreement (调解成功).' }) resolved!: number;
  @Field(() => Int, { description: 'Closed without agreement (referred, no agreement) or withdrawn.' }) failed!: number;
  @Field(() => Int, { description: 'Still open.' }) open!: number;
  @Field(() => Float, { nullable: true, description: 'resolved / (resolved + failed), 0–1 (调解成功率); null when none concluded.' }) successRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean days from opening to the agreement taking effect; null when none.' }) avgDaysToAgreement!: number | null;
  @Field(() => Int, { description: 'Agreements judicially confirmed (司法确认).' }) confirmed!: number;
  @Field(() => Int, { description: 'Cases flagged with a criminal risk (民转刑).' }) criminalRiskFlagged!: number;
}

@ObjectType({ description: 'The figures of one group.' })
export class MediationStatsRow extends MediationFigures implements MediationStatsRowView {
  @Field({ description: 'The organisation id, region path, category key or month (YYYY-MM).' }) key!: string;
  @Field({ description: 'Its name to show, e.g. 龙泉街道人民调解委员会, 邻里纠纷, 2026-11.' }) label!: string;
}

@ObjectType({ description: 'Live mediation statistics (调解统计) of a region over [from, to): totals and one row per group.' })
export class MediationStats implements MediationStatsView {
  @Field() region!: string;
  @Field({ description: 'First day counted (YYYY-MM-DD).' }) from!: string;
  @Field({ description: 'The day after the last one counted (YYYY-MM-DD).' }) to!: string;
  @Field(() => MediationStatsGroupingEnum) groupBy!: StatsGrouping;
  @Field(() => MediationFigures) totals!: MediationFigures;
  @Field(() => [MediationStatsRow]) rows!: MediationStatsRow[];
}

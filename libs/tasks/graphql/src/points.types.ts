import type { AdjustmentView, LedgerEntryView, PointsView } from '@gov/tasks-contracts';
import { ConnectionType, enumFromValues } from '@gov/platform-graphql';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export const AdjustmentStatusEnum = enumFromValues(['pending', 'approved', 'rejected'] as const);
registerEnumType(AdjustmentStatusEnum, { name: 'PointsAdjustmentStatus', description: 'pending (waiting for a second admin), approved (posted), rejected.' });

const POINTS_SOURCES = ['task_completion', 'rating_bonus', 'redemption', 'redemption_refund', 'manual_adjustment'] as const;
export const PointsSourceEnum = enumFromValues(POINTS_SOURCES);
registerEnumType(PointsSourceEnum, { name: 'PointsSource', description: 'What moved the points: each ledger transaction has exactly one source.' });

@ObjectType({ description: 'A steward’s points (积分): balance, this year’s earnings against the 1,000-point load, today against the daily cap.' })
export class Points implements PointsView {
  @Field(() => ID) stewardId!: string;
  @Field(() => Int) balance!: number;
  @Field(() => Int) yearEarned!: number;
  @Field(() => Int) annualTarget!: number;
  @Field(() => Int) todayEarned!: number;
  @Field(() => Int) dailyCap!: number;
}

@ObjectType({ description: "One entry of a steward's side of the ledger." })
export class LedgerEntry implements LedgerEntryView {
  @Field(() => ID) txnId!: string;
  @Field() at!: string;
  @Field(() => Int) amount!: number;
  @Field(() => PointsSourceEnum) sourceType!: LedgerEntryView['sourceType'];
  @Field() sourceId!: string;
  @Field() memo!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
}

@ObjectType()
export class LedgerEntryConnection extends ConnectionType(LedgerEntry) {}

@ObjectType({ description: 'A manual adjustment (人工调整): requested by one admin, decided by another.' })
export class PointsAdjustment implements AdjustmentView {
  @Field(() => ID) id!: string;
  @Field(() => ID) stewardId!: string;
  @Field(() => Int) amount!: number;
  @Field() reason!: string;
  @Field(() => ID) requestedBy!: string;
  @Field() requestedAt!: string;
  @Field(() => AdjustmentStatusEnum) status!: AdjustmentView['status'];
  @Field(() => ID, { nullable: true }) decidedBy!: string | null;
  @Field(() => String, { nullable: true }) decidedAt!: string | null;
}

@InputType()
export class RequestAdjustmentInput {
  @Field(() => ID) stewardId!: string;
  @Field(() => Int, { description: '−1000…1000, not 0.' }) amount!: number;
  @Field({ description: '4–500 characters.' }) reason!: string;
  @Field({ description: 'Your key for this request (8–100 characters): sending it twice asks once.' }) requestKey!: string;
}

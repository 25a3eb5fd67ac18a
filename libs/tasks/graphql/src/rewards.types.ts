import {
  REDEMPTION_STATUSES,
  VOUCHER_STATUSES,
  type LotteryView,
  type LotteryWinnerView,
  type MerchantView,
  type RedemptionStatus,
  type RedemptionView,
  type RewardItemView,
  type VoucherStatus,
  type VoucherView,
} from '@gov/tasks-contracts';
import { ConnectionType, enumFromValues } from '@gov/platform-graphql';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export const RedemptionStatusEnum = enumFromValues(REDEMPTION_STATUSES);
registerEnumType(RedemptionStatusEnum, { name: 'RedemptionStatus', description: 'issued (the code is shown at the till), confirmed (goods handed over), cancelled.' });
export const VoucherStatusEnum = enumFromValues(VOUCHER_STATUSES);
registerEnumType(VoucherStatusEnum, { name: 'VoucherStatus', description: 'held (in the next draws), won (drawn in a lottery).' });

@ObjectType({ description: 'A reward in the points supermarket (积分超市), paid for in points.' })
export class RewardItem implements RewardItemView {
  @Field(() => ID) id!: string;
  @Field(() => ID) merchantId!: string;
  @Field() name!: string;
  @Field(() => Int) pricePoints!: number;
  @Field(() => Int) stock!: number;
  @Field({ description: 'False: off the shelf, not redeemable.' }) active!: boolean;
  @Field() createdAt!: string;
}

@ObjectType({ description: 'A merchant of the red merchant alliance (红色商家联盟), with its rewards.' })
export class Merchant implements MerchantView {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() region!: string;
  @Field() address!: string;
  @Field(() => ID, { nullable: true, description: 'The person who confirms redemptions at the till.' }) contactPersonId!: string | null;
  @Field() createdAt!: string;
  @Field(() => [RewardItem]) items!: RewardItem[];
}

@ObjectType()
export class MerchantConnection extends ConnectionType(Merchant) {}

@ObjectType({ description: 'Points redeemed for goods: the code is shown at the merchant, who confirms it once.' })
export class Redemption implements RedemptionView {
  @Field(() => ID) id!: string;
  @Field(() => ID) stewardId!: string;
  @Field(() => ID) itemId!: string;
  @Field() itemName!: string;
  @Field(() => ID) merchantId!: string;
  @Field() merchantName!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => Int, { description: 'Points paid: price × quantity.' }) points!: number;
  @Field({ description: '8 characters without look-alikes (no 0/O, 1/I/L).' }) code!: string;
  @Field(() => RedemptionStatusEnum) status!: RedemptionStatus;
  @Field() createdAt!: string;
  @Field(() => String, { nullable: true }) confirmedAt!: string | null;
}

@ObjectType()
export class RedemptionConnection extends ConnectionType(Redemption) {}

@ObjectType({ description: 'A lottery voucher (积分奖券), issued for a five-star rated completion.' })
export class Voucher implements VoucherView {
  @Field(() => ID) id!: string;
  @Field(() => ID) stewardId!: string;
  @Field(() => ID) claimId!: string;
  @Field(() => ID) taskId!: string;
  @Field() county!: string;
  @Field(() => VoucherStatusEnum) status!: VoucherStatus;
  @Field() issuedAt!: string;
  @Field(() => ID, { nullable: true, description: 'The draw it won in.' }) drawId!: string | null;
  @Field(() => Int, { nullable: true, description: 'Its rank in that draw (1 first).' }) rank!: number | null;
}

@ObjectType()
export class VoucherConnection extends ConnectionType(Voucher) {}

@ObjectType()
export class LotteryWinner implements LotteryWinnerView {
  @Field(() => Int) rank!: number;
  @Field(() => ID) voucherId!: string;
  @Field(() => ID) stewardId!: string;
}

@ObjectType({ description: 'A voucher lottery (抽奖): with its seed, pool and digest anyone can recompute the winners (see `algorithm`).' })
export class LotteryDraw implements LotteryView {
  @Field(() => ID) id!: string;
  @Field() county!: string;
  @Field({ description: 'The county or street whose vouchers were drawn.' }) region!: string;
  @Field() title!: string;
  @Field() seed!: string;
  @Field({ description: 'Hex SHA-256 of the sorted pool ids joined by "\\n".' }) poolDigest!: string;
  @Field(() => Int) poolSize!: number;
  @Field(() => [LotteryWinner], { description: 'Rank 1 first.' }) winners!: LotteryWinner[];
  @Field(() => ID) drawnBy!: string;
  @Field() drawnAt!: string;
  @Field() algorithm!: string;
  @Field(() => [ID], { description: 'A page of the pool: voucher ids in ascending order.' }) pool!: string[];
  @Field(() => String, { nullable: true, description: 'Pass as `poolAfter` for the next page of the pool.' }) poolNextCursor!: string | null;
}

@InputType()
export class CreateMerchantInput {
  @Field() name!: string;
  @Field({ description: 'A county or below (city/county/…).' }) region!: string;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => ID, { nullable: true, description: 'The person who confirms redemptions at the till.' }) contactPersonId?: string | null;
}

@InputType()
export class CreateRewardItemInput {
  @Field(() => ID) merchantId!: string;
  @Field() name!: string;
  @Field(() => Int) pricePoints!: number;
  @Field(() => Int) stock!: number;
}

@InputType()
export class RestockRewardItemInput {
  @Field(() => ID) itemId!: string;
  @Field(() => Int, { description: 'Pieces added (0 to change only `active`).' }) quantity!: number;
  @Field(() => Boolean, { nullable: true, description: 'Put on (true) or take off (false) the shelf.' }) active?: boolean | null;
}

@InputType()
export class DrawLotteryInput {
  @Field({ description: 'A county (city/county) or a street (city/county/street).' }) region!: string;
  @Field() title!: string;
  @Field(() => Int) winners!: number;
  @Field(() => String, { nullable: true, description: 'A public seed (e.g. numbers drawn on stage); a random one is drawn and stored when absent.' }) seed?: string | null;
}

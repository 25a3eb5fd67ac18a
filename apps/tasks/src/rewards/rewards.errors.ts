import { AppError } from '@gov/kernel';
import { RewardRefusal, TaskRefusal } from '@gov/tasks-contracts';

/** Coded refusals of the rewards feature: each changes nothing. */
export const RewardErrors = {
  outOfStock: (stock: number, wanted: number) => new AppError('CONFLICT', `${wanted} wanted, ${stock} in stock`, TaskRefusal.OUT_OF_STOCK),
  inactive: () => new AppError('CONFLICT', 'the item is off the shelf', RewardRefusal.ITEM_INACTIVE),
  alreadyConfirmed: (status: string) => new AppError('CONFLICT', `the redemption is ${status} already`, TaskRefusal.WRONG_STATE),
  noVouchers: (region: string) => new AppError('CONFLICT', `no held vouchers were issued in ${region}`, RewardRefusal.NO_VOUCHERS),
  invalid: (path: string, message: string) => new AppError('VALIDATION', `${path}: ${message}`, undefined, [{ path, message }]),
};

import { AppError } from '@gov/kernel';
import { TaskRefusal } from '@gov/tasks-contracts';

export const PointsErrors = {
  insufficient: (balance: number, wanted: number) =>
    new AppError('CONFLICT', `${wanted} points wanted, ${balance} held`, TaskRefusal.INSUFFICIENT_POINTS),
  selfApproval: () => new AppError('FORBIDDEN', 'another admin must decide an adjustment you requested', TaskRefusal.SELF_APPROVAL),
};

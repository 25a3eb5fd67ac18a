import { AppError } from '@gov/kernel';
import { MicroWishRefusal, TaskRefusal } from '@gov/tasks-contracts';

/** Coded refusals of micro-wishes: each changes nothing. */
export const MicroWishErrors = {
  noPerson: () => new AppError('FORBIDDEN', 'micro-wishes are posted and confirmed by a person: this account belongs to none', MicroWishRefusal.NO_PERSON),
  notTheResident: () => new AppError('FORBIDDEN', 'only the resident who posted a micro-wish confirms it'),
  wrongState: (status: string) => new AppError('CONFLICT', `cannot confirm a micro-wish that is ${status}`, TaskRefusal.WRONG_STATE),
  notFulfilled: () => new AppError('CONFLICT', 'no steward has fulfilled this micro-wish yet', TaskRefusal.WRONG_STATE),
};

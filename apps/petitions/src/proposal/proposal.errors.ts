import { AppError } from '@gov/kernel';
import { PetitionRefusal } from '@gov/petitions-contracts';

/** Coded refusals of proposals and ballots: each changes nothing. */
export const ProposalErrors = {
  mayNotPropose: () => new AppError('FORBIDDEN', "proposals are opened by the area's grid workers and admins, or by a resident whose household lies in the area"),
  votingEndsInPast: () => new AppError('VALIDATION', 'voting must end in the future', undefined, [{ path: 'votingEndsAt', message: 'must lie in the future' }]),
  votingNotOpen: (opensAt: Date) => new AppError('CONFLICT', `voting opens at ${opensAt.toISOString()}, when the discussion ends`, PetitionRefusal.VOTING_NOT_OPEN),
  votingClosed: () => new AppError('CONFLICT', 'voting on this proposal has closed', PetitionRefusal.VOTING_CLOSED),
  notAHouseholdInArea: () => new AppError('FORBIDDEN', "only a member of a household in the proposal's area votes (grids' household registry)", PetitionRefusal.NOT_A_HOUSEHOLD_IN_AREA),
  householdOutsideArea: () =>
    new AppError('VALIDATION', "no such household in the proposal's area", PetitionRefusal.NOT_A_HOUSEHOLD_IN_AREA, [{ path: 'householdId', message: "not a household of the proposal's area" }]),
  notBuildingHead: () => new AppError('FORBIDDEN', "a paper ballot is entered by the head (楼栋长) of the household's building, or by staff of its region", PetitionRefusal.NOT_BUILDING_HEAD),
  householdAlreadyVoted: () => new AppError('CONFLICT', 'this household has voted on this proposal already', PetitionRefusal.HOUSEHOLD_ALREADY_VOTED),
  answerMismatch: (fields: { path: string; message: string }[]) =>
    new AppError('VALIDATION', 'give one answer per question, each one of its options', PetitionRefusal.ANSWER_MISMATCH, fields),
};

import { AppError } from '@gov/kernel';

/**
 * Refusals of a region that grids' tree does not offer (for a grant or a unit). Both come only
 * after the caller's authority over the region was checked, so they tell nothing about another
 * county's tree.
 */
export const RegionErrors = {
  unknown: () =>
    new AppError('VALIDATION', 'the region tree has no node at that path (grids creates regions; identity learns them from its events)', 'UNKNOWN_REGION', [
      { path: 'region', message: 'not a region of the tree' },
    ]),
  archived: () => new AppError('VALIDATION', 'the region is archived', 'REGION_ARCHIVED', [{ path: 'region', message: 'archived in the region tree' }]),
};

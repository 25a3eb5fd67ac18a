import { AppError } from '@gov/kernel';

/** The coded refusals of the region tree; each names the field at fault. */
export const RegionErrors = {
  invalidShape: (reason: string) => new AppError('VALIDATION', `shape is not a valid polygon: ${reason}`, 'INVALID_GEOMETRY', [{ path: 'shape', message: reason }]),
  outsideParent: (field: 'shape' | 'location') =>
    new AppError('VALIDATION', `the ${field} lies outside the parent's area`, 'OUTSIDE_PARENT', [{ path: field, message: "must lie within the parent's shape" }]),
  wrongGeometry: (level: string, field: 'shape' | 'location') =>
    new AppError('VALIDATION', `a ${level} has no ${field}`, 'WRONG_GEOMETRY', [{ path: field, message: `not for a ${level}` }]),
  levelNotAllowed: (parent: string | null) =>
    new AppError('VALIDATION', parent ? `nothing of that kind can be created under a ${parent}` : 'only a city can be created without a parent', 'LEVEL_NOT_ALLOWED', [
      { path: 'parentId', message: parent ? `a ${parent} takes no child of that kind` : 'required' },
    ]),
  duplicateCode: (code: string) => new AppError('CONFLICT', `the parent already has a node with code ${code}`, 'DUPLICATE_CODE', [{ path: 'code', message: 'taken under this parent' }]),
  cycle: () => new AppError('VALIDATION', 'a node cannot move under itself or its own descendants', 'MOVE_CYCLE', [{ path: 'newParentId', message: 'is the node or below it' }]),
  archived: (what: string) => new AppError('VALIDATION', `the ${what} is archived`, 'ARCHIVED'),
  hasActiveChildren: (n: number) => new AppError('CONFLICT', `archive the ${n} active node(s) below first`, 'HAS_ACTIVE_CHILDREN'),
};

/** The taxonomy (事项分类): 19 major and 117 minor categories, versioned. */
import { z } from 'zod';
import { LEVELS, type Level } from './petition.js';

export const CATEGORY_KEY = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/;
/** Longest time limit a category may set, in days. */
export const MAX_TIME_LIMIT_DAYS = 90;

export const ListCategoriesInput = z.object({
  /** Include retired categories (staff looking at old petitions). */
  includeRetired: z.boolean().default(false),
});
/** A city admin's edit: a new version of the minor category; petitions filed before keep theirs. */
export const UpdateCategoryInput = z.object({
  key: z.string().trim().regex(CATEGORY_KEY).max(64),
  nameZh: z.string().trim().min(1).max(40).nullish(),
  defaultLevel: z.enum(LEVELS).nullish(),
  /** The default department by its functional name, e.g. 住房和城乡建设局: the county unit whose name ends with it. */
  defaultDepartment: z.string().trim().max(32).nullish(),
  timeLimitDays: z.number().int().min(1).max(MAX_TIME_LIMIT_DAYS).nullish(),
  anonymousAllowed: z.boolean().nullish(),
  retired: z.boolean().nullish(),
});
export type UpdateCategoryInput = z.output<typeof UpdateCategoryInput>;

export interface CategoryView {
  /** `<major>.<minor>`; a major category's key has no dot. */
  key: string;
  majorKey: string;
  nameZh: string;
  majorNameZh: string;
  version: number;
  defaultLevel: Level;
  defaultDepartment: string | null;
  timeLimitDays: number;
  anonymousAllowed: boolean;
  retired: boolean;
  updatedAt: string;
}

export interface MajorCategoryView {
  key: string;
  nameZh: string;
  categories: CategoryView[];
}

export interface DepartmentView {
  id: string;
  code: string | null;
  name: string;
  region: string;
}

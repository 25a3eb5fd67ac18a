/**
 * The task list's filters → the tasksNear search, and its paging. tasksNear has no cursor: it answers
 * at most LIST_LIMIT tasks of the region subtree, which the list pages through on the client.
 */
import type { TaskKind, TaskSearchInput, TaskStatus } from '../../api/schema-types.js';

export const TASK_STATUSES: readonly TaskStatus[] = ['published', 'closed', 'cancelled', 'expired'];
export const TASK_KINDS: readonly TaskKind[] = ['dispatched', 'emergency', 'annual_duty', 'micro_wish'];
/** The most tasksNear answers in one search. */
export const LIST_LIMIT = 100;
export const PAGE_SIZE = 20;

export interface ListFilters {
  region: string;
  /** '' for every status. */
  status: TaskStatus | '';
  /** '' for every kind. */
  kind: TaskKind | '';
}

export function searchOf(f: ListFilters): TaskSearchInput {
  return {
    region: f.region,
    // The server's default is published only; "all" must name every status.
    statuses: f.status ? [f.status] : [...TASK_STATUSES],
    kinds: f.kind ? [f.kind] : null,
    first: LIST_LIMIT,
  };
}

export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The items of page `page` (0-based), the page clamped into range. */
export function pageOf<T>(items: readonly T[], page: number, size = PAGE_SIZE): { items: T[]; page: number } {
  const last = pageCount(items.length, size) - 1;
  const p = Math.min(Math.max(page, 0), last);
  return { items: items.slice(p * size, p * size + size), page: p };
}

/**
 * Regions are opaque paths until the grids service owns the region tree:
 * city/county/street/community/grid, e.g. `jingmen/dongbao/longquan/xiangshan/g03`.
 * A grant on a region covers every region below it.
 */
import { z } from 'zod';

const REGION_SEGMENT = /^[a-z0-9][a-z0-9-]{0,31}$/;
export const regionPath = z
  .string()
  .max(200)
  .refine((p) => p.split('/').length <= 8 && p.split('/').every((s) => REGION_SEGMENT.test(s)), {
    message: 'must be a region path like city/county/street/community/grid (lowercase letters, digits, dashes)',
  });

/** True when `outer` is `inner` or one of its ancestors. */
export function regionContains(outer: string, inner: string): boolean {
  return inner === outer || inner.startsWith(outer + '/');
}

/** The county token used in event subjects; city-level objects use `city`. */
export function countyOf(region: string): string {
  return region.split('/')[1] ?? 'city';
}

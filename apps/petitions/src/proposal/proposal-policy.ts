import { regionContains, type Actor, type RoleName } from '@gov/kernel';
import type { ProposalScope } from '@gov/petitions-data-access';

/** Staff who open proposals for an area (any level at or above it): its grid workers and admins. */
export const PROPOSER_ROLES: readonly RoleName[] = ['grid_worker', 'community_admin', 'street_admin', 'county_admin', 'city_admin'];
/** Staff who enter paper ballots for any building of their region; a building's own head enters those of its building. */
export const BALLOT_STAFF_ROLES: readonly RoleName[] = PROPOSER_ROLES;
/** identity's steward class of building heads (楼栋长). */
export const BUILDING_HEAD_CLASS = 6;

/** The region and every region above it, e.g. jingmen, jingmen/dongbao, … for a grid. */
export function ancestorsOrSelf(region: string): string[] {
  const parts = region.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** One contains the other: an area overlapping a region is about it, or about part of it. */
export function overlaps(a: string, b: string): boolean {
  return regionContains(a, b) || regionContains(b, a);
}

/**
 * The regions the caller belongs to, for proposals: the region of every role they hold (residents,
 * stewards and staff alike) and their household's building. Proposals are published to the
 * residents of their area (结果公示), not beyond it.
 */
export function regionsOf(actor: Actor, householdRegion: string | null): string[] {
  return [...new Set([...actor.grants.map((g) => g.region), ...(householdRegion ? [householdRegion] : [])])];
}

/** A proposal is visible to whoever belongs to a region its area overlaps; to anyone else it does not exist. */
export function proposalVisibleTo(regions: readonly string[], area: string): boolean {
  return regions.some((r) => overlaps(r, area));
}

/** The SQL form of "overlaps one of `regions`" (see ProposalRepository.list). */
export function overlapScope(regions: readonly string[]): ProposalScope {
  return { exact: [...new Set(regions.flatMap(ancestorsOrSelf))], below: [...new Set(regions.map((r) => `${r}/%`))] };
}

import { ADMIN_ROLES, actorCan, regionContains, type Actor, type RoleName } from '@gov/kernel';

/** Who manages a webhook: an admin of its region (a county's admin) or above it (the city's). */
export const WEBHOOK_ADMIN_ROLES: readonly RoleName[] = ADMIN_ROLES;

export function mayManageWebhook(actor: Actor, region: string): boolean {
  return actorCan(actor, WEBHOOK_ADMIN_ROLES, region);
}

/**
 * Whether the caller may know the webhook exists: someone working in its region, above it or
 * below it. Another county's webhook answers as a missing one.
 */
export function webhookVisibleTo(actor: Actor, region: string): boolean {
  return actor.grants.some((g) => regionContains(g.region, region) || regionContains(region, g.region));
}

/** A webhook serves a county (`jingmen/dongbao`) or the whole city (`jingmen`). */
export function isWebhookRegion(region: string): boolean {
  const depth = region.split('/').length;
  return depth === 1 || depth === 2;
}

/** The county token events carry (`ce-county`) a webhook of `region` receives; `city` for the city-wide one (it receives all). */
export function webhookCounty(region: string): string {
  return region.split('/')[1] ?? 'city';
}

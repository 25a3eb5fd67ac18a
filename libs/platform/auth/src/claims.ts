import type { Actor, RoleGrantRef } from '@gov/kernel';

/** Access-token claims beyond the registered ones. Grants ride in the token; it lives at most 15 minutes. */
export interface AccessClaims {
  sub: string;
  pid: string | null;
  usr: string;
  grants: RoleGrantRef[];
}

export function actorFromClaims(c: AccessClaims): Actor {
  return { accountId: c.sub, personId: c.pid ?? null, username: c.usr, grants: c.grants ?? [] };
}

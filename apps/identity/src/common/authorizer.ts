import { actorCan, forbidden, notFound, type Actor, type RoleName } from '@gov/kernel';
import { Account, RoleGrant } from '@gov/identity-data-access';
import { requireActor } from '@gov/platform-auth';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditLog, type AuditRecord } from './audit-log.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Region-scope checks that leave a `denied` audit entry (in the region aimed at) when they refuse.
 * Two answers, and no message ever names a region:
 * - the caller names a region they hold no role on (register there, list it, move a steward
 *   into it): FORBIDDEN — they know the region, nothing is revealed by refusing it;
 * - the caller names an object by id that lies outside their regions: NOT_FOUND, word for word
 *   what an id that exists nowhere gets — a refusal must not tell that the object exists.
 */
@Injectable()
export class Authorizer {
  constructor(private readonly audit: AuditLog) {}

  /** The caller acts on `region`, which they named. Refused: FORBIDDEN. */
  async authorize(actor: Actor | null, roles: readonly RoleName[], region: string, attempt: AuditRecord): Promise<Actor> {
    const a = requireActor(actor);
    if (actorCan(a, roles, region)) return a;
    await this.audit.recordDenied(a, attempt);
    throw forbidden(`you hold no ${roles.join('/')} role on the region asked for`);
  }

  /**
   * The caller named the object `attempt.targetId` (a `what`, e.g. 'person'); `attempt.region` is
   * the object's region. Refused: NOT_FOUND, exactly as for an unknown id.
   */
  async authorizeObject(actor: Actor | null, roles: readonly RoleName[], what: string, attempt: AuditRecord & { targetId: string }): Promise<Actor> {
    const a = requireActor(actor);
    if (actorCan(a, roles, attempt.region)) return a;
    await this.audit.recordDenied(a, attempt);
    throw notFound(what, attempt.targetId);
  }

  /**
   * The actor with only those of the token's grants that identity still holds now: a grant revoked
   * since the token was issued (up to 15 minutes ago), or a disabled account, counts at once. For the
   * operations where a stale grant does lasting harm: handing out and taking back roles, unmasking.
   * A grant added since the token waits for the next one, as everywhere else.
   */
  async current(em: EntityManager, actor: Actor | null): Promise<Actor> {
    const a = requireActor(actor);
    if (!UUID.test(a.accountId)) return { ...a, grants: [] };
    const account = await em.findOne(Account, { id: a.accountId });
    if (!account || account.disabledAt) return { ...a, grants: [] };
    const held = await em.find(RoleGrant, { accountId: a.accountId, revokedAt: null });
    return { ...a, grants: a.grants.filter((g) => held.some((h) => h.role === g.role && h.region === g.region)) };
  }
}

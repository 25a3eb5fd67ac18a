import { actorCan, conflict, forbidden, notFound, type Actor } from '@gov/kernel';
import { IdentityEvents, type GrantRoleInput, type RevokeRoleInput, type RoleGrantView } from '@gov/identity-contracts';
import { Permissions, mayManageRole } from '@gov/identity-domain';
import { Account, Person, RoleGrant } from '@gov/identity-data-access';
import { randomUUID } from 'node:crypto';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { AuditLog } from '../common/audit-log.js';
import { Authorizer } from '../common/authorizer.js';
import { RegionDirectory } from '../region/region-directory.service.js';

/**
 * Roles held on regions (inherited downwards); an admin hands out only roles below their own.
 * Both directions check the caller's grants as identity holds them now (not only the token's), on
 * the region of the grant and on the region of the person who receives or loses it.
 */
@Injectable()
export class RoleService {
  constructor(
    private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly authorizer: Authorizer,
    private readonly regions: RegionDirectory,
  ) {}

  async grant(actor: Actor | null, input: z.output<typeof GrantRoleInput>): Promise<RoleGrantView> {
    // Every check (and the audit of a refusal) before the write transaction opens: a burst of
    // refused grants never holds connections the allowed ones need.
    const a = await this.authorizer.current(this.em, actor);
    const attempt = { operation: 'role.grant', targetType: 'person', targetId: input.personId, region: input.region, detail: { role: input.role } };
    // The region asked for: FORBIDDEN when the caller administers nothing there.
    if (!actorCan(a, Permissions.grantRoles, input.region)) {
      await this.audit.recordDenied(a, attempt);
      throw forbidden('you hold no admin role on the region asked for');
    }
    // The person: one outside the caller's regions is not found, like an unknown id.
    const person = await this.em.findOne(Person, { id: input.personId });
    if (!person) throw notFound('person', input.personId);
    if (!actorCan(a, Permissions.grantRoles, person.region)) {
      await this.audit.recordDenied(a, { ...attempt, region: person.region });
      throw notFound('person', input.personId);
    }
    // Rank: both regions are the caller's now, so the message may name them.
    if (!mayManageRole(a.grants, input.role, input.region)) {
      await this.audit.recordDenied(a, attempt);
      throw forbidden(`you may not hand out ${input.role} on ${input.region}`);
    }
    // The region must be a live node of grids' tree (after the checks above, so the answer tells
    // nothing of a tree the caller has no authority over). Nothing is written for a refusal.
    await this.regions.requireGrantable(input.region);
    return this.tx.run(async (em) => {
      const account = await em.findOne(Account, { personId: person.id });
      if (!account) throw conflict('this person has no account to grant a role to; register them with a username', 'NO_ACCOUNT');
      if (await em.count(RoleGrant, { accountId: account.id, role: input.role, region: input.region, revokedAt: null })) {
        throw conflict(`already holds ${input.role} on ${input.region}`, 'ALREADY_GRANTED');
      }
      const g = em.create(RoleGrant, { id: randomUUID(), accountId: account.id, role: input.role, region: input.region, grantedBy: a.accountId });
      await em.flush();
      const v = view(g, account.personId);
      await this.outbox.add(em, { ...IdentityEvents.roleGranted, region: g.region, subjectId: g.id, data: { ...v } });
      await this.audit.record(em, a, { operation: 'role.grant', targetType: 'account', targetId: account.id, region: g.region, detail: { role: g.role, grantId: g.id } });
      return v;
    });
  }

  async revoke(actor: Actor | null, { grantId }: z.output<typeof RevokeRoleInput>): Promise<RoleGrantView> {
    // Checks first, outside the write transaction (see grant). A grant's role, region and holder
    // never change, so what is checked here still holds under the lock below.
    const a = await this.authorizer.current(this.em, actor);
    const found = await this.em.findOne(RoleGrant, { id: grantId });
    if (!found) throw notFound('role grant', grantId);
    const account = await this.em.findOneOrFail(Account, { id: found.accountId });
    const attempt = { operation: 'role.revoke', targetType: 'account', targetId: found.accountId, region: found.region, detail: { role: found.role, grantId: found.id } };
    // A grant on a region the caller does not administer, or of a person living outside their
    // regions, is not found, like an unknown id.
    if (!actorCan(a, Permissions.grantRoles, found.region) || !(await this.holderVisible(this.em, a, account))) {
      await this.audit.recordDenied(a, attempt);
      throw notFound('role grant', grantId);
    }
    if (!mayManageRole(a.grants, found.role, found.region)) {
      await this.audit.recordDenied(a, attempt);
      throw forbidden(`you may not take back ${found.role} on ${found.region}`);
    }
    return this.tx.run(async (em) => {
      const g = await em.findOneOrFail(RoleGrant, { id: grantId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (g.revokedAt) throw conflict('already revoked', 'ALREADY_REVOKED');
      g.revokedAt = new Date();
      g.revokedBy = a.accountId;
      await em.flush();
      const v = view(g, account.personId);
      await this.outbox.add(em, { ...IdentityEvents.roleRevoked, region: g.region, subjectId: g.id, data: { ...v } });
      await this.audit.record(em, a, { operation: 'role.revoke', targetType: 'account', targetId: g.accountId, region: g.region, detail: { role: g.role, grantId: g.id } });
      return v;
    });
  }

  /** The person behind the account lives where the caller administers (service accounts have none). */
  private async holderVisible(em: EntityManager, a: Actor, account: Account): Promise<boolean> {
    if (!account.personId) return true;
    const person = await em.findOne(Person, { id: account.personId });
    return !!person && actorCan(a, Permissions.grantRoles, person.region);
  }
}

function view(g: RoleGrant, personId: string | null): RoleGrantView {
  return { id: g.id, accountId: g.accountId, personId, role: g.role, region: g.region, grantedAt: g.grantedAt.toISOString(), grantedBy: g.grantedBy };
}

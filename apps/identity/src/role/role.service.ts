import { conflict, forbidden, notFound, regionContains, type Actor, type RoleName } from '@gov/kernel';
import type { GrantRoleInput, RevokeRoleInput, RoleGrantView } from '@gov/identity-contracts';
import { mayGrant } from '@gov/identity-domain';
import { Account, RoleGrant } from '@gov/identity-data-access';
import { requireActor } from '@gov/platform-auth';
import { randomUUID } from 'node:crypto';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { AuditLog } from '../common/audit-log.js';

/** Roles held on regions (inherited downwards); an admin hands out only roles below their own. */
@Injectable()
export class RoleService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
  ) {}

  async grant(actor: Actor | null, input: z.output<typeof GrantRoleInput>): Promise<RoleGrantView> {
    const a = await this.mayManage(actor, input.role, input.region, { operation: 'role.grant', targetType: 'person', targetId: input.personId });
    const grant = await this.tx.run(async (em) => {
      const account = await em.findOne(Account, { personId: input.personId });
      if (!account) throw conflict('this person has no account to grant a role to; register them with a username', 'NO_ACCOUNT');
      if (await em.count(RoleGrant, { accountId: account.id, role: input.role, region: input.region, revokedAt: null })) {
        throw conflict(`already holds ${input.role} on ${input.region}`, 'ALREADY_GRANTED');
      }
      const g = em.create(RoleGrant, { id: randomUUID(), accountId: account.id, role: input.role, region: input.region, grantedBy: a.accountId });
      await em.flush();
      const v = view(g, account.personId);
      await this.outbox.add(em, { region: g.region, aggregate: 'role', event: 'granted', subjectId: g.id, data: v as never });
      await this.audit.record(em, a, { operation: 'role.grant', targetType: 'account', targetId: account.id, region: g.region, detail: { role: g.role, grantId: g.id } });
      return v;
    });
    return grant;
  }

  async revoke(actor: Actor | null, { grantId }: z.output<typeof RevokeRoleInput>): Promise<RoleGrantView> {
    return this.tx.run(async (em) => {
      const g = await em.findOne(RoleGrant, { id: grantId });
      if (!g) throw notFound('role grant', grantId);
      const a = await this.mayManage(actor, g.role, g.region, { operation: 'role.revoke', targetType: 'account', targetId: g.accountId });
      if (g.revokedAt) throw conflict('already revoked', 'ALREADY_REVOKED');
      g.revokedAt = new Date();
      g.revokedBy = a.accountId;
      await em.flush();
      const account = await em.findOneOrFail(Account, { id: g.accountId });
      const v = view(g, account.personId);
      await this.outbox.add(em, { region: g.region, aggregate: 'role', event: 'revoked', subjectId: g.id, data: v as never });
      await this.audit.record(em, a, { operation: 'role.revoke', targetType: 'account', targetId: g.accountId, region: g.region, detail: { role: g.role, grantId: g.id } });
      return v;
    });
  }

  /** The actor needs an admin role on the region that ranks above the role handed out. */
  private async mayManage(actor: Actor | null, role: RoleName, region: string, attempt: { operation: string; targetType: string; targetId: string }): Promise<Actor> {
    const a = requireActor(actor);
    const ok = a.grants.some((g) => regionContains(g.region, region) && mayGrant(g.role, role));
    if (!ok) {
      await this.audit.recordDenied(a, { ...attempt, region, detail: { role } });
      throw forbidden(`you may not hand out ${role} on ${region}`);
    }
    return a;
  }
}

function view(g: RoleGrant, personId: string | null): RoleGrantView {
  return { id: g.id, accountId: g.accountId, personId, role: g.role, region: g.region, grantedAt: g.grantedAt.toISOString(), grantedBy: g.grantedBy };
}

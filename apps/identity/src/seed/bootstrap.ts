import type { Actor, RoleName } from '@gov/kernel';
import { IdentityEvents } from '@gov/identity-contracts';
import { Account, Person, PersonPii, RoleGrant } from '@gov/identity-data-access';
import { hash } from '@node-rs/argon2';
import { randomUUID } from 'node:crypto';
import { Outbox } from '@gov/platform-outbox';
import { PiiCipher } from '@gov/platform-persistence';
import { TransactionRunner } from '@gov/platform-service';
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { AuditLog } from '../common/audit-log.js';

export interface BootstrapAdmin {
  username: string;
  password: string;
  name: string;
  phone: string;
  idCardNumber: string;
  region: string;
  grants: { role: RoleName; region: string }[];
}

/**
 * Creates the first administrator, who cannot be created through the API (nobody could authorise
 * it). Idempotent by username. Writes its audit entry and event like any other registration.
 */
@Injectable()
export class AdminBootstrap {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly pii: PiiCipher,
  ) {}

  async ensure(b: BootstrapAdmin): Promise<Actor> {
  const passwordHash = await hash(b.password);
  return this.tx.run(async (em) => {
    let account = await em.findOne(Account, { username: b.username });
    if (!account) {
      const personId = randomUUID();
      const person = em.create(Person, {
        id: personId,
        name: b.name,
        phoneEnc: this.pii.encrypt(b.phone, PersonPii.phone(personId)),
        phoneIdx: this.pii.blindIndex(b.phone),
        idCardEnc: this.pii.encrypt(b.idCardNumber, PersonPii.idCard(personId)),
        idCardIdx: this.pii.blindIndex(b.idCardNumber),
        region: b.region,
      });
      account = em.create(Account, { id: randomUUID(), username: b.username, personId: person.id, passwordHash });
      for (const g of b.grants) em.create(RoleGrant, { id: randomUUID(), accountId: account.id, role: g.role, region: g.region, grantedBy: null });
      await em.flush();
      await this.outbox.add(em, { ...IdentityEvents.personRegistered, region: b.region, subjectId: person.id, data: { id: person.id, region: b.region, hasAccount: true } });
      await this.audit.record(em, null, { operation: 'account.bootstrap', targetType: 'account', targetId: account.id, region: b.region, detail: { username: b.username, grants: b.grants } });
    }
    const grants = await em.find(RoleGrant, { accountId: account.id, revokedAt: null });
    return { accountId: account.id, personId: account.personId, username: account.username, grants: grants.map((g) => ({ role: g.role, region: g.region })) };
  });
}
}

/** For seeds and tests that hold the application rather than the provider. */
export function ensureBootstrapAdmin(app: INestApplicationContext, b: BootstrapAdmin): Promise<Actor> {
  return app.get(AdminBootstrap).ensure(b);
}

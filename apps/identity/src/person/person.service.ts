import { AppError, actorCan, conflict, notFound, type Actor, type GetManyInput } from '@gov/kernel';
import { IdentityEvents, type GetByIdInput, type PersonView, type RegisterPersonInput } from '@gov/identity-contracts';
import { Permissions } from '@gov/identity-domain';
import { Account, Person, PersonPii, PersonRecordRepository, type PersonRecord } from '@gov/identity-data-access';
import { maskIdCard, maskPhone, PiiCipher } from '@gov/platform-persistence';
import { hash } from '@node-rs/argon2';
import { randomUUID } from 'node:crypto';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { AuditLog } from '../common/audit-log.js';
import { Authorizer } from '../common/authorizer.js';

/** Residents, stewards and staff: one person each, personal data encrypted and masked. */
@Injectable()
export class PersonService {
  constructor(
    private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly authorizer: Authorizer,
    private readonly pii: PiiCipher,
    private readonly records: PersonRecordRepository,
  ) {}

  async register(actor: Actor | null, input: z.output<typeof RegisterPersonInput>): Promise<PersonView> {
    if ((input.username === undefined) !== (input.password === undefined)) {
      throw new AppError('VALIDATION', 'username and password come together', undefined, [{ path: input.username ? 'password' : 'username', message: 'required with the other' }]);
    }
    const a = await this.authorizer.authorize(actor, Permissions.registerPerson, input.region, { operation: 'person.register', targetType: 'person', targetId: null, region: input.region });
    const idCardIdx = this.pii.blindIndex(input.idCardNumber);
    const passwordHash = input.password ? await hash(input.password) : null;
    const person = await this.tx.run(async (em) => {
      if (await em.count(Person, { idCardIdx })) throw conflict('a person with this ID number is already registered', 'DUPLICATE_ID_CARD');
      if (input.username && (await em.count(Account, { username: input.username }))) throw conflict(`username ${input.username} is taken`, 'DUPLICATE_USERNAME');
      const id = randomUUID();
      const p = em.create(Person, {
        id,
        name: input.name,
        phoneEnc: this.pii.encrypt(input.phone, PersonPii.phone(id)),
        phoneIdx: this.pii.blindIndex(input.phone),
        idCardEnc: this.pii.encrypt(input.idCardNumber, PersonPii.idCard(id)),
        idCardIdx,
        region: input.region,
      });
      if (input.username && passwordHash) em.create(Account, { id: randomUUID(), username: input.username, personId: p.id, passwordHash });
      await em.flush();
      // Events carry no personal data: subscribers ask for it (and are audited) if they need it.
      await this.outbox.add(em, { ...IdentityEvents.personRegistered, region: p.region, subjectId: p.id, data: { id: p.id, region: p.region, hasAccount: !!input.username } });
      await this.audit.record(em, a, { operation: 'person.register', targetType: 'person', targetId: p.id, region: p.region });
      return p;
    });
    return this.view(person, false);
  }

  /**
   * A person outside the caller's regions is not found, exactly like an unknown id. Unmasking
   * checks the grants identity holds now, not only the token's (a revoked admin stops at once).
   */
  async get(actor: Actor | null, input: z.output<typeof GetByIdInput>): Promise<PersonView> {
    const person = await this.records.byId(input.id);
    if (!person) throw notFound('person', input.id);
    const caller = input.unmask ? await this.authorizer.current(this.em, actor) : actor;
    const attempt = { targetType: 'person', targetId: person.id, region: person.region };
    if (caller?.personId !== person.id) {
      await this.authorizer.authorizeObject(caller, Permissions.readPerson, 'person', { operation: 'person.read', ...attempt });
    }
    if (!input.unmask) return this.view(person, false);
    const a = await this.authorizer.authorize(caller, Permissions.unmaskPerson, person.region, { operation: 'person.unmask', ...attempt });
    // The unmasked read is written before the data leaves: no audit entry, no plaintext.
    await this.audit.record(this.em, a, { operation: 'person.unmask', ...attempt, detail: { fields: ['phone', 'idCardNumber'] } });
    return this.view(person, true);
  }

  /** Batch read for the gateway's DataLoader: objects outside the actor's regions are left out. */
  async getMany(actor: Actor | null, { ids }: GetManyInput): Promise<PersonView[]> {
    const people = await this.records.byIds(ids);
    return people.filter((p) => actor?.personId === p.id || actorCan(actor, Permissions.readPerson, p.region)).map((p) => this.view(p, false));
  }

  private view(p: PersonRecord, unmasked: boolean): PersonView {
    const phone = this.pii.decrypt(p.phoneEnc, PersonPii.phone(p.id));
    const idCard = this.pii.decrypt(p.idCardEnc, PersonPii.idCard(p.id));
    return {
      id: p.id,
      name: p.name,
      phone: unmasked ? phone : maskPhone(phone),
      idCardNumber: unmasked ? idCard : maskIdCard(idCard),
      region: p.region,
      masked: !unmasked,
      createdAt: p.createdAt.toISOString(),
    };
  }
}

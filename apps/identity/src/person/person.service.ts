import { AppError, GetManyInput, actorCan, conflict, notFound, parseInput, type Actor } from '@gov/kernel';
import { GetByIdInput, RegisterPersonInput, type PersonView } from '@gov/identity-contracts';
import { Permissions } from '@gov/identity-domain';
import { Account, Person } from '@gov/identity-data-access';
import { maskIdCard, maskPhone } from '@gov/platform-persistence';
import { hash } from '@node-rs/argon2';
import { randomUUID } from 'node:crypto';
import { authorize } from '../authorize.js';
import type { Deps } from '../deps.js';

export class PersonService {
  constructor(private readonly deps: Deps) {}

  async register(actor: Actor | null, raw: unknown): Promise<PersonView> {
    const input = parseInput(RegisterPersonInput, raw);
    if ((input.username === undefined) !== (input.password === undefined)) {
      throw new AppError('VALIDATION', 'username and password come together', undefined, [{ path: input.username ? 'password' : 'username', message: 'required with the other' }]);
    }
    const a = await authorize(this.deps, actor, Permissions.registerPerson, input.region, { operation: 'person.register', targetType: 'person', targetId: null, region: input.region });
    const { pii } = this.deps;
    const idCardIdx = pii.blindIndex(input.idCardNumber);
    const passwordHash = input.password ? await hash(input.password) : null;
    const person = await this.deps.transaction(async (em) => {
      if (await em.count(Person, { idCardIdx })) throw conflict('a person with this ID number is already registered', 'DUPLICATE_ID_CARD');
      if (input.username && (await em.count(Account, { username: input.username }))) throw conflict(`username ${input.username} is taken`, 'DUPLICATE_USERNAME');
      const p = em.create(Person, {
        id: randomUUID(),
        name: input.name,
        phoneEnc: pii.encrypt(input.phone),
        phoneIdx: pii.blindIndex(input.phone),
        idCardEnc: pii.encrypt(input.idCardNumber),
        idCardIdx,
        region: input.region,
      });
      if (input.username && passwordHash) em.create(Account, { id: randomUUID(), username: input.username, personId: p.id, passwordHash });
      await em.flush();
      // Events carry no personal data: subscribers ask for it (and are audited) if they need it.
      await this.deps.outbox.add(em, { region: p.region, aggregate: 'person', event: 'registered', subjectId: p.id, data: { id: p.id, region: p.region, hasAccount: !!input.username } });
      await this.deps.audit.record(em, a, { operation: 'person.register', targetType: 'person', targetId: p.id, region: p.region });
      return p;
    });
    return this.view(person, false);
  }

  async get(actor: Actor | null, raw: unknown): Promise<PersonView> {
    const input = parseInput(GetByIdInput, raw);
    const person = await this.deps.em().findOne(Person, { id: input.id });
    if (!person) throw notFound('person', input.id);
    if (actor?.personId !== person.id) {
      await authorize(this.deps, actor, Permissions.readPerson, person.region, { operation: 'person.read', targetType: 'person', targetId: person.id, region: person.region });
    }
    if (!input.unmask) return this.view(person, false);
    const a = await authorize(this.deps, actor, Permissions.unmaskPerson, person.region, { operation: 'person.unmask', targetType: 'person', targetId: person.id, region: person.region });
    // The unmasked read is written before the data leaves: no audit entry, no plaintext.
    await this.deps.audit.record(this.deps.em(), a, { operation: 'person.unmask', targetType: 'person', targetId: person.id, region: person.region, detail: { fields: ['phone', 'idCardNumber'] } });
    return this.view(person, true);
  }

  /** Batch read for the gateway's DataLoader: objects outside the actor's regions are left out. */
  async getMany(actor: Actor | null, raw: unknown): Promise<PersonView[]> {
    const { ids } = parseInput(GetManyInput, raw);
    const people = await this.deps.em().find(Person, { id: { $in: ids } });
    return people.filter((p) => actor?.personId === p.id || actorCan(actor, Permissions.readPerson, p.region)).map((p) => this.view(p, false));
  }

  private view(p: Person, unmasked: boolean): PersonView {
    const phone = this.deps.pii.decrypt(p.phoneEnc);
    const idCard = this.deps.pii.decrypt(p.idCardEnc);
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

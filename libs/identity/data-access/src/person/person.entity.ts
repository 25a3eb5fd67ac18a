import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';

/** A natural person known to the platform (resident, steward, staff). Phone and ID number are stored encrypted. */
@Entity({ tableName: 'person' })
export class Person {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'text' }) phoneEnc!: string;
  /** HMAC blind index: equality lookups without decrypting. */
  @Property({ type: 'text' }) phoneIdx!: string;
  @Property({ type: 'text' }) idCardEnc!: string;
  @Property({ type: 'text', unique: true }) idCardIdx!: string;
  @Property({ type: 'text' }) region!: string;
  @Property({ type: 'timestamptz' }) createdAt: Date & Opt = new Date();
}

/** Where a person's encrypted fields live: the ciphertexts are bound to these places. */
export const PersonPii = {
  phone: (personId: string) => ({ table: 'person', column: 'phone_enc', rowId: personId }),
  idCard: (personId: string) => ({ table: 'person', column: 'id_card_enc', rowId: personId }),
};

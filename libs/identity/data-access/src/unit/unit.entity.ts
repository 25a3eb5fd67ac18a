import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import type { UnitKind } from '@gov/identity-contracts';

/** An organisation stewards belong to: liaison unit (包联单位), department, enterprise, social organisation. */
@Entity({ tableName: 'unit' })
export class Unit {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text', unique: true }) code!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'text' }) kind!: UnitKind;
  @Property({ type: 'text' }) region!: string;
  @Property({ type: 'timestamptz' }) createdAt: Date & Opt = new Date();
}

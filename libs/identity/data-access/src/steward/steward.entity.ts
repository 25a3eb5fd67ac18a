import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import type { DeliberationRole, SentinelRole, StewardClass } from '@gov/identity-contracts';

/** A Red Steward (红管家): a person enrolled in a number class, a unit, a grid and maybe a building. */
@Entity({ tableName: 'steward' })
export class Steward {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  /** Keyset-pagination order; never shown. */
  @Property({ type: 'bigint', autoincrement: true, persist: false }) seq!: Opt<string>;
  @Property({ type: 'uuid', unique: true }) personId!: string;
  @Property({ type: 'text', unique: true }) number!: string;
  @Property({ type: 'smallint' }) class!: StewardClass;
  @Property({ type: 'uuid' }) unitId!: string;
  @Property({ type: 'text' }) grid!: string;
  @Property({ type: 'text', nullable: true }) building: string | null = null;
  @Property({ type: 'text', nullable: true }) deliberationRole: DeliberationRole | null = null;
  @Property({ type: 'text', nullable: true }) sentinelRole: SentinelRole | null = null;
  @Property({ type: 'uuid', nullable: true }) reportsToId: string | null = null;
  @Property({ type: 'timestamptz' }) enrolledAt: Date & Opt = new Date();
  @Property({ type: 'timestamptz' }) updatedAt: Date & Opt = new Date();
}

/** Every number a steward has held, so a number printed on an old card can still be traced. */
@Entity({ tableName: 'steward_number_history' })
export class StewardNumberHistory {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) stewardId!: string;
  @Property({ type: 'text' }) number!: string;
  @Property({ type: 'timestamptz' }) issuedAt!: Date;
  @Property({ type: 'timestamptz', nullable: true }) retiredAt: Date | null = null;
}

import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';

/** A mediation organisation (table `organisation`): written rarely, read through the EntityManager. */
@Entity({ tableName: 'organisation' })
export class Organisation {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) kind!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'text' }) region!: string;
  @Property({ type: 'text' }) county!: string;
  @Property({ type: 'text' }) level!: string;
  @Property({ type: 'uuid' }) createdBy!: string;
  @Property({ type: 'timestamptz' }) createdAt: Date & Opt = new Date();
}

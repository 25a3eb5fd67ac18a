import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';

/** The sample aggregate of the mediation service (table `mediation_case` in the service's own schema). */
@Entity({ tableName: 'mediation_case' })
export class MediationCase {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'text' }) region!: string;
  @Property({ type: 'uuid' }) createdBy!: string;
  @Property({ type: 'timestamptz' }) createdAt: Date & Opt = new Date();
}

import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';

/**
 * A webhook's row (table `webhook`) for reads by the ORM; the service reads and writes through
 * WebhookRepository's SQL. The event types and the encrypted secret are left unmapped.
 */
@Entity({ tableName: 'webhook' })
export class Webhook {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'text' }) url!: string;
  @Property({ type: 'text' }) region!: string;
  @Property({ type: 'text' }) county!: string;
  @Property({ type: 'boolean' }) active: boolean & Opt = true;
  @Property({ type: 'uuid' }) createdBy!: string;
  @Property({ type: 'timestamptz' }) createdAt: Date & Opt = new Date();
  @Property({ type: 'timestamptz' }) updatedAt: Date & Opt = new Date();
}

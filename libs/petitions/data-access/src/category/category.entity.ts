import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';

/** One version of a category (table `category`); a city admin's edit inserts the next version. */
@Entity({ tableName: 'category' })
export class Category {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) key!: string;
  @Property({ type: 'text' }) majorKey!: string;
  @Property({ type: 'text' }) nameZh!: string;
  @Property({ type: 'text' }) majorNameZh!: string;
  @Property({ type: 'int' }) version!: number;
  @Property({ type: 'text' }) defaultLevel!: string;
  @Property({ type: 'text', nullable: true }) defaultDepartment!: string | null;
  @Property({ type: 'int' }) timeLimitDays!: number;
  @Property({ type: 'boolean' }) anonymousAllowed!: boolean;
  @Property({ type: 'boolean' }) retired: boolean & Opt = false;
  @Property({ type: 'boolean' }) current!: boolean;
  @Property({ type: 'uuid', nullable: true }) createdBy!: string | null;
  @Property({ type: 'timestamptz' }) createdAt: Date & Opt = new Date();
}

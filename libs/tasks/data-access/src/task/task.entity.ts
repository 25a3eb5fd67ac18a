import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';

/**
 * The task row as the ORM sees it (table `task`); the location (geography) and the claims are
 * read and written by TaskRepository's SQL. Tests look at stored rows through it.
 */
@Entity({ tableName: 'task' })
export class Task {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) kind!: string;
  @Property({ type: 'text' }) title!: string;
  @Property({ type: 'text' }) region!: string;
  @Property({ type: 'text' }) status!: string;
  @Property({ type: 'int' }) capacity!: number;
  @Property({ type: 'int' }) claimed!: number;
  @Property({ type: 'int' }) points!: number;
  @Property({ type: 'timestamptz' }) createdAt: Date & Opt = new Date();
}

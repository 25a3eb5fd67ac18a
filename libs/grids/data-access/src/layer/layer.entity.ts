import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';

/** A grid layer (网格图层): one way of tiling the territory, with the role of the people who answer for each grid. */
@Entity({ tableName: 'grid_layer' })
export class GridLayer {
  @PrimaryKey({ type: 'text' }) key!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'text' }) nameZh!: string;
  @Property({ type: 'text' }) staffRole!: string;
  @Property({ type: 'text' }) staffTitleZh!: string;
  @Property({ type: 'int' }) sort!: number;
  @Property({ type: 'timestamptz' }) createdAt: Date & Opt = new Date();
}

/** A person who answers for one grid of one layer, from `assignedAt` until `endedAt`. */
@Entity({ tableName: 'grid_staff' })
export class GridStaff {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) layerKey!: string;
  /** The tree's grid node (comprehensive layer)… */
  @Property({ type: 'uuid', nullable: true }) regionId: string | null = null;
  /** …or a grid of another layer. */
  @Property({ type: 'uuid', nullable: true }) layerGridId: string | null = null;
  @Property({ type: 'uuid' }) personId!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'text' }) role!: string;
  @Property({ type: 'uuid' }) assignedBy!: string;
  @Property({ type: 'timestamptz' }) assignedAt: Date & Opt = new Date();
  @Property({ type: 'timestamptz', nullable: true }) endedAt: Date | null = null;
}

import { Migration } from '@mikro-orm/migrations';

/**
 * The region tree as identity knows it from grids' events (region created, updated, moved,
 * archived): grants and units may only name a node that is here and not archived. Nodes keep
 * their parent and code, and `path` is derived from the parent's, so a move re-paths the whole
 * subtree and events that arrive out of order (one consumer per event type) still converge.
 */
export class Migration005KnownRegion extends Migration {
  override up(): void {
    this.addSql(`create table known_region (
      id uuid primary key,
      parent_id uuid,
      code text not null,
      path text not null,
      county text not null,
      level text,
      archived boolean not null default false,
      version bigint not null default 0,
      updated_at timestamptz not null)`);
    this.addSql(`create index known_region_path on known_region (path text_pattern_ops)`);
    this.addSql(`create index known_region_parent on known_region (parent_id)`);
  }
}

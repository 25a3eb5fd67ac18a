import { Migration } from '@mikro-orm/migrations';

/**
 * Households, central-household heads and places: what their features need beyond 001.
 * Unqualified SQL (the migrator sets search_path to the service's schema).
 */
export class Migration002Households extends Migration {
  override up(): void {
    // Keyset paging of household lists (encodeCursor/decodeCursor): a sequence in creation order.
    this.addSql(`alter table household add column seq bigint generated always as identity`);
    this.addSql(`create unique index household_seq on household (seq)`);
    // One head of household (户主) per household.
    this.addSql(`create unique index household_member_one_head on household_member (household_id) where relation = 'head'`);
    this.addSql(`alter table household_member add constraint household_member_relation check (relation in ('head', 'spouse', 'child', 'parent', 'grandparent', 'grandchild', 'sibling', 'other'))`);
    // Coverage reports count households per head and list heads below a node.
    this.addSql(`create index household_central_head on household (central_head_id) where central_head_id is not null`);
    this.addSql(`create index central_head_region on central_head (region_path text_pattern_ops)`);
    this.addSql(`alter table place add constraint place_kind check (kind in ('sentinel_post', 'steward_studio', 'steward_station', 'market', 'back_street', 'party_mass_centre', 'office'))`);
    this.addSql(`create index place_coverage_region on place_coverage (region_id)`);
    // Searches near a point measure in metres on geography: ST_DWithin(location::geography, …) uses this index.
    this.addSql(`create index place_geography on place using gist ((location::public.geography))`);
  }
}

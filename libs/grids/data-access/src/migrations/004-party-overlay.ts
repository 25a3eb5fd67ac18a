import { Migration } from '@mikro-orm/migrations';

/**
 * The party organisation overlay (党组织) on the region tree, and party-member central households
 * (党员中心户): a central head linked to a building or village-group party group.
 * Unqualified SQL (the migrator sets search_path to the service's schema).
 */
export class Migration004PartyOverlay extends Migration {
  override up(): void {
    this.addSql(`create table party_org (
      id uuid primary key,
      kind text not null check (kind in ('community_org', 'compound_branch', 'building_group', 'village_org', 'village_group')),
      region_id uuid not null references region (id),
      region_path text not null,
      parent_id uuid references party_org (id),
      name text not null,
      secretary_person_id uuid,
      created_at timestamptz not null default now(),
      constraint party_org_region_kind unique (region_id, kind))`);
    this.addSql(`create index party_org_region on party_org (region_path text_pattern_ops)`);
    this.addSql(`create index party_org_parent on party_org (parent_id)`);
    this.addSql(`alter table central_head add column party_org_id uuid references party_org (id)`);
    this.addSql(`create index central_head_party_org on central_head (party_org_id) where party_org_id is not null`);
  }
}

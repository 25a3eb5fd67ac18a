import { Migration } from '@mikro-orm/migrations';
import { OUTBOX_TABLES_SQL } from '@gov/platform-outbox';

/**
 * Unqualified SQL: the migrator sets search_path to the service's schema. PostGIS and ltree live
 * in `public` (database-wide extensions), so their types and functions are named `public.` here.
 * On a managed cluster the extensions are created by the cluster's bootstrap; `if not exists`
 * then needs no superuser.
 */
export class Migration001Initial extends Migration {
  override up(): void {
    // `if not exists` is not atomic: two schemas migrating at once (test suites, or two services'
    // Jobs) can both try to create the extension. A database-wide lock, held to this migration's
    // commit, makes the second wait and then find it.
    this.addSql(`select pg_advisory_xact_lock(hashtext('gov:create-extensions'))`);
    this.addSql(`create extension if not exists postgis with schema public`);
    this.addSql(`create extension if not exists ltree with schema public`);

    // The region tree (区域树): city → county → street/town → community/village → grid →
    // compound/village group → building. `path` is the API's form (segments joined by '/');
    // `tree` the same path as an ltree ('.' between labels, '-' written '_') for index-backed
    // subtree queries.
    this.addSql(`create table region (
      id uuid primary key,
      parent_id uuid references region (id),
      path text not null unique,
      tree public.ltree not null generated always as (public.text2ltree(replace(replace(path, '-', '_'), '/', '.'))) stored,
      code text not null,
      level text not null check (level in ('city', 'county', 'street', 'community', 'grid', 'compound', 'building')),
      kind text,
      name text not null,
      shape public.geometry(MultiPolygon, 4326) check (shape is null or public.st_isvalid(shape)),
      location public.geometry(Point, 4326),
      archived_at timestamptz,
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (parent_id, code))`);
    this.addSql(`create index region_tree on region using gist (tree)`);
    this.addSql(`create index region_shape on region using gist (shape)`);
    this.addSql(`create index region_location on region using gist (location)`);
    this.addSql(`create index region_parent on region (parent_id)`);

    // Grid layers (多格合一): each tiles the territory with its own grids and its own people.
    // The comprehensive layer's grids are the tree's grid nodes; the others are in layer_grid.
    this.addSql(`create table grid_layer (
      key text primary key,
      name text not null,
      name_zh text not null,
      staff_role text not null,
      staff_title_zh text not null,
      sort int not null,
      created_at timestamptz not null default now())`);
    this.addSql(`insert into grid_layer (key, name, name_zh, staff_role, staff_title_zh, sort) values
      ('comprehensive', 'Comprehensive governance grid', '综合治理网格', 'grid_worker', '网格员', 1),
      ('police', 'Police grid', '警格', 'community_police', '社区民警', 2),
      ('market', 'Market supervision grid', '市场监管网格', 'market_supervisor', '市场监管员', 3),
      ('enforcement', 'Law enforcement grid', '综合执法网格', 'enforcement_officer', '执法队员', 4)`);
    this.addSql(`create table layer_grid (
      id uuid primary key,
      layer_key text not null references grid_layer (key),
      code text not null,
      name text not null,
      region_path text not null,
      shape public.geometry(MultiPolygon, 4326) not null check (public.st_isvalid(shape)),
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      unique (layer_key, code))`);
    this.addSql(`create index layer_grid_shape on layer_grid using gist (shape)`);
    this.addSql(`create index layer_grid_region on layer_grid (region_path text_pattern_ops)`);

    // Who answers for a grid: a person (identity's id) with the layer's role.
    this.addSql(`create table grid_staff (
      id uuid primary key,
      layer_key text not null references grid_layer (key),
      region_id uuid references region (id),
      layer_grid_id uuid references layer_grid (id),
      person_id uuid not null,
      name text not null,
      role text not null,
      assigned_by uuid not null,
      assigned_at timestamptz not null default now(),
      ended_at timestamptz,
      check ((region_id is null) <> (layer_grid_id is null)))`);
    this.addSql(`create unique index grid_staff_current on grid_staff (coalesce(region_id, layer_grid_id), person_id) where ended_at is null`);

    // Households (户) in buildings; residents by identity's person id.
    this.addSql(`create table household (
      id uuid primary key,
      building_id uuid not null references region (id),
      number text not null,
      region_path text not null,
      central_head_id uuid,
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (building_id, number))`);
    this.addSql(`create index household_region on household (region_path text_pattern_ops)`);
    this.addSql(`create table household_member (
      household_id uuid not null references household (id),
      person_id uuid not null,
      relation text not null,
      since timestamptz not null default now(),
      primary key (household_id, person_id))`);
    this.addSql(`create unique index household_member_person on household_member (person_id)`);
    // Central-household heads (中心户长, "ten households, one link" 十户一联).
    this.addSql(`create table central_head (
      id uuid primary key,
      person_id uuid not null unique,
      household_id uuid not null references household (id),
      party_member boolean not null default false,
      region_path text not null,
      created_at timestamptz not null default now())`);
    this.addSql(`alter table household add constraint household_central_head foreign key (central_head_id) references central_head (id)`);

    // Places on the map: sentinel posts, steward studios and stations, markets, back streets,
    // party-mass service centres.
    this.addSql(`create table place (
      id uuid primary key,
      kind text not null,
      name text not null,
      region_id uuid not null references region (id),
      region_path text not null,
      location public.geometry(Point, 4326) not null,
      contact_phone text,
      opening_hours text,
      archived_at timestamptz,
      created_at timestamptz not null default now())`);
    this.addSql(`create index place_location on place using gist (location)`);
    this.addSql(`create index place_region on place (region_path text_pattern_ops)`);
    this.addSql(`create table place_coverage (place_id uuid not null references place (id), region_id uuid not null references region (id), primary key (place_id, region_id))`);

    // Building QR codes (码上议): the current version of each building's code; rotating bumps it.
    this.addSql(`create table building_qr (
      building_id uuid primary key references region (id),
      version int not null,
      issued_at timestamptz not null,
      issued_by uuid not null)`);

    for (const sql of OUTBOX_TABLES_SQL) this.addSql(sql);
  }
}

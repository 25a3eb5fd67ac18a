// Baseline for `npm run bench:grids` (bench/README.md, "Grids benchmark"): one process answering
// the benchmark's three grids operations straight from PostgreSQL, with the SQL the grids service
// runs for them. Plain node:http, a pg pool of DB_POOL_MAX (10, the services' default pool), no
// auth, no GraphQL beyond telling the bodies apart and taking the values from `variables`; the
// answers have the shapes the gateway returns for the benchmark's queries:
//
//   POST /graphql  query($lat: Float!, $lng: Float!) { locate(lat: $lat, lng: $lng) { … } }
//     LayerService.teamAt: RegionRepository.covering (grids.region.covering) ‖
//     LayerGridRepository.covering (grids.layer-grid.covering) ‖ the layers (the ORM's
//     `select … from grid_layer order by sort`), then LayerGridRepository.staffOf
//     (grids.staff.of-grids) for the chain's grid and each layer's grid; the chain from the root
//     (chainFromRoot) and the per-layer answer are built as the service builds them.
//   POST /graphql  query($id: ID!) { regionSubtreeCount(id: $id) { id byLevel { level count } households } }
//     RegionService.subtreeCount: RegionRepository.byId (grids.region.by-id), then
//     subtreeCount's two statements (grids.region.subtree-count, grids.household.subtree-count).
//   GET /tiles/<layer>/<z>/<x>/<y>.pbf
//     TileService.tile: TerritoryIoRepository.tile's ST_AsMVT statement (grids.tile.regions for
//     `regions` — at z14 the grid nodes and buildings — and `comprehensive` — the grid nodes —,
//     grids.tile.layer-grids for another layer's grids), visible from BENCH_TILE_GRANTS (the
//     bench admin's grant, `jingmen`), answered as the raw protobuf (application/vnd.mapbox-vector-tile).
//
// Statements are named prepared statements, as PreparedReads runs them, with the same names.
// The process around them (server, pool, health) is bench/baseline-server.mjs.
// Environment: DATABASE_URL, DB_SCHEMA (the grids schema), HTTP_PORT, DB_POOL_MAX (10), BENCH_TILE_GRANTS (jingmen).
import { UUID, baselinePool, gqlError, send, serveBaseline } from './baseline-server.mjs';

const { S, pool, poolMax } = baselinePool('grids-baseline');
// libs/grids/data-access/src/region/region.repository.ts
const REGION_COLUMNS = `r.id, r.parent_id as "parentId", r.path, r.code, r.level, r.kind, r.name,
  public.st_asgeojson(r.shape, 7) as shape, public.st_asgeojson(r.location, 7) as location,
  r.archived_at as "archivedAt", r.version, r.created_at as "createdAt", r.updated_at as "updatedAt"`;
// libs/grids/data-access/src/territory-io/territory-io.repository.ts (REGION_TILE, LAYER_GRID_TILE)
const TILE_EXTENT = 4096;
const TILE_BUFFER = 64;
const TILE_MARGIN = TILE_BUFFER / TILE_EXTENT;
const visibleTree = (tree, grants) => `(${grants} operator(public.@>) ${tree} or ${grants} operator(public.<@) ${tree})`;
const SQL = {
  regionById: { name: 'grids.region.by-id', text: `select ${REGION_COLUMNS} from ${S}.region r where r.id = $1` },
  regionCovering: {
    name: 'grids.region.covering',
    text: `select ${REGION_COLUMNS} from ${S}.region r
         where r.archived_at is null and r.shape is not null
           and public.st_covers(r.shape, public.st_setsrid(public.st_makepoint($2, $1), 4326))
         order by public.nlevel(r.tree), r.created_at`,
  },
  subtreeCount: {
    name: 'grids.region.subtree-count',
    text: `select level, count(*) as count from ${S}.region where tree operator(public.<@) public.text2ltree($1) and path <> $2 and archived_at is null group by level`,
  },
  householdCount: {
    name: 'grids.household.subtree-count',
    text: `select count(*) as n from ${S}.household where (region_path = $1 or region_path like $2) and archived_at is null`,
  },
  // libs/grids/data-access/src/layer/layer-grid.repository.ts
  layerGridCovering: {
    name: 'grids.layer-grid.covering',
    text: `select distinct on (g.layer_key) g.id, g.layer_key as "layerKey", g.code, g.name, g.region_path as region from ${S}.layer_grid g
         where g.archived_at is null and public.st_covers(g.shape, public.st_setsrid(public.st_makepoint($2, $1), 4326))
         order by g.layer_key, g.created_at`,
  },
  staffOf: {
    name: 'grids.staff.of-grids',
    text: `select s.id, s.layer_key as "layerKey", coalesce(s.region_id, s.layer_grid_id) as "gridId", s.person_id as "personId", s.name, s.role, s.assigned_at as "assignedAt"
         from ${S}.grid_staff s where coalesce(s.region_id, s.layer_grid_id) = any($1::uuid[]) and s.ended_at is null order by s.assigned_at`,
  },
  // LayerService.layers(): em.find(GridLayer, {}, { orderBy: { sort: 'asc' } }), a plain (unprepared) query from the ORM
  layers: `select g0.key, g0.name, g0.name_zh, g0.staff_role, g0.staff_title_zh, g0.sort, g0.created_at from ${S}.grid_layer as g0 order by g0.sort asc`,
  regionTile: {
    name: 'grids.tile.regions',
    text: `with t as (select public.st_tileenvelope($1, $2, $3) as env,
                         public.st_transform(public.st_tileenvelope($1, $2, $3, margin => ${TILE_MARGIN}), 4326) as bbox),
         f as (
           select public.st_asmvtgeom(public.st_transform(coalesce(r.shape, r.location), 3857), t.env, ${TILE_EXTENT}, ${TILE_BUFFER}, true) as geom,
                  r.id::text as id, r.path, r.code, r.name, r.level, r.kind
           from ${S}.region r, t
           where r.archived_at is null and r.level = any($4::text[])
             and (r.shape operator(public.&&) t.bbox or r.location operator(public.&&) t.bbox)
             and ${visibleTree('r.tree', '$5::public.ltree[]')})
         select public.st_asmvt(f.*, $6::text, ${TILE_EXTENT}, 'geom') as mvt, count(*)::int as features from f where f.geom is not null`,
  },
  layerGridTile: {
    name: 'grids.tile.layer-grids',
    text: `with t as (select public.st_tileenvelope($1, $2, $3) as env,
                         public.st_transform(public.st_tileenvelope($1, $2, $3, margin => ${TILE_MARGIN}), 4326) as bbox),
         f as (
           select public.st_asmvtgeom(public.st_transform(g.shape, 3857), t.env, ${TILE_EXTENT}, ${TILE_BUFFER}, true) as geom,
                  g.id::text as id, g.code, g.name, g.region_path as region, g.layer_key as layer
           from ${S}.layer_grid g, t
           where g.archived_at is null and g.layer_key = $4::text
             and g.shape operator(public.&&) t.bbox
             and ${visibleTree(`public.text2ltree(replace(replace(g.region_path, '-', '_'), '/', '.'))`, '$5::public.ltree[]')})
         select public.st_asmvt(f.*, $4::text, ${TILE_EXTENT}, 'geom') as mvt, count(*)::int as features from f where f.geom is not null`,
  },
};
const ltreeOf = (p) => p.replaceAll('-', '_').replaceAll('/', '.');

/** The fields the benchmark's locate query selects (bench/grids-run.mjs LOCATE_QUERY). */
async function locate(res, lat, lng) {
  if (typeof lat !== 'number' || typeof lng !== 'number' || Math.abs(lat) > 90 || Math.abs(lng) > 180) return gqlError(res, 'lat and lng must be numbers', 'VALIDATION');
  const [nodes, layerGrids, layers] = await Promise.all([
    pool.query({ ...SQL.regionCovering, values: [lat, lng] }).then((r) => r.rows),
    pool.query({ ...SQL.layerGridCovering, values: [lat, lng] }).then((r) => r.rows),
    pool.query(SQL.layers).then((r) => r.rows),
  ]);
  // chainFromRoot
  const chain = [];
  for (const n of nodes) if (chain.length === 0 ? n.parentId === null : n.parentId === chain.at(-1).id) chain.push(n);
  const treeGrid = chain.find((r) => r.level === 'grid') ?? null;
  const gridByLayer = new Map(layerGrids.map((g) => [g.layerKey, g]));
  if (treeGrid) gridByLayer.set('comprehensive', { id: treeGrid.id, layerKey: 'comprehensive', code: treeGrid.code, name: treeGrid.name, region: treeGrid.path });
  const ids = [...gridByLayer.values()].map((g) => g.id);
  const staff = ids.length ? (await pool.query({ ...SQL.staffOf, values: [ids] })).rows : [];
  send(res, 200, {
    data: {
      locate: {
        lat,
        lng,
        regions: chain.map((r) => ({ id: r.id, path: r.path, level: r.level, name: r.name })),
        layers: layers.map((l) => {
          const grid = gridByLayer.get(l.key) ?? null;
          return {
            layer: { key: l.key },
            grid: grid ? { id: grid.id, code: grid.code } : null,
            staff: grid ? staff.filter((s) => s.gridId === grid.id).map((s) => ({ name: s.name })) : [],
          };
        }),
      },
    },
  });
}

async function subtreeCount(res, id) {
  if (typeof id !== 'string' || !UUID.test(id)) return gqlError(res, 'id must be an id', 'VALIDATION');
  const node = (await pool.query({ ...SQL.regionById, values: [id] })).rows[0];
  if (!node) return gqlError(res, `region ${id} not found`, 'NOT_FOUND');
  const byLevel = (await pool.query({ ...SQL.subtreeCount, values: [ltreeOf(node.path), node.path] })).rows;
  const h = (await pool.query({ ...SQL.householdCount, values: [node.path, `${node.path.replace(/[\\%_]/g, (c) => '\\' + c)}/%`] })).rows[0];
  send(res, 200, { data: { regionSubtreeCount: { id: node.id, byLevel: byLevel.map((r) => ({ level: r.level, count: Number(r.count) })), households: Number(h.n) } } });
}

// apps/grids/src/territory-io/tile.service.ts: the levels of the `regions` layer at a zoom
function levelsAtZoom(z) {
  if (z < 10) return ['county'];
  if (z < 12) return ['street'];
  if (z < 14) return ['community'];
  return ['grid', 'building'];
}
/** The caller's grant regions as an ltree[] literal (TerritoryIoRepository.tile); the bench admin's by default. */
const GRANTS = `{${(process.env.BENCH_TILE_GRANTS || 'jingmen').split(',').map((p) => `"${ltreeOf(p)}"`).join(',')}}`;

const TILE_PATH = /^\/tiles\/([a-z][a-z0-9_]{1,31})\/(\d{1,2})\/(\d{1,7})\/(\d{1,7})\.pbf$/;
/** TileService.tile without the actor: `regions`, `comprehensive` (the tree's grids) or another layer's grids. */
async function tile(res, layer, z, x, y) {
  if (z > 22 || x >= 2 ** z || y >= 2 ** z) return send(res, 400, { error: 'no such tile' });
  const { rows } =
    layer === 'regions' || layer === 'comprehensive'
      ? await pool.query({ ...SQL.regionTile, values: [z, x, y, layer === 'regions' ? levelsAtZoom(z) : ['grid'], GRANTS, layer] })
      : await pool.query({ ...SQL.layerGridTile, values: [z, x, y, layer, GRANTS] });
  const body = rows[0]?.mvt ?? Buffer.alloc(0);
  res.writeHead(200, { 'content-type': 'application/vnd.mapbox-vector-tile', 'content-length': body.length, 'x-features': String(rows[0]?.features ?? 0) });
  res.end(body);
}

serveBaseline({
  pool,
  poolMax,
  get: (req, res) => {
    const m = TILE_PATH.exec(req.url ?? '');
    return m && tile(res, m[1], Number(m[2]), Number(m[3]), Number(m[4]));
  },
  graphql: async ({ query, variables }, _req, res) => {
    if (query.includes('regionSubtreeCount')) await subtreeCount(res, variables.id);
    else if (query.includes('locate')) await locate(res, variables.lat, variables.lng);
    else gqlError(res, 'unknown operation', 'VALIDATION');
  },
});

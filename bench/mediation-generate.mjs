#!/usr/bin/env node
// The mediation benchmark's dataset (bench/README.md, "Mediation benchmark"): thirteen months of
// dispute cases (调解案件) of two counties, written straight into a migrated mediation schema with
// set-based SQL, for the case list (mediationCases) and the live statistics (mediationStats).
//
// - Territory: jingmen/dongbao and jingmen/duodao of the tasks benchmark's city
//   (bench/tasks-generate.mjs `territory`, same seed), as in bench/petitions-generate.mjs.
// - organisation (about 200): per county its one-stop centre (county_centre, level county), a
//   committee per street and two court-stationed judge studios (level street), a committee for
//   each of its first 70 communities (level community) and a five-elders team at each of its 15
//   busiest grids (level grid).
// - mediator (about 1,600): 80 per county centre, 14 per street organisation, 6 per community
//   committee, 4 per five-elders team; 1–2 specialities, capacity 8 (30%: 5–15), 95% available.
// - mediation_case: BENCH_CASES (200,000) over the 395 days (13 months) before the anchor (the
//   minute the run starts), 55% in dongbao, grids drawn with the petitions' skew, 20% placed at the
//   community rather than the grid. Categories neighbours 30%, property 15%, marriage/family 15%,
//   land 10%, labour 10%, consumer 10%, other 10%; sources walk-in 40%, petition 30%, court
//   referral 15%, deliberation 15%. Drawn level grid 50%, community 30%, street 12%, county 8%; the
//   organisation is the nearest existing one at that level or above (a court referral at street
//   level goes to its street's judge studio when there is one), the mediator one of its mediators.
//   Paths: 80% reach an agreement (3–43 days, 2% stuck for 60–200 days), which is then performed
//   and closed 5–60 days later; 25% of those apply for judicial confirmation within the 30-day
//   window (95% confirmed; a rejection closes the case as referred to litigation), the others lapse
//   if still agreed at the deadline. The rest close without one: withdrawn 8% (1–20 days),
//   no agreement 5%, referred to litigation 5%, to arbitration 2% (10–70 days). Whatever lies after
//   the anchor has not happened yet, so recent cases are opened, assigned, mediating or agreed (the
//   reminders already due at the anchor counted as sent, so the clock sweep owes none). 2% carry a
//   criminal risk (a police_alert row and the community as police grid); 6% were escalated once.
// - case_party: two per case (applicant, respondent; a company for property and labour
//   disputes). The phone's ciphertext is a FIXED DUMMY string (`PHONE_DUMMY_CIPHERTEXT`), not
//   AES-GCM under the service's key: the masked form is right, but partyContact cannot decrypt it.
//   30% have a person id, none an ID number.
// - case_timeline: opened, police_alerted, assigned, session_scheduled, agreed,
//   confirmation_requested/confirmed/rejected/lapsed and closed, as they happened before the anchor.
// - case_number: the last number of each county and year (CST), as the service keeps it.
// Agreements, sessions and follow-ups are not generated (agreement_version is 1 on agreed cases).
//
// Determinism: every id is md5(seed, key) as a version-8 uuid and every draw a slice of an md5, so
// a seed and an anchor give the same rows. The session runs with jit = off and ends with VACUUM
// ANALYZE (the statistics read index-only, which needs the visibility map).
//
// As a module: `generateMediationData(client, { schema, seed, cases, until, log })`
// (bench/mediation-run.mjs uses it). As a command (it migrates a schema of its own first, with
// apps/mediation/dist/migrate.js):
//   node bench/mediation-generate.mjs [--seed 20261205] [--cases 200000] [--schema benchgen_x] [--keep]
// Without --keep the schema is dropped at the end. DATABASE_URL, or tools/infra.mjs finds PostgreSQL.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { CITY, territory } from './tasks-generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const DEFAULT_SEED = 20261205;
/** The two counties, with their Chinese names and their courts (confirmation_court). */
export const COUNTIES = [
  { seg: 'dongbao', nameZh: '东宝区', court: '荆门市东宝区人民法院', share: 0.55 },
  { seg: 'duodao', nameZh: '掇刀区', court: '荆门市掇刀区人民法院', share: 0.45 },
];
/** The whole history: 13 months. */
export const HISTORY_DAYS = 395;
/** Stands in for every party's encrypted phone: NOT decryptable (partyContact would fail on it). */
export const PHONE_DUMMY_CIPHERTEXT = 'v2:bench:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA==:YmVuY2gtZHVtbXktcGhvbmU=';
const JUDGE_STUDIOS_PER_COUNTY = 2;
const COMMUNITY_COMMITTEES_PER_COUNTY = 70;
const GRID_TEAMS_PER_COUNTY = 15;
const MEDIATORS_PER_LEVEL = { county: 80, street: 14, community: 6, grid: 4 };
const CONFIRMATION_WINDOW_DAYS = 30;
/** Reminders go out at 7 and at 2 days left (CONFIRMATION_REMINDER_DAYS). */
const REMINDER_DAYS = [7, 2];
const CATEGORY_CUTS = [
  ['neighbours', 0.3],
  ['property_management', 0.45],
  ['marriage_family', 0.6],
  ['land_boundary', 0.7],
  ['labour_injury', 0.8],
  ['consumer', 0.9],
];
const CATEGORY_ZH = {
  neighbours: '邻里纠纷',
  land_boundary: '土地边界纠纷',
  marriage_family: '婚姻家庭纠纷',
  property_management: '物业纠纷',
  labour_injury: '劳动争议与工伤',
  consumer: '消费纠纷',
  other: '其他纠纷',
};
/** A few titles per category (the list shows them). */
const TITLES = {
  neighbours: ['楼上漏水影响楼下住户', '噪音扰民协商未果', '公共通道堆放杂物'],
  land_boundary: ['宅基地界址争议', '承包地边界不清', '围墙越界占地'],
  marriage_family: ['离婚财产分割', '赡养老人费用分担', '抚养费给付争议'],
  property_management: ['物业费收缴争议', '电梯维修费用分摊', '车位管理纠纷'],
  labour_injury: ['拖欠农民工工资', '工伤赔偿协商', '解除劳动合同补偿'],
  consumer: ['装修质量纠纷', '预付卡退费争议', '网购商品退货'],
  other: ['合伙经营分红争议', '借款归还纠纷', '相邻通行争议'],
};
const SOURCE_CUTS = [
  ['walk_in', 0.4],
  ['petition', 0.7],
  ['court_referral', 0.85],
];
const LEVEL_CUTS = [
  ['grid', 0.5],
  ['community', 0.8],
  ['street', 0.92],
];
/** Cumulative shares of how a case ends; the rest (80%) reaches an agreement. */
const ENDING_CUTS = [
  ['withdrawn', 0.08],
  ['no_agreement', 0.13],
  ['referred_litigation', 0.18],
  ['referred_arbitration', 0.2],
];
const STUCK_SHARE = 0.02;
const REQUEST_SHARE = 0.25;
const CONFIRMED_SHARE = 0.95;
const CRIMINAL_SHARE = 0.02;
const ESCALATED_SHARE = 0.06;
const AT_COMMUNITY_SHARE = 0.2;
/** Cases about money (an amount in dispute, 500 to 500,000 yuan); the others have none. */
const MONEY_SHARE = 0.55;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['秀英', '桂兰', '建国', '国强', '志明', '丽娟', '红梅', '海燕', '俊杰', '文华', '德胜', '玉兰', '春生', '明辉', '淑珍', '晓东'];

const sqlArray = (list) => `array[${list.map((s) => `'${s}'`).join(', ')}]`;

/**
 * Writes the dataset into `schema` (migrated, without cases). `client` is a connected pg.Client.
 * Returns { seconds, seed, until, steps: [{ step, seconds, rows }], counts, grids: { <county path>:
 * [grid paths, busiest first] } }.
 */
export async function generateMediationData(client, { schema, seed = DEFAULT_SEED, cases = 200_000, until = new Date(), log = () => {} }) {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
  if (!Number.isInteger(cases) || cases < 1000) throw new Error('cases must be an integer of at least 1000');
  const S = `"${schema}"`;
  const started = Date.now();
  const steps = [];
  const uid = (key) => `overlay(overlay(md5('${seed}:' || ${key}) placing '8' from 13 for 1) placing '8' from 17 for 1)::uuid`;
  /** The k-th 32-bit slice (0–3) of the md5 hex `h` as a number in [0, 1). */
  const slice = (h, k) => `(('x' || substr(${h}, ${1 + 8 * k}, 8))::bit(32)::bigint / 4294967296.0::float8)`;
  const cuts = (u, list, otherwise) => `case ${list.map(([v, c]) => `when ${u} < ${c} then '${v}'`).join(' ')} else '${otherwise}' end`;
  const days = (x) => `((${x}) * interval '1 day')`;
  async function step(name, sql, values) {
    const t = Date.now();
    const r = await client.query(sql, values);
    const s = { step: name, seconds: (Date.now() - t) / 1000, rows: r.rowCount ?? 0 };
    steps.push(s);
    log(`generate: ${name}: ${s.rows} rows in ${s.seconds.toFixed(1)} s`);
    return r;
  }

  const existing = (await client.query(`select count(*)::int as n from ${S}.mediation_case`)).rows[0].n;
  if (existing > 0) throw new Error(`${schema} already has cases; the generator needs a fresh, migrated schema`);

  await client.query(`set synchronous_commit = off`);
  await client.query(`set maintenance_work_mem = '256MB'`);
  await client.query(`set work_mem = '64MB'`);
  await client.query(`set jit = off`);

  // ---- the territory and its organisations (about 200: built here, inserted in one statement)
  const t = territory(seed, 1000);
  const grids = { path: [], county: [] };
  const byCounty = {};
  const orgs = { kind: [], name: [], region: [], county: [], level: [] };
  const addOrg = (kind, name, region, county, level) => {
    orgs.kind.push(kind);
    orgs.name.push(name);
    orgs.region.push(region);
    orgs.county.push(county);
    orgs.level.push(level);
  };
  for (const c of COUNTIES) {
    const countyPath = `${CITY}/${c.seg}`;
    addOrg('county_centre', `${c.nameZh}矛盾纠纷调处化解中心`, countyPath, c.seg, 'county');
    const streets = t.streets.filter((s) => s.path.startsWith(`${countyPath}/`)).map((s) => s.path);
    streets.forEach((street, i) => {
      const seg = street.split('/').pop();
      addOrg('committee', `${seg}街道人民调解委员会`, street, c.seg, 'street');
      if (i < JUDGE_STUDIOS_PER_COUNTY) addOrg('judge_studio', `${c.nameZh}人民法院驻${seg}街道法官工作室`, street, c.seg, 'street');
    });
    let communities = 0;
    let teams = 0;
    t.communities.path.forEach((community, i) => {
      if (!community.startsWith(`${countyPath}/`)) return;
      const seg = community.split('/').pop();
      if (communities++ < COMMUNITY_COMMITTEES_PER_COUNTY) addOrg('committee', `${seg}社区人民调解委员会`, community, c.seg, 'community');
      for (let g = 1; g <= t.communities.grids[i]; g++) {
        const grid = `${community}/g${String(g).padStart(2, '0')}`;
        grids.path.push(grid);
        grids.county.push(c.seg);
        (byCounty[countyPath] ??= []).push(grid);
        if (teams++ < GRID_TEAMS_PER_COUNTY) addOrg('five_elders', `${seg}社区第${g}网格五老调解队`, grid, c.seg, 'grid');
      }
    });
  }
  const anchor = new Date(Math.floor(until.getTime() / 60_000) * 60_000);
  const createdAt = new Date(anchor.getTime() - (HISTORY_DAYS + 30) * 86_400_000);

  await step(
    'organisation',
    `insert into ${S}.organisation (id, kind, name, region, county, level, created_by, created_at)
     select ${uid(`'org:' || o.kind || ':' || o.region`)}, o.kind, o.name, o.region, o.county, o.level, ${uid(`'staff:' || o.county`)}, $6::timestamptz
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) as o(kind, name, region, county, level)`,
    [orgs.kind, orgs.name, orgs.region, orgs.county, orgs.level, createdAt],
  );
  const perLevel = `case o.level ${Object.entries(MEDIATORS_PER_LEVEL).map(([l, n]) => `when '${l}' then ${n}`).join(' ')} end`;
  await step(
    'mediator',
    `insert into ${S}.mediator (id, organisation_id, person_id, name, specialities, available, capacity, created_at, updated_at)
     select ${uid(`'mediator:' || o.id || ':' || k`)}, o.id, ${uid(`'person:mediator:' || o.id || ':' || k`)},
            (${sqlArray(SURNAMES)})[1 + floor(${slice('h', 0)} * ${SURNAMES.length})::int] || (${sqlArray(GIVEN)})[1 + floor(${slice('h', 1)} * ${GIVEN.length})::int],
            array(select distinct x from unnest(array[
              (${sqlArray(Object.keys(CATEGORY_ZH))})[1 + floor(${slice('h', 2)} * 7)::int],
              (${sqlArray(Object.keys(CATEGORY_ZH))})[1 + floor(${slice('h', 3)} * 7)::int]]) x order by x),
            substr(h, 30, 1) <> '0',
            case when substr(h, 31, 1) < '5' then 5 + ('x' || substr(h, 32, 1))::bit(4)::int % 11 else 8 end,
            $1::timestamptz, $1::timestamptz
     from ${S}.organisation o
     cross join generate_series(1, ${perLevel}) k
     cross join lateral (select md5('${seed}:m:' || o.id || ':' || k) as h offset 0) h`,
    [createdAt],
  );

  // ---- every grid with the organisations above it (a court referral at street level goes to the
  // street's judge studio when it has one).
  await step(
    'places (temp table)',
    `create temp table bench_place on commit preserve rows as
     select (row_number() over (partition by g.county order by g.ord) - 1)::int as rank, g.path, g.county, p.street, p.community,
            go.id as grid_org, co.id as community_org, so.id as street_org, jo.id as judge_org, xo.id as county_org
     from unnest($1::text[], $2::text[]) with ordinality as g(path, county, ord)
     cross join lateral (select split_part(g.path, '/', 1) || '/' || split_part(g.path, '/', 2) || '/' || split_part(g.path, '/', 3) as street,
                                split_part(g.path, '/', 1) || '/' || split_part(g.path, '/', 2) || '/' || split_part(g.path, '/', 3) || '/' || split_part(g.path, '/', 4) as community) p
     left join ${S}.organisation go on go.region = g.path and go.kind = 'five_elders'
     left join ${S}.organisation co on co.region = p.community and co.kind = 'committee'
     left join ${S}.organisation so on so.region = p.street and so.kind = 'committee'
     left join ${S}.organisation jo on jo.region = p.street and jo.kind = 'judge_studio'
     left join ${S}.organisation xo on xo.region = '${CITY}/' || g.county and xo.kind = 'county_centre'`,
    [grids.path, grids.county],
  );
  await client.query(`create unique index on bench_place (county, rank)`);
  const countyCounts = COUNTIES.map((c) => byCounty[`${CITY}/${c.seg}`].length);

  // ---- one row per case: where, what, how it ends, and the instants of its life (some after the
  // anchor: not yet happened). `offset 0` keeps PostgreSQL from computing an md5 once per slice.
  await step(
    'case draws (temp table)',
    `create temp table bench_draw on commit preserve rows as
     select i, h0, h1, h2, h3,
            case when ${slice('h0', 0)} < $2 then $3 else $4 end as county,
            case when ${slice('h0', 0)} < $2 then floor($5 * power(${slice('h0', 0)} / $2, 1.6667))::int
                 else floor($6 * power((${slice('h0', 0)} - $2) / (1 - $2), 1.6667))::int end as grid_rank,
            $1::timestamptz - ${slice('h0', 1)} * interval '${HISTORY_DAYS} days' as opened_at,
            ${slice('h0', 2)} < ${AT_COMMUNITY_SHARE} as at_community,
            ${cuts(slice('h0', 3), CATEGORY_CUTS, 'other')} as category,
            ${cuts(slice('h1', 0), SOURCE_CUTS, 'deliberation')} as source,
            ${cuts(slice('h1', 1), LEVEL_CUTS, 'county')} as drawn_level,
            ${cuts(slice('h1', 2), ENDING_CUTS, 'agreed')} as ending,
            ${slice('h1', 3)} as u_duration,
            ${slice('h2', 0)} as u_assign,
            ${slice('h2', 1)} as u_perform,
            ${slice('h2', 2)} as u_confirm,
            ${slice('h2', 3)} as u_misc
     from generate_series(1, $7::int) i
     cross join lateral (select md5('${seed}:c:' || i) as h0, md5('${seed}:d:' || i) as h1, md5('${seed}:e:' || i) as h2, md5('${seed}:f:' || i) as h3 offset 0) h`,
    [anchor, COUNTIES[0].share, COUNTIES[0].seg, COUNTIES[1].seg, countyCounts[0], countyCounts[1], cases],
  );
  const A = '$1::timestamptz';
  // The organisation: the nearest existing one at the drawn level or above (a case placed at the
  // community cannot go to a grid's team).
  const orgChoice = `case when d.drawn_level = 'grid' and not d.at_community then coalesce(p.grid_org, p.community_org, p.street_org, p.county_org)
                          when d.drawn_level in ('grid', 'community') then coalesce(p.community_org, p.street_org, p.county_org)
                          when d.drawn_level = 'street' then case when d.source = 'court_referral' then coalesce(p.judge_org, p.street_org) else p.street_org end
                          else p.county_org end`;
  await step(
    'case lives (temp table)',
    `create temp table bench_life on commit preserve rows as
     select x.*,
            case when x.ending = 'agreed' and x.requested then x.requested_at + ${days('5 + 15 * x.u_confirm')} end as decided_at
     from (
       select d.i, d.h3, d.county, d.category, d.source, d.ending, d.opened_at, d.u_confirm, d.u_misc, d.u_perform,
              case when d.at_community then p.community else p.path end as region, p.community,
              o.id as organisation_id, o.level,
              ${uid(`'mediator:' || o.id || ':' || (1 + floor(${slice('d.h3', 0)} * ${perLevel})::int)`)} as mediator_id,
              ${uid(`'staff:' || p.community`)} as opened_by,
              d.opened_at + ${days('power(d.u_assign, 2) * 3')} as assigned_at,
              d.opened_at + ${days('power(d.u_assign, 2) * 3 + 0.5 + 4.5 * d.u_misc')} as mediating_at,
              case when d.ending = 'agreed' then
                greatest(d.opened_at + ${days(`case when d.u_duration < ${STUCK_SHARE} then 60 + 140 * d.u_duration / ${STUCK_SHARE} else 3 + 40 * power(d.u_duration, 2) end`)},
                         d.opened_at + ${days('power(d.u_assign, 2) * 3 + 0.5 + 4.5 * d.u_misc + 1')}) end as agreed_at,
              d.ending = 'agreed' and d.u_confirm < ${REQUEST_SHARE} as requested,
              d.u_confirm < ${REQUEST_SHARE * CONFIRMED_SHARE} as confirmed,
              case when d.ending = 'withdrawn' then d.opened_at + ${days('1 + 19 * d.u_duration')}
                   when d.ending <> 'agreed' then greatest(d.opened_at + ${days('10 + 60 * d.u_duration')}, d.opened_at + ${days('power(d.u_assign, 2) * 3 + 0.5 + 4.5 * d.u_misc + 1')}) end as failed_at,
              ${slice('d.h3', 1)} < ${CRIMINAL_SHARE} as criminal
       from bench_draw d
       join bench_place p on p.county = d.county and p.rank = d.grid_rank
       join ${S}.organisation o on o.id = ${orgChoice}) x0
     cross join lateral (select x0.*, x0.agreed_at + ${days(`2 + 23 * x0.u_confirm / ${REQUEST_SHARE}`)} as requested_at) x`,
    [],
  );
  await client.query(`drop table bench_draw`);
  // Closing, then each case's state at the anchor.
  await step(
    'case states (temp table)',
    `create temp table bench_case on commit preserve rows as
     select y.*,
            case when y.closed then 'closed' when y.agreed then 'agreed' when y.mediating_at <= ${A} then 'mediating' when y.assigned then 'assigned' else 'opened' end as state,
            case when y.req_done then case when y.decided_at <= ${A} then case when y.confirmed then 'confirmed' else 'rejected' end else 'requested' end
                 when y.agreed and y.deadline <= ${A} and y.closed_at > y.deadline then 'lapsed'
                 else 'none' end as confirmation_state
     from (
       select l.*, l.closed_at <= ${A} as closed, coalesce(l.agreed_at <= ${A}, false) as agreed,
              l.assigned_at <= least(${A}, l.closed_at) as assigned,
              l.requested and l.requested_at <= ${A} as req_done,
              l.agreed_at + interval '${CONFIRMATION_WINDOW_DAYS} days' as deadline
       from (
         select b.*,
                coalesce(b.failed_at, case when b.requested and not b.confirmed then b.decided_at + ${days('1 + 4 * b.u_perform')}
                                           when b.requested then greatest(b.agreed_at + ${days('5 + 55 * power(b.u_perform, 1.5)')}, b.decided_at + interval '1 day')
                                           else b.agreed_at + ${days('5 + 55 * power(b.u_perform, 1.5)')} end) as closed_at
         from bench_life b) l) y`,
    [anchor],
  );
  await client.query(`drop table bench_life`);

  const reminders = (deadline, at) => REMINDER_DAYS.map((d) => `(${at} >= ${deadline} - interval '${d} days')::int`).join(' + ');
  await step(
    'mediation_case',
    `insert into ${S}.mediation_case (id, number, source, source_petition_id, source_meeting_id, court_reference, category, title, facts, region, county,
       level, amount_fen, risk, criminal_risk, police_grid, state, outcome, organisation_id, mediator_id, escalations, agreement_version, agreed_at,
       confirmation_deadline, confirmation_state, confirmation_court, confirmation_requested_at, confirmation_decided_at, confirmation_ruling,
       reminders_sent, opened_by, opened_at, assigned_at, updated_at, closed_at, version)
     select ${uid(`'case:' || c.i`)},
            (case c.county ${COUNTIES.map((k) => `when '${k.seg}' then '${k.nameZh.slice(0, 2)}'`).join(' ')} end) || '调〔' || n.year || '〕'
              || lpad((row_number() over w)::text, greatest(4, length((row_number() over w)::text)), '0') || '号',
            c.source,
            case when c.source = 'petition' then ${uid(`'petition:' || c.i`)} end,
            case when c.source = 'deliberation' then ${uid(`'meeting:' || c.community || ':' || (c.i % 50)`)} end,
            case when c.source = 'court_referral' then '（' || n.year || '）鄂080' || case c.county when 'dongbao' then '2' else '4' end || '民诉前调' || c.i || '号' end,
            c.category, tt.title,
            '压测案件' || c.i || '：' || tt.title || '。双方多次协商未果，申请人请求调解组织依法调解。地点：' || c.region || '。',
            c.region, c.county, c.level,
            case when ${slice('c.h3', 3)} >= ${MONEY_SHARE} then null else 100 * floor(500 * power(10, 3 * ${slice('c.h3', 3)} / ${MONEY_SHARE}))::bigint end,
            case when c.criminal then case when r.u < 0.6 then 'high' else 'medium' end when r.u < 0.75 then 'low' when r.u < 0.95 then 'medium' else 'high' end,
            c.criminal, case when c.criminal then c.community end,
            c.state,
            case when c.closed then case when c.ending = 'agreed' then case when c.requested and not c.confirmed then 'referred_litigation' else 'performed' end else c.ending end end,
            case when c.assigned then c.organisation_id end, case when c.assigned then c.mediator_id end,
            (${slice('c.h3', 2)} < ${ESCALATED_SHARE})::int,
            case when c.agreed then 1 end, case when c.agreed then c.agreed_at end, case when c.agreed then c.deadline end,
            c.confirmation_state,
            case when c.req_done then (case c.county ${COUNTIES.map((k) => `when '${k.seg}' then '${k.court}'`).join(' ')} end) end,
            case when c.req_done then c.requested_at end,
            case when c.req_done and c.decided_at <= ${A} then c.decided_at end,
            case when c.req_done and c.decided_at <= ${A} then '（' || n.year || '）鄂080' || case c.county when 'dongbao' then '2' else '4' end || '民特' || c.i || '号' end,
            case when c.agreed then ${reminders('c.deadline', `least(${A}, c.closed_at, case when c.requested then c.requested_at end)`)} else 0 end,
            c.opened_by, c.opened_at,
            case when c.assigned then c.assigned_at end,
            greatest(c.opened_at, case when c.assigned then c.assigned_at end, case when c.assigned and c.state <> 'assigned' and c.mediating_at <= ${A} then c.mediating_at end,
                     case when c.agreed then c.agreed_at end, case when c.req_done then c.requested_at end, case when c.req_done and c.decided_at <= ${A} then c.decided_at end,
                     case when c.confirmation_state = 'lapsed' then c.deadline end, case when c.closed then c.closed_at end),
            case when c.closed then c.closed_at end,
            1 + c.assigned::int + (c.state <> 'assigned' and c.assigned and c.mediating_at <= least(${A}, c.closed_at))::int + c.agreed::int + c.req_done::int
              + (c.req_done and c.decided_at <= ${A})::int + (c.confirmation_state = 'lapsed')::int + c.closed::int
     from bench_case c
     cross join lateral (select extract(year from c.opened_at at time zone 'Asia/Shanghai')::int as year) n
     cross join lateral (select ${slice('md5(c.h3)', 0)} as u) r
     cross join lateral (select (case c.category ${Object.entries(TITLES).map(([k, list]) => `when '${k}' then ${sqlArray(list)}`).join(' ')} end)[1 + c.i % 3] as title) tt
     window w as (partition by c.county, n.year order by c.opened_at, c.i)
     order by c.opened_at, c.i`,
    [anchor],
  );
  const surname = (u) => `(${sqlArray(SURNAMES)})[1 + floor(${u} * ${SURNAMES.length})::int]`;
  const given = (u) => `(${sqlArray(GIVEN)})[1 + floor(${u} * ${GIVEN.length})::int]`;
  await step(
    'case_party',
    `insert into ${S}.case_party (id, case_id, position, role, name, person_id, phone_enc, phone_masked, id_number_enc, id_number_masked, related_person_ids)
     select ${uid(`'party:' || c.i || ':' || k`)}, ${uid(`'case:' || c.i`)}, k,
            case k when 1 then 'applicant' else 'respondent' end,
            case when k = 2 and c.category = 'property_management' then split_part(c.community, '/', 4) || '物业服务有限公司'
                 when k = 2 and c.category = 'labour_injury' then '荆门市压测建筑劳务有限公司'
                 else ${surname(slice('h.h', 0))} || ${given(slice('h.h', 1))} end,
            case when ${slice('h.h', 2)} < 0.3 then ${uid(`'person:party:' || c.i || ':' || k`)} end,
            $1::text,
            '1' || (3 + floor(${slice('h.h', 3)} * 7)::int) || floor(${slice('h.h', 2)} * 10)::int || '****' || lpad((floor(${slice('h.h', 3)} * 100000)::int % 10000)::text, 4, '0'),
            null, null, '{}'
     from bench_case c
     cross join generate_series(1, 2) k
     cross join lateral (select md5('${seed}:party:' || c.i || ':' || k) as h offset 0) h
     order by c.opened_at, c.i, k`,
    [PHONE_DUMMY_CIPHERTEXT],
  );
  // The timeline: every transition that happened before the anchor, with who made it.
  await step(
    'case_timeline',
    `insert into ${S}.case_timeline (case_id, action, from_state, to_state, actor_account_id, actor_label, note, at)
     select ${uid(`'case:' || c.i`)}, s.action, s.from_state, s.to_state, s.actor, s.label, s.note, s.at
     from bench_case c
     cross join lateral (values
       (1, 'opened', null, 'opened', c.opened_by, 'bench-staff', null::text, c.opened_at, true),
       (2, 'police_alerted', 'opened', 'opened', c.opened_by, 'bench-staff', c.community, c.opened_at, c.criminal),
       (3, 'assigned', 'opened', 'assigned', c.opened_by, 'bench-staff', null, c.assigned_at, c.assigned),
       (4, 'session_scheduled', 'assigned', 'mediating', c.opened_by, 'bench-staff', null, c.mediating_at, c.assigned and c.mediating_at <= least(${A}, c.closed_at)),
       (5, 'agreed', 'mediating', 'agreed', null, 'system', null, c.agreed_at, c.agreed),
       (6, 'confirmation_requested', 'agreed', 'agreed', c.opened_by, 'bench-staff', null, c.requested_at, c.req_done),
       (7, 'confirmation_' || case when c.confirmed then 'confirmed' else 'rejected' end, 'agreed', 'agreed', c.opened_by, 'bench-staff', null, c.decided_at, c.req_done and c.decided_at <= ${A}),
       (8, 'confirmation_lapsed', 'agreed', 'agreed', null, 'system', null, c.deadline, c.confirmation_state = 'lapsed'),
       (9, 'closed', case when c.agreed then 'agreed' when c.assigned and c.mediating_at <= c.closed_at then 'mediating' when c.assigned then 'assigned' else 'opened' end,
           'closed', c.opened_by, 'bench-staff', null, c.closed_at, c.closed)
     ) as s(k, action, from_state, to_state, actor, label, note, at, happened)
     where s.happened
     order by s.at, c.i, s.k`,
    [anchor],
  );
  await step(
    'police_alert',
    `insert into ${S}.police_alert (id, case_id, police_grid, risk, raised_by, at)
     select ${uid(`'alert:' || c.id`)}, c.id, c.police_grid, c.risk, c.opened_by, c.opened_at from ${S}.mediation_case c where c.criminal_risk`,
  );
  await step(
    'case_number',
    `insert into ${S}.case_number (county, year, last)
     select county, extract(year from opened_at at time zone 'Asia/Shanghai')::int, count(*) from ${S}.mediation_case group by 1, 2`,
  );
  await client.query(`drop table bench_case; drop table bench_place`);

  // The statistics PostgreSQL plans with, and the visibility map the index-only scans need;
  // autovacuum would otherwise start on these tables in the middle of a run. The statistics
  // rollup (case_stats_month), which mediation_case's trigger updated for every case of the one
  // insert above, holds each row's earlier versions besides it: compacted first, as a table
  // updated over months (whose space vacuum reuses) would be.
  const tv = Date.now();
  await client.query(`vacuum (full) ${S}.case_stats_month`);
  for (const table of ['organisation', 'mediator', 'mediation_case', 'case_party', 'case_timeline', 'police_alert', 'case_number', 'case_stats_month'])
    await client.query(`vacuum (analyze) ${S}.${table}`);
  steps.push({ step: 'vacuum analyze', seconds: (Date.now() - tv) / 1000, rows: 0 });
  log(`generate: vacuum analyze in ${((Date.now() - tv) / 1000).toFixed(1)} s`);
  await client.query(`reset synchronous_commit; reset maintenance_work_mem; reset work_mem; reset jit`);

  const counts = (
    await client.query(
      `select (select count(*) from ${S}.organisation)::int as organisation, (select count(*) from ${S}.mediator)::int as mediator,
              (select count(*) from ${S}.mediation_case)::int as mediation_case, (select count(*) from ${S}.case_party)::int as case_party,
              (select count(*) from ${S}.case_timeline)::int as case_timeline, (select count(*) from ${S}.police_alert)::int as police_alert, $1::int as grids,
              (select json_object_agg(k, n) from (select coalesce(state || '/' || outcome, state) as k, count(*)::int as n from ${S}.mediation_case group by 1 order by 1) s) as states,
              (select json_object_agg(confirmation_state, n) from (select confirmation_state, count(*)::int as n from ${S}.mediation_case group by 1 order by 1) s) as confirmation`,
      [grids.path.length],
    )
  ).rows[0];
  return { seconds: (Date.now() - started) / 1000, seed, until: anchor.toISOString(), steps, counts, grids: byCounty };
}

/** `node apps/mediation/dist/migrate.js` on `schema`; throws with its output when it fails. */
export function migrateMediation(databaseUrl, schema) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'apps/mediation/dist/migrate.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl, DB_SCHEMA: schema, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`mediation migration of ${schema} failed (exit ${r.status ?? r.signal}): ${(r.stderr || r.stdout).trim().slice(-500)}`);
}

// ---------------------------------------------------------------------------------------------
// command line

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const seed = Number(arg('seed') ?? DEFAULT_SEED);
  const cases = Number(arg('cases') ?? 200_000);
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const keep = process.argv.includes('--keep');
  const schema = arg('schema') ?? `benchgen_${randomBytes(4).toString('hex')}`;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const { ensureInfra } = await import('../tools/infra.mjs');
    databaseUrl = (await ensureInfra({ log: (l) => console.error(l) })).databaseUrl;
  }
  const t0 = Date.now();
  const log = (line) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${line}`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let code = 0;
  try {
    log(`migrating mediation into schema ${schema}`);
    migrateMediation(databaseUrl, schema);
    log(`generating ${cases} cases (seed ${seed})`);
    const out = await generateMediationData(client, { schema, seed, cases, log });
    console.log(JSON.stringify({ schema, seed, until: out.until, seconds: out.seconds, counts: out.counts }, null, 2));
    log(`dataset built in ${out.seconds.toFixed(1)} s`);
  } catch (err) {
    console.error(`mediation-generate failed: ${err.message}`);
    code = 1;
  } finally {
    if (!keep) {
      await client.query(`drop schema if exists "${schema}" cascade`).catch((e) => console.error(`could not drop ${schema}: ${e.message}`));
      log(`dropped schema ${schema}`);
    } else log(`kept schema ${schema} (drop schema "${schema}" cascade when done)`);
    await client.end();
  }
  process.exit(code);
}

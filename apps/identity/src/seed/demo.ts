/**
 * Demo data for a development deployment: the city of Jingmen (荆门市) with two districts, their
 * streets/towns, communities/villages and grids, units of every kind, stewards of all six classes
 * (with five-member deliberation roles and sentinel chains) and one login per role.
 *
 * Place names come from the news reports the domain brief is based on, where they name them (东宝区龙泉街道象山社区
 * and 金龙泉社区, 马河镇马咀村 and 钱河村, 掇刀区掇刀石街道白石坡社区 and 月亮湾社区, 麻城镇雷集片区);
 * the rest, and every person, is made up. ID numbers are synthetic but pass the GB 11643 checksum.
 *
 * Everything after the first administrator goes through the services as that city admin, so the
 * audit log and the event stream look like an operator built the city by hand.
 *
 * Units and role grants name regions, which identity accepts only once grids has published them
 * (identity keeps a read model of grids' tree), while grids' demo territory needs identity's
 * persons. So `npm start` seeds in two passes: `peopleOnly` first (the administrator and every
 * person, with their logins' accounts), then — once grids has seeded its territory and identity has
 * its events — the whole city, which finds the persons already there and adds units, grants and
 * stewards.
 */
import { idCardCheckChar, parseInput, type Actor, type RoleName } from '@gov/kernel';
import { CreateUnitInput, DELIBERATION_ROLES, EnrollStewardInput, GrantRoleInput, RegisterPersonInput, type DeliberationRole, type SentinelRole, type StewardClass, type UnitKind } from '@gov/identity-contracts';
import { Person, Unit } from '@gov/identity-data-access';
import { PiiCipher } from '@gov/platform-persistence';
import { RequestContext } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import type { INestApplicationContext } from '@nestjs/common';
import { PersonService } from '../person/person.service.js';
import { RoleService } from '../role/role.service.js';
import { StewardService } from '../steward/steward.service.js';
import { UnitService } from '../unit/unit.service.js';
import { ensureBootstrapAdmin } from './bootstrap.js';

export interface DemoLogin {
  username: string;
  role: RoleName;
  region: string;
}

export interface DemoSeedOptions {
  password: string;
  log?: (s: string) => void;
  /**
   * Only the first administrator and the persons (with the accounts of the demo logins), no units,
   * grants or stewards: what grids' demo territory needs before it exists.
   */
  peopleOnly?: boolean;
}

// ---------------------------------------------------------------------------------------------
// the territory

interface UnitDef {
  code: string;
  name: string;
  kind: UnitKind;
  /** Region below the county ('' = the county itself). */
  at: string;
}

interface CommunityDef {
  seg: string;
  zh: string;
  /** Prefix of the community's own unit codes. */
  code: string;
  grids: number;
  /** An enterprise stationed in the community (驻区单位) that sends a class-2 cadre. */
  enterprise?: string;
}

interface StreetDef {
  seg: string;
  zh: string;
  /** Code of the street office / town government (the unit of class-3 community staff). */
  office: string;
  communities: CommunityDef[];
}

interface CountyDef {
  seg: string;
  zh: string;
  /** Administrative division code: the first six digits of residents' ID numbers. */
  areaCode: string;
  /** Unit of the liaison district leaders (class 1). */
  leaders: string;
  /** Liaison units that send cadres (class 2), in turn. */
  liaison: string[];
  /** The functional department whose handler gets a demo login. */
  department: string;
  units: UnitDef[];
  streets: StreetDef[];
}

export const CITY = { seg: 'jingmen', zh: '荆门市', areaCode: '420800' };

const CITY_UNITS: Omit<UnitDef, 'at'>[] = [
  { code: 'JMGAJ', name: '荆门市公安局', kind: 'government_department' },
  { code: 'JMSFJ', name: '荆门市司法局', kind: 'government_department' },
  { code: 'JMLDGLJ', name: '荆门市城区路灯管理局', kind: 'government_department' },
  { code: 'JM12345', name: '荆门市12345政务服务便民热线', kind: 'government_department' },
  { code: 'JMDXFGS', name: '中国电信荆门分公司', kind: 'enterprise' },
];

/**
 * A county's functional departments (职能部门) that petitions are routed to, by code suffix and
 * functional name (the petitions taxonomy's `defaultDepartment`, matched at the end of the name).
 */
const FUNCTIONAL_DEPARTMENTS: [suffix: string, name: string][] = [
  ['ZJJ', '住房和城乡建设局'], ['CGJ', '城市管理执法局'], ['STHJ', '生态环境分局'], ['SCJGJ', '市场监督管理局'],
  ['RSJ', '人力资源和社会保障局'], ['YBJ', '医疗保障局'], ['MZJ', '民政局'], ['WJJ', '卫生健康局'], ['JYJ', '教育局'],
  ['JTJ', '交通运输局'], ['GAFJ', '公安分局'], ['YJJ', '应急管理局'], ['SLJ', '水利和湖泊局'], ['NYJ', '农业农村局'],
  ['ZRZYJ', '自然资源和规划分局'], ['SFJ', '司法局'], ['FGJ', '发展和改革局'], ['JXJ', '经济和信息化局'],
  ['CL', '残疾人联合会'], ['ZSJ', '政务服务和大数据管理局'],
];
/** The county's functional departments not already among its units (`listed`: code suffixes). */
const functionalDepartments = (prefix: string, countyZh: string, listed: string[]): UnitDef[] =>
  FUNCTIONAL_DEPARTMENTS.filter(([suffix]) => !listed.includes(suffix)).map(([suffix, name]) => ({ code: `${prefix}${suffix}`, name: `${countyZh}${name}`, kind: 'government_department', at: '' }));

export const COUNTIES: CountyDef[] = [
  {
    seg: 'dongbao',
    zh: '东宝区',
    areaCode: '420802',
    leaders: 'DBQW',
    liaison: ['DBSJJ', 'DBSWJ', 'DBZGH'],
    department: 'DBWJJ',
    units: [
      { code: 'DBQW', name: '中共荆门市东宝区委员会', kind: 'government_department', at: '' },
      { code: 'DBWJJ', name: '东宝区卫生健康局', kind: 'government_department', at: '' },
      { code: 'DBSJJ', name: '东宝区审计局', kind: 'liaison_unit', at: '' },
      { code: 'DBSWJ', name: '国家税务总局荆门市东宝区税务局', kind: 'liaison_unit', at: '' },
      { code: 'DBZGH', name: '东宝区总工会', kind: 'liaison_unit', at: '' },
      { code: 'DBHSZH', name: '东宝区红十字会', kind: 'social_organisation', at: '' },
      { code: 'LQJD', name: '龙泉街道办事处', kind: 'government_department', at: 'longquan' },
      { code: 'MHZ', name: '马河镇人民政府', kind: 'government_department', at: 'mahe' },
      { code: 'XSWY', name: '荆门象山红色物业服务有限公司', kind: 'enterprise', at: 'longquan/xiangshan' },
      { code: 'MZZYC', name: '马咀村中药材种植专业合作社', kind: 'enterprise', at: 'mahe/mazui' },
      ...functionalDepartments('DB', '东宝区', ['WJJ']),
    ],
    streets: [
      {
        seg: 'longquan',
        zh: '龙泉街道',
        office: 'LQJD',
        communities: [
          { seg: 'xiangshan', zh: '象山社区', code: 'XS', grids: 3, enterprise: 'XSWY' },
          { seg: 'jinlongquan', zh: '金龙泉社区', code: 'JLQ', grids: 2 },
        ],
      },
      {
        seg: 'mahe',
        zh: '马河镇',
        office: 'MHZ',
        communities: [
          { seg: 'mazui', zh: '马咀村', code: 'MZ', grids: 3, enterprise: 'MZZYC' },
          { seg: 'qianhe', zh: '钱河村', code: 'QH', grids: 2 },
        ],
      },
    ],
  },
  {
    seg: 'duodao',
    zh: '掇刀区',
    areaCode: '420804',
    leaders: 'DDQW',
    liaison: ['DDCGJ', 'DDZJJ', 'DDTYJ'],
    department: 'DDSFJ',
    units: [
      { code: 'DDQW', name: '中共荆门市掇刀区委员会', kind: 'government_department', at: '' },
      { code: 'DDSFJ', name: '掇刀区司法局', kind: 'government_department', at: '' },
      // Functional departments that also send cadres (联系单位).
      { code: 'DDCGJ', name: '掇刀区城市管理执法局', kind: 'government_department', at: '' },
      { code: 'DDZJJ', name: '掇刀区住房和城乡建设局', kind: 'government_department', at: '' },
      { code: 'DDTYJ', name: '掇刀区退役军人事务局', kind: 'liaison_unit', at: '' },
      { code: 'DDHSSH', name: '掇刀区红色商户联盟', kind: 'social_organisation', at: '' },
      { code: 'DDSJD', name: '掇刀石街道办事处', kind: 'government_department', at: 'duodaoshi' },
      { code: 'MCZ', name: '麻城镇人民政府', kind: 'government_department', at: 'macheng' },
      { code: 'BYWY', name: '荆门宝源新村物业服务有限公司', kind: 'enterprise', at: 'duodaoshi/baishipo' },
      { code: 'BSPTJH', name: '白石坡社区“五老”调解会', kind: 'social_organisation', at: 'duodaoshi/baishipo' },
      ...functionalDepartments('DD', '掇刀区', ['SFJ', 'CGJ', 'ZJJ']),
    ],
    streets: [
      {
        seg: 'duodaoshi',
        zh: '掇刀石街道',
        office: 'DDSJD',
        communities: [
          { seg: 'baishipo', zh: '白石坡社区', code: 'BSP', grids: 3, enterprise: 'BYWY' },
          { seg: 'yueliangwan', zh: '月亮湾社区', code: 'YLW', grids: 2 },
        ],
      },
      {
        seg: 'macheng',
        zh: '麻城镇',
        office: 'MCZ',
        communities: [
          { seg: 'leiji', zh: '雷集村', code: 'LJ', grids: 2 },
          { seg: 'sanlian', zh: '三联村', code: 'SL', grids: 2 },
        ],
      },
    ],
  },
];

/** Logins bound to a steward or resident slot in a community roster. */
const COMMUNITY_LOGINS: Record<string, { username: string; role: RoleName; scope: 'community' | 'grid' }> = {
  'xiangshan:secretary': { username: 'xiangshan-admin', role: 'community_admin', scope: 'community' },
  'xiangshan:grid-worker:g03': { username: 'xiangshan-grid', role: 'grid_worker', scope: 'grid' },
  'xiangshan:building-head': { username: 'xiangshan-steward', role: 'steward', scope: 'grid' },
  'xiangshan:resident:0': { username: 'xiangshan-resident', role: 'resident', scope: 'grid' },
  'baishipo:deliberation:1': { username: 'baishipo-mediator', role: 'mediator', scope: 'community' },
};

/** Usernames of the demo, in the order they are listed. */
export const DEMO_USERNAMES = [
  'city-admin',
  'dongbao-admin',
  'duodao-admin',
  'longquan-admin',
  'xiangshan-admin',
  'xiangshan-grid',
  'dongbao-handler',
  'baishipo-mediator',
  'xiangshan-steward',
  'xiangshan-resident',
  'hotline-integrator',
];

// ---------------------------------------------------------------------------------------------
// people

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万覃武钱戴严莫孔向汤'];
const GIVEN = [
  '建国', '秀英', '志强', '丽华', '德明', '桂兰', '海燕', '国庆', '玉梅', '文军',
  '春生', '小红', '家豪', '雅婷', '明轩', '淑芬', '永红', '俊杰', '晓燕', '振华',
  '爱民', '静', '伟', '敏', '磊', '芳', '勇', '娟', '涛', '霞',
  '子涵', '思远', '浩然', '欣怡', '宇航', '梦琪', '国强', '凤英', '长江', '荆生',
  '汉卿', '翠兰', '学军', '慧敏', '志华', '金凤', '继红', '光明', '兰英', '立新',
  '红梅', '世杰', '玉兰', '德胜', '宏伟', '秋菊', '建华', '少华', '文静', '正平', '永胜',
];
const PHONE_PREFIXES = ['139', '158', '186', '135', '177', '150', '133', '189'];

/** Deterministic, distinct demo identities. */
class People {
  private n = 0;
  next(areaCode: string): { name: string; phone: string; idCardNumber: string } {
    const i = this.n++;
    const name = SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]!;
    const phone = PHONE_PREFIXES[i % PHONE_PREFIXES.length]! + String(20260000 + i).padStart(8, '0');
    const year = 1950 + ((i * 7) % 52);
    const month = String(1 + (i % 12)).padStart(2, '0');
    const day = String(1 + ((i * 5) % 28)).padStart(2, '0');
    const first17 = `${areaCode}${year}${month}${day}${String(100 + i).padStart(3, '0')}`;
    return { name, phone, idCardNumber: first17 + idCardCheckChar(first17) };
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * The regions the demo city's units and grants name: every grid of the demo (their ancestors — the
 * communities, streets, counties and the city — come with them). Identity must know them from
 * grids' events before the whole city is seeded.
 */
export function demoRegionPaths(): string[] {
  return COUNTIES.flatMap((county) =>
    county.streets.flatMap((street) =>
      street.communities.flatMap((c) => Array.from({ length: c.grids }, (_, g) => `${CITY.seg}/${county.seg}/${street.seg}/${c.seg}/g${String(g + 1).padStart(2, '0')}`)),
    ),
  );
}

/** Every path `demoRegionPaths` names, with all their ancestors. */
export function demoRegionPathsWithAncestors(): string[] {
  const all = new Set<string>();
  for (const path of demoRegionPaths()) {
    const segments = path.split('/');
    for (let i = 1; i <= segments.length; i++) all.add(segments.slice(0, i).join('/'));
  }
  return [...all];
}

/**
 * Builds the demo city. Returns null and changes nothing when the identity schema already has a
 * unit (anything but an empty database, or one where only the persons were seeded). Persons the
 * `peopleOnly` pass registered are found again by their ID number and not registered twice; with
 * `peopleOnly`, returns null when every person was there already.
 */
export async function seedDemoCity(app: INestApplicationContext, opts: DemoSeedOptions): Promise<{ logins: DemoLogin[] } | null> {
  // The services expect the per-message EntityManager a handler would have: give them one.
  const orm = app.get<MikroORM>(MikroORM);
  return RequestContext.create(orm.em, () => seed(app, orm, opts));
}

async function seed(app: INestApplicationContext, orm: MikroORM, opts: DemoSeedOptions): Promise<{ logins: DemoLogin[] } | null> {
  const log = opts.log ?? (() => {});
  if ((await orm.em.fork().count(Unit, {})) > 0) {
    log('demo seed: identity already has units; leaving it as it is');
    return null;
  }
  const peopleOnly = opts.peopleOnly ?? false;
  const pii = app.get(PiiCipher);
  let registered = 0;

  // Inputs go through the contracts' schemas, as they would through the services' validation pipe.
  const units = app.get(UnitService);
  const persons = app.get(PersonService);
  const stewards = app.get(StewardService);
  const roles = app.get(RoleService);
  const people = new People();
  const logins: DemoLogin[] = [];
  const classCount: Record<StewardClass, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0 };
  let deliberationTurn = 0;
  let buildingTurn = 0;

  // The first administrator: nobody could authorise it through the API.
  const cityRegion = CITY.seg;
  const admin = people.next(CITY.areaCode);
  const city: Actor = await ensureBootstrapAdmin(app, {
    username: 'city-admin',
    password: opts.password,
    name: admin.name,
    phone: admin.phone,
    idCardNumber: admin.idCardNumber,
    region: cityRegion,
    grants: [{ role: 'city_admin', region: cityRegion }],
  });
  logins.push({ username: 'city-admin', role: 'city_admin', region: cityRegion });

  const unitIds = new Map<string, string>();
  const createUnit = async (code: string, name: string, kind: UnitKind, region: string) => {
    if (peopleOnly) return;
    const u = await units.create(city, parseInput(CreateUnitInput, { code, name, kind, region }));
    unitIds.set(code, u.id);
  };
  const unitId = (code: string): string => {
    const id = unitIds.get(code);
    if (!id) throw new Error(`demo seed: no unit ${code}`);
    return id;
  };

  /** Registers a person (or finds the one an earlier `peopleOnly` pass registered); with `login`, also an account holding that role. */
  const register = async (areaCode: string, region: string, login?: { username: string; role: RoleName; region: string }) => {
    const who = people.next(areaCode);
    const input = parseInput(RegisterPersonInput, { ...who, region, ...(login ? { username: login.username, password: opts.password } : {}) });
    const existing = await orm.em.fork().findOne(Person, { idCardIdx: pii.blindIndex(input.idCardNumber) });
    const p = existing ? { id: existing.id } : await persons.register(city, input);
    if (!existing) registered++;
    if (login && !peopleOnly) {
      await roles.grant(city, parseInput(GrantRoleInput, { personId: p.id, role: login.role, region: login.region }));
      logins.push(login);
    }
    return p;
  };

  const enroll = async (
    personId: string,
    s: { class: StewardClass; unit: string; grid: string; building?: string; deliberationRole?: DeliberationRole; sentinelRole?: SentinelRole; reportsToId?: string },
  ): Promise<{ id: string }> => {
    if (peopleOnly) return { id: '' };
    const v = await stewards.enroll(city, parseInput(EnrollStewardInput, {
      personId,
      class: s.class,
      unitId: unitId(s.unit),
      grid: s.grid,
      ...(s.building ? { building: s.building } : {}),
      ...(s.deliberationRole ? { deliberationRole: s.deliberationRole } : {}),
      ...(s.sentinelRole ? { sentinelRole: s.sentinelRole } : {}),
      ...(s.reportsToId ? { reportsToId: s.reportsToId } : {}),
    }));
    classCount[s.class]++;
    return v;
  };

  // Units: the city's, then each county's.
  for (const u of CITY_UNITS) await createUnit(u.code, u.name, u.kind, cityRegion);
  for (const county of COUNTIES) {
    const countyRegion = `${cityRegion}/${county.seg}`;
    for (const u of county.units) await createUnit(u.code, u.name, u.kind, u.at ? `${countyRegion}/${u.at}` : countyRegion);
    for (const street of county.streets) {
      for (const c of street.communities) {
        const region = `${countyRegion}/${street.seg}/${c.seg}`;
        await createUnit(`${c.code}YSH`, `${c.zh}“五员议事”会`, 'social_organisation', region);
        await createUnit(`${c.code}HGJ`, `${c.zh}红管家志愿服务队`, 'social_organisation', region);
      }
    }
  }
  if (!peopleOnly) log(`demo seed: ${unitIds.size} units`);

  // Logins above the communities.
  await register(CITY.areaCode, cityRegion, { username: 'hotline-integrator', role: 'integrator', region: cityRegion });
  for (const county of COUNTIES) {
    const countyRegion = `${cityRegion}/${county.seg}`;
    await register(county.areaCode, countyRegion, { username: `${county.seg}-admin`, role: 'county_admin', region: countyRegion });
    if (county.seg === 'dongbao') {
      await register(county.areaCode, countyRegion, { username: 'dongbao-handler', role: 'department_handler', region: countyRegion });
      const street = county.streets[0]!;
      await register(county.areaCode, `${countyRegion}/${street.seg}`, { username: `${street.seg}-admin`, role: 'street_admin', region: `${countyRegion}/${street.seg}` });
    }
  }

  // Communities: staff, stewards, sentinel chains, residents.
  for (const county of COUNTIES) {
    const countyRegion = `${cityRegion}/${county.seg}`;
    let liaisonTurn = 0;
    for (const street of county.streets) {
      for (const [ci, c] of street.communities.entries()) {
        const community = `${countyRegion}/${street.seg}/${c.seg}`;
        const grids = Array.from({ length: c.grids }, (_, g) => `${community}/g${String(g + 1).padStart(2, '0')}`);
        const lastGrid = grids.at(-1)!;
        const slotLogin = (slot: string, grid: string) => {
          const l = COMMUNITY_LOGINS[`${c.seg}:${slot}`];
          return l ? { username: l.username, role: l.role, region: l.scope === 'community' ? community : grid } : undefined;
        };
        const person = (slot: string, grid: string) => register(county.areaCode, grid, slotLogin(slot, grid));

        // The community party secretary: community staff and squad leader of the sentinels (班长).
        const secretary = await enroll((await person('secretary', grids[0]!)).id, { class: 3, unit: street.office, grid: grids[0]!, sentinelRole: 'squad_leader' });
        // A grid worker per grid.
        for (const grid of grids) {
          await enroll((await person(`grid-worker:${grid.split('/').pop()}`, grid)).id, { class: 3, unit: street.office, grid });
        }
        // A liaison district leader for the first community of each street.
        if (ci === 0) await enroll((await person('leader', grids[0]!)).id, { class: 1, unit: county.leaders, grid: grids[0]! });
        // Cadres of liaison units and of the enterprise stationed there.
        const cadreGrid = grids[1] ?? grids[0]!;
        await enroll((await person('cadre', cadreGrid)).id, { class: 2, unit: county.liaison[liaisonTurn++ % county.liaison.length]!, grid: cadreGrid });
        if (c.enterprise) await enroll((await person('enterprise-cadre', lastGrid)).id, { class: 2, unit: c.enterprise, grid: lastGrid });
        // Five-member deliberation team (五员议事): the first is a sentinel group leader (组长).
        let groupLeader: string | undefined;
        for (let k = 0; k < 2; k++) {
          const grid = grids[k % grids.length]!;
          const slot = `deliberation:${k}`;
          const role: DeliberationRole = slotLogin(slot, grid)?.role === 'mediator' ? 'dispute_mediator' : DELIBERATION_ROLES[deliberationTurn++ % DELIBERATION_ROLES.length]!;
          const unit = role === 'dispute_mediator' && unitIds.has(`${c.code}TJH`) ? `${c.code}TJH` : `${c.code}YSH`;
          const s = await enroll((await person(slot, grid)).id, {
            class: 4,
            unit,
            grid,
            deliberationRole: role,
            ...(k === 0 ? { sentinelRole: 'group_leader' as const, reportsToId: secretary.id } : {}),
          });
          if (k === 0) groupLeader = s.id;
        }
        // A resident volunteer and a building head, both sentinels (哨兵) under the group leader.
        await enroll((await person('volunteer', grids[0]!)).id, { class: 5, unit: `${c.code}HGJ`, grid: grids[0]!, sentinelRole: 'sentinel', reportsToId: groupLeader });
        const building = c.seg === 'xiangshan' ? '12' : String(1 + (buildingTurn++ % 20));
        await enroll((await person('building-head', lastGrid)).id, { class: 6, unit: `${c.code}HGJ`, grid: lastGrid, building, sentinelRole: 'sentinel', reportsToId: groupLeader });
        // A second building head without a sentinel role in bigger communities.
        if (c.grids > 2) await enroll((await person('building-head-2', grids[1]!)).id, { class: 6, unit: `${c.code}HGJ`, grid: grids[1]!, building: String(1 + (buildingTurn++ % 20)) });
        // Residents who are not stewards.
        for (let r = 0; r < 2; r++) await person(`resident:${r}`, lastGrid);
      }
    }
    log(`demo seed: ${county.zh} (${countyRegion}) ${peopleOnly ? 'persons ' : ''}done`);
  }
  if (peopleOnly) {
    log(`demo seed: ${registered} persons registered (units, grants and stewards wait for grids' territory)`);
    return registered > 0 ? { logins: [] } : null;
  }

  const total = Object.values(classCount).reduce((a, b) => a + b, 0);
  log(`demo seed: ${total} stewards (${Object.entries(classCount).map(([k, v]) => `class ${k}: ${v}`).join(', ')}), ${logins.length} logins`);
  const order = (u: string) => (DEMO_USERNAMES.indexOf(u) + 1 || 99);
  return { logins: logins.sort((a, b) => order(a.username) - order(b.username)) };
}

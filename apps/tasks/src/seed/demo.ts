import { MICRO_WISH_POINTS, type EmergencyType, type MicroWishCategory, type TaskKind } from '@gov/tasks-contracts';
import { DemoRepository, MicroWishRepository, TaskRepository, VoucherRepository, type PlaceRef, type StewardRef } from '@gov/tasks-data-access';
import { FIVE_STAR_BONUS, communityOf, completionPoints } from '@gov/tasks-domain';
import { countyOf } from '@gov/kernel';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PointsLedger } from '../points/points-ledger.service.js';

/** How far back the demo's history reaches, and how many tasks a community publishes a day on average. */
export const DEMO_HISTORY_DAYS = 75;
const TASKS_PER_COMMUNITY_PER_DAY = 0.7;
/** Of the tasks published in the last days, these stay open on the map. */
const OPEN_TASK_DAYS = 3;
const SEED = 20261203;
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/** What stewards do in a Jingmen community, by kind (titles as the steward app shows them). */
const DISPATCHED = [
  ['清理楼道堆放杂物', '楼道内堆放纸箱和旧家具，堵塞消防通道，请协助住户清理。'],
  ['独居老人上门探访', '上门看望独居老人，了解身体和生活情况，登记需求。'],
  ['电动车进楼劝导', '劝导居民不要将电动车推入楼道充电，宣传集中充电桩位置。'],
  ['垃圾分类桶站值守', '早晚高峰在桶站值守，指导居民分类投放。'],
  ['反诈宣传入户', '入户发放反电信诈骗宣传册，指导安装国家反诈中心APP。'],
  ['背街小巷卫生巡查', '巡查背街小巷卫生死角，拍照上报乱堆乱放。'],
  ['雨后积水点排查', '排查小区低洼处积水和下水道堵塞情况。'],
  ['文明养犬劝导', '劝导遛狗拴绳、及时清理犬只粪便。'],
  ['高空抛物隐患排查', '排查阳台外沿摆放花盆等高空坠物隐患。'],
  ['共享单车规整', '整理小区门口和公交站旁乱停的共享单车。'],
] as const;
const ANNUAL = [
  ['双报到社区服务日', '在职党员到社区报到，参加当日社区服务。'],
  ['网格走访登记', '随网格员走访本网格住户，核对人口信息。'],
  ['红色物业议事会', '参加小区红色物业议事会，收集居民意见。'],
] as const;
const EMERGENCIES: { type: EmergencyType; title: string; description: string }[] = [
  { type: 'fire', title: '冬季消防安全巡查', description: '巡查楼栋灭火器、消防栓和电动车违规充电。' },
  { type: 'flood', title: '防汛巡堤值守', description: '汛期沿竹皮河堤段巡查，发现管涌渗漏立即上报。' },
  { type: 'epidemic', title: '流感疫苗接种引导', description: '在社区卫生服务站引导老人有序接种。' },
];
/** Residents' micro-wishes (微心愿), by category. */
const WISHES: { category: MicroWishCategory; title: string; description: string }[] = [
  { category: 'difficulty', title: '帮独居老人代买药品', description: '老人腿脚不便，每周需要有人帮忙去药店买降压药。' },
  { category: 'hazard', title: '楼道声控灯坏了', description: '3单元2楼到4楼的声控灯不亮，晚上上下楼很危险。' },
  { category: 'suggestion', title: '小区门口增设休息座椅', description: '老人买菜回来想在门口歇一歇，建议放两张长椅。' },
  { category: 'dispute', title: '楼上漏水协调', description: '楼上卫生间漏水到我家天花板，希望帮忙协调维修。' },
  { category: 'difficulty', title: '辅导留守儿童功课', description: '孩子父母在外务工，希望有人每周辅导两次数学。' },
];
/** Share of a community's tasks that are residents' micro-wishes. */
const MICRO_WISH_SHARE = 0.15;
const NOTES = ['已完成，现场已清理干净。', '已上门，老人身体状况良好。', '已劝导3户，均表示配合。', '已完成值守，分类准确率明显提高。', '已完成巡查，发现问题已拍照上报。'];

export interface DemoTasksResult {
  tasks: number;
  microWishes: number;
  claims: number;
  verified: number;
  pointsPosted: number;
  vouchers: number;
}

/** A deterministic generator, so every `npm start` shows the same demo. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A month and more of steward work in every community that has stewards: tasks published at
 * the community's places, claimed, checked in, submitted, verified by another steward (never the
 * claimant's own chain), rated, with their points posted on the day they were earned — so the
 * ledger, the rankings and the honours mean something on day one. Null when tasks has data.
 */
export async function seedDemoTasks(app: INestApplicationContext, log: (line: string) => void, now = new Date()): Promise<DemoTasksResult | null> {
  const orm = app.get(MikroORM);
  const demo = app.get(DemoRepository);
  const tasks = app.get(TaskRepository);
  const vouchers = app.get(VoucherRepository);
  const ledger = app.get(PointsLedger);
  const wishes = app.get(MicroWishRepository);
  const em0 = orm.em.fork() as EntityManager;
  if (!(await demo.isEmpty(em0))) {
    log('demo seed: tasks already has data, leaving it alone');
    return null;
  }
  const stewards = await demo.stewards(em0);
  const places = await demo.places(em0);
  const byCommunity = new Map<string, StewardRef[]>();
  for (const s of stewards) byCommunity.set(s.community, [...(byCommunity.get(s.community) ?? []), s]);
  const rand = prng(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const result: DemoTasksResult = { tasks: 0, microWishes: 0, claims: 0, verified: 0, pointsPosted: 0, vouchers: 0 };

  for (const [community, members] of byCommunity) {
    const spots = places.filter((p) => communityOf(p.region) === community || p.region === community);
    if (members.length < 2 || spots.length === 0) continue;
    const count = Math.round(DEMO_HISTORY_DAYS * TASKS_PER_COMMUNITY_PER_DAY);
    for (let i = 0; i < count; i++) {
      const daysAgo = rand() * DEMO_HISTORY_DAYS;
      const createdAt = new Date(now.getTime() - daysAgo * DAY_MS);
      const publisher = pick(members);
      // A micro-wish is posted by a resident (here a steward who lives there) at their grid, and confirmed by them.
      const wish = rand() < MICRO_WISH_SHARE ? pick(WISHES) : null;
      const spec = wish
        ? { kind: 'micro_wish' as const, emergencyType: null, title: wish.title, description: wish.description, points: MICRO_WISH_POINTS }
        : taskSpec(rand, pick);
      const spot = pick(spots);
      const location = jitter(spot, rand);
      const region = wish ? publisher.grid : spot.region;
      const capacity = wish ? 1 : spec.kind === 'emergency' ? 3 + Math.floor(rand() * 4) : 1 + Math.floor(rand() * 3);
      const open = daysAgo < OPEN_TASK_DAYS;
      const deadline = new Date(createdAt.getTime() + (open ? 5 : 3) * DAY_MS);
      await em0.fork().transactional(async (tx) => {
        const em = tx as EntityManager;
        const id = randomUUID();
        await tasks.insert(em, {
          id,
          kind: spec.kind,
          emergencyType: spec.emergencyType,
          title: spec.title,
          description: spec.description,
          region,
          community,
          lat: location.lat,
          lng: location.lng,
          placeId: spot.id,
          checkinRadiusM: spot.checkinRadiusM,
          points: spec.points,
          capacity,
          requiredClasses: [],
          deadline,
          publishedByPerson: publisher.personId,
          publishedBySteward: publisher.id,
        });
        await demo.backdateTask(em, id, createdAt, deadline);
        result.tasks++;
        const wishId = wish ? randomUUID() : null;
        if (wish && wishId) {
          await wishes.insert(em, { id: wishId, taskId: id, category: wish.category, region, community, postedByPerson: publisher.personId });
          await demo.backdateMicroWish(em, wishId, createdAt);
          result.microWishes++;
        }
        // Most tasks fill up; some close with places left.
        const taking = open ? Math.floor(rand() * capacity) : rand() < 0.85 ? capacity : Math.max(1, Math.ceil(rand() * capacity));
        const claimants = shuffle(members.filter((m) => m.id !== publisher.id), rand).slice(0, taking);
        let verifiedHere = 0;
        for (const [n, steward] of claimants.entries()) {
          const claimId = randomUUID();
          const claimedAt = new Date(createdAt.getTime() + (1 + n + rand() * 6) * HOUR_MS);
          await tasks.insertClaim(em, { id: claimId, taskId: id, stewardId: steward.id, personId: steward.personId });
          await tasks.addClaimed(em, id, 1);
          await demo.backdateClaim(em, claimId, claimedAt);
          result.claims++;
          if (open && rand() < 0.5) continue;
          const checkedInAt = new Date(claimedAt.getTime() + (2 + rand() * 20) * HOUR_MS);
          const submittedAt = new Date(checkedInAt.getTime() + (0.5 + rand() * 2) * HOUR_MS);
          await tasks.updateClaim(em, claimId, { status: 'checked_in', checkedInAt, checkinDistanceM: Math.round(rand() * 40 * 10) / 10 });
          await tasks.updateClaim(em, claimId, { status: 'submitted', submittedAt, note: pick(NOTES), photos: [`demo/${id.slice(0, 8)}-${n + 1}.jpg`] });
          if (open) continue;
          const verifier = wish ? publisher : (members.find((m) => m.id !== steward.id && m.id !== steward.reportsToId && m.id !== publisher.id) ?? publisher);
          const decidedAt = new Date(submittedAt.getTime() + (2 + rand() * 30) * HOUR_MS);
          if (rand() < 0.06) {
            await tasks.updateClaim(em, claimId, { status: 'rejected', decidedAt, decidedByPerson: verifier.personId, rejectionReason: '照片未体现完成情况，请补充' });
            await tasks.addClaimed(em, id, -1);
            continue;
          }
          await tasks.updateClaim(em, claimId, { status: 'verified', decidedAt, decidedByPerson: verifier.personId });
          if (wishId) await wishes.markConfirmed(em, wishId, submittedAt, decidedAt);
          verifiedHere++;
          result.verified++;
          result.pointsPosted += await ledger.earn(
            em,
            { stewardId: steward.id, region: steward.grid, sourceType: 'task_completion', sourceId: claimId, memo: `完成任务：${spec.title}`, points: completionPoints(spec.kind, spec.emergencyType, spec.points), postedByPerson: verifier.personId },
            decidedAt,
          );
          if (rand() < 0.6) {
            const stars = rand() < 0.4 ? 5 : 4;
            const ratedAt = new Date(decidedAt.getTime() + 3 * HOUR_MS);
            await tasks.updateClaim(em, claimId, { rating: stars, ratedAt, ratedByPerson: publisher.personId });
            if (stars === 5) {
              result.pointsPosted += await ledger.earn(em, { stewardId: steward.id, region: steward.grid, sourceType: 'rating_bonus', sourceId: claimId, memo: `五星评价：${spec.title}`, points: FIVE_STAR_BONUS }, ratedAt);
              if (await vouchers.issue(em, { id: randomUUID(), stewardId: steward.id, claimId, county: countyOf(steward.grid) })) result.vouchers++;
            }
          }
        }
        if (!open) await tasks.setTaskStatus(em, id, verifiedHere >= capacity ? 'closed' : 'expired');
      });
    }
  }
  log(`demo seed: ${result.tasks} tasks (${result.microWishes} micro-wishes), ${result.claims} claims, ${result.verified} verified, ${result.pointsPosted} points, ${result.vouchers} vouchers`);
  return result;
}

function taskSpec(rand: () => number, pick: <T>(xs: readonly T[]) => T): { kind: TaskKind; emergencyType: EmergencyType | null; title: string; description: string; points: number } {
  const r = rand();
  if (r < 0.12) {
    const e = pick(EMERGENCIES);
    return { kind: 'emergency', emergencyType: e.type, title: e.title, description: e.description, points: 10 + 5 * Math.floor(rand() * 3) };
  }
  if (r < 0.3) {
    const [title, description] = pick(ANNUAL);
    return { kind: 'annual_duty', emergencyType: null, title, description, points: 5 + Math.floor(rand() * 6) };
  }
  const [title, description] = pick(DISPATCHED);
  return { kind: 'dispatched', emergencyType: null, title, description, points: 5 + Math.floor(rand() * 16) };
}

/** A point within about 150 m of a place. */
function jitter(p: PlaceRef, rand: () => number): { lat: number; lng: number } {
  const DEG = 0.0015;
  return { lat: p.lat + (rand() - 0.5) * DEG, lng: p.lng + (rand() - 0.5) * DEG };
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

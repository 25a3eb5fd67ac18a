import type { Actor, Page } from '@gov/kernel';
import {
  LOTTERY_ALGORITHM,
  TasksRpc,
  type LotteryView,
  type MerchantView,
  type PointsView,
  type RedemptionView,
  type RewardItemView,
  type VoucherView,
} from '@gov/tasks-contracts';
import { PointsLedgerRepository, merchantAccount } from '@gov/tasks-data-access';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { startTasks, type TasksTestApp } from '../testing.js';
import { enrolSteward } from '../fixtures.js';
import { accountBalance, issueVoucher, stewardWithPoints, type TestSteward } from './rewards.fixtures.js';

const t = new TestContext();
let app: TasksTestApp;
let rpc: RpcClient;

const G01 = 'jingmen/dongbao/longquan/xiangshan/g01';
const G02 = 'jingmen/dongbao/longquan/xiangshan/g02';
const ZIPAN = 'jingmen/dongbao/zipan/quanlong';
const DUODAO_GRID = 'jingmen/duodao/baishipo/baishipo/g01';

const actor = (region: string, role: Actor['grants'][number]['role'] = 'county_admin', personId: string | null = null): Actor => ({
  accountId: randomUUID(),
  personId,
  username: `${role}-${region.split('/').at(-1)}`,
  grants: [{ role, region }],
});
const dongbaoAdmin = actor('jingmen/dongbao');
const longquanAdmin = actor('jingmen/dongbao/longquan', 'street_admin');
const zipanAdmin = actor('jingmen/dongbao/zipan', 'street_admin');
const duodaoAdmin = actor('jingmen/duodao');
const xiangshanWorker = actor('jingmen/dongbao/longquan/xiangshan', 'grid_worker');

const call = <T>(subject: string, input: Record<string, unknown>, as: Actor) => rpc.request<T>(subject, input, { actor: as });
const createMerchant = (input: Record<string, unknown>, as: Actor = dongbaoAdmin) => call<MerchantView>(TasksRpc.merchantCreate, input, as);
const createItem = (input: Record<string, unknown>, as: Actor = dongbaoAdmin) => call<RewardItemView>(TasksRpc.rewardItemCreate, input, as);
const restock = (input: Record<string, unknown>, as: Actor = dongbaoAdmin) => call<RewardItemView>(TasksRpc.rewardItemRestock, input, as);
const merchants = (input: Record<string, unknown>, as: Actor) => call<Page<MerchantView>>(TasksRpc.merchants, input, as);
const redeem = (itemId: string, as: Actor, quantity = 1) => call<RedemptionView>(TasksRpc.redeem, { itemId, quantity }, as);
const confirm = (code: string, as: Actor) => call<RedemptionView>(TasksRpc.redemptionConfirm, { code }, as);
const myRedemptions = (as: Actor, input: Record<string, unknown> = {}) => call<Page<RedemptionView>>(TasksRpc.redemptionsMine, input, as);
const myVouchers = (as: Actor, input: Record<string, unknown> = {}) => call<Page<VoucherView>>(TasksRpc.vouchersMine, input, as);
const draw = (input: Record<string, unknown>, as: Actor = dongbaoAdmin) => call<LotteryView>(TasksRpc.lotteryDraw, input, as);
const lottery = (input: Record<string, unknown>, as: Actor) => call<LotteryView>(TasksRpc.lotteryGet, input, as);
const balance = async (s: TestSteward) => (await call<PointsView>(TasksRpc.pointsMine, {}, s.actor)).balance;

const db = () => `"${app.config.DB_SCHEMA}"`;
const count = async (table: string) => Number((await app.em().execute<{ n: string }[]>(`select count(*) as n from ${db()}.${table}`))[0]!.n);
const stockOf = async (itemId: string) => Number((await app.em().execute<{ stock: number }[]>(`select stock from ${db()}.reward_item where id = ?`, [itemId]))[0]!.stock);
/** Every steward's balance agrees with the sum of its ledger entries. */
const ledgerAgrees = async (s: TestSteward) => (await app.app.get(PointsLedgerRepository).ledgerBalance(app.em(), s.ref.id)) === (await balance(s));

const CODE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/;

beforeAll(async () => {
  app = await startTasks(t.env('tasks', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('merchants of the red merchant alliance', () => {
  let market: MerchantView;
  let oil: RewardItemView;

  it('lets an admin add a merchant and its items, and shows them to everyone working in the county', async () => {
    const contact = (await enrolSteward(app)).steward.personId;
    // The contact is a shopkeeper enrolled as a steward of the county: nobody else, and nobody from another county.
    const foreign = (await enrolSteward(app, { grid: 'jingmen/duodao/duodaoshi/baishipo/g01' })).steward.personId;
    for (const other of [randomUUID(), foreign]) {
      await expect(createMerchant({ name: '龙泉超市', region: 'jingmen/dongbao/longquan', contactPersonId: other }, longquanAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    market = await createMerchant({ name: ' 龙泉超市 ', region: 'jingmen/dongbao/longquan', address: '龙泉路 8 号', contactPersonId: contact }, longquanAdmin);
    expect(market).toMatchObject({ name: '龙泉超市', region: 'jingmen/dongbao/longquan', address: '龙泉路 8 号', contactPersonId: contact, items: [] });
    oil = await createItem({ merchantId: market.id, name: '食用油 5L', pricePoints: 80, stock: 3 }, longquanAdmin);
    expect(oil).toMatchObject({ merchantId: market.id, name: '食用油 5L', pricePoints: 80, stock: 3, active: true });
    const rice = await createItem({ merchantId: market.id, name: '大米 10kg', pricePoints: 60, stock: 10 });

    // A steward of another street of the county sees the alliance's merchants too.
    const zipanSteward = await stewardWithPoints(app, ZIPAN);
    const seen = await merchants({ region: 'jingmen/dongbao' }, zipanSteward.actor);
    expect(seen.items.find((m) => m.id === market.id)?.items.map((i) => i.id).sort()).toEqual([rice.id, oil.id].sort());
    expect((await merchants({ region: 'jingmen/dongbao/longquan' }, xiangshanWorker)).items.map((m) => m.id)).toContain(market.id);

    const e = await eventually(async () => (await readEvents(await t.nats(), t.ns, (x) => x.type === 'gov.tasks.merchant.created.v1' && x.subject === market.id))[0]);
    expect(e.natsSubject).toBe(`${t.runId}.evt.dongbao.tasks.merchant.created.v1`);
    expect(e.data).toMatchObject({ id: market.id, name: '龙泉超市' });
  });

  it('keeps another county out: its regions answer NOT_FOUND, its ids NOT_FOUND, its writes FORBIDDEN', async () => {
    await expect(merchants({ region: 'jingmen/dongbao' }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The city's list of a Duodao admin holds Duodao's merchants only.
    const own = await createMerchant({ name: '掇刀商店', region: 'jingmen/duodao/baishipo' }, duodaoAdmin);
    const cityList = await merchants({ region: 'jingmen' }, duodaoAdmin);
    expect(cityList.items.map((m) => m.id)).toEqual([own.id]);
    expect((await merchants({ region: 'jingmen' }, actor('jingmen', 'city_admin'))).items.map((m) => m.id)).toEqual(expect.arrayContaining([own.id, market.id]));

    await expect(createItem({ merchantId: market.id, name: 'x', pricePoints: 1, stock: 1 }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(restock({ itemId: oil.id, quantity: 5 }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(createMerchant({ name: 'x', region: 'jingmen/dongbao/longquan' }, duodaoAdmin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Visible, but no admin role there: FORBIDDEN.
    await expect(createMerchant({ name: 'x', region: 'jingmen/dongbao/longquan' }, xiangshanWorker)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createMerchant({ name: 'x', region: 'jingmen/dongbao/longquan' }, zipanAdmin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createItem({ merchantId: market.id, name: 'x', pricePoints: 1, stock: 1 }, zipanAdmin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(restock({ itemId: oil.id, quantity: 5 }, xiangshanWorker)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(TasksRpc.merchants, { region: 'jingmen/dongbao' }, undefined as never)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await stockOf(oil.id)).toBe(3);
  });

  it('answers bad input with VALIDATION naming the fields, and writes nothing', async () => {
    const [m, i] = [await count('merchant'), await count('reward_item')];
    await expect(createMerchant({ name: '', region: 'jingmen' })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: expect.arrayContaining([expect.objectContaining({ path: 'name' }), expect.objectContaining({ path: 'region' })]),
    });
    await expect(createMerchant({ name: 'x', region: 'jingmen/dongbao', contactPersonId: 'nobody' })).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'contactPersonId' }] });
    await expect(createItem({ merchantId: market.id, name: '油', pricePoints: 0, stock: -1 })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: expect.arrayContaining([expect.objectContaining({ path: 'pricePoints' }), expect.objectContaining({ path: 'stock' })]),
    });
    await expect(restock({ itemId: oil.id, quantity: 1.5 })).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'quantity' }] });
    await expect(merchants({ region: 'jingmen/dongbao', after: 'bogus' }, dongbaoAdmin)).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'after' }] });
    expect([await count('merchant'), await count('reward_item')]).toEqual([m, i]);
  });

  it('restocks an item and takes it off the shelf', async () => {
    expect(await restock({ itemId: oil.id, quantity: 2 }, longquanAdmin)).toMatchObject({ stock: 5, active: true });
    const s = await stewardWithPoints(app, G01, 500);
    expect(await restock({ itemId: oil.id, quantity: 0, active: false })).toMatchObject({ stock: 5, active: false });
    await expect(redeem(oil.id, s.actor)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'ITEM_INACTIVE' });
    expect(await restock({ itemId: oil.id, quantity: 0, active: true })).toMatchObject({ stock: 5, active: true });
    expect(await balance(s)).toBe(500);
  });

  it('pages the list by name', async () => {
    for (const name of ['甲店', '乙店', '丙店']) await createMerchant({ name, region: 'jingmen/dongbao/zipan' }, zipanAdmin);
    const all: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page<MerchantView> = await merchants({ region: 'jingmen/dongbao/zipan', first: 2, ...(after ? { after } : {}) }, zipanAdmin);
      all.push(...page.items.map((m) => m.name));
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    // By name in the database's collation: each once.
    expect(all.sort()).toEqual(['丙店', '乙店', '甲店'].sort());
  });
});

describe('redemptions in the points supermarket', () => {
  let market: MerchantView;
  let contact: Actor;

  beforeAll(async () => {
    contact = { ...(await enrolSteward(app)).actor, grants: [{ role: 'resident', region: 'jingmen/dongbao/longquan/xiangshan' }] };
    market = await createMerchant({ name: '象山便利店', region: 'jingmen/dongbao/longquan/xiangshan', contactPersonId: contact.personId });
  });

  it('pays points for goods: balance, stock and the merchant’s takings move together, with a code to show', async () => {
    const item = await createItem({ merchantId: market.id, name: '洗衣液', pricePoints: 30, stock: 4 });
    const s = await stewardWithPoints(app, G01, 100);
    const r = await redeem(item.id, s.actor, 2);
    expect(r).toMatchObject({ stewardId: s.ref.id, itemId: item.id, itemName: '洗衣液', merchantId: market.id, merchantName: '象山便利店', quantity: 2, points: 60, status: 'issued', confirmedAt: null });
    expect(r.code).toMatch(CODE);
    expect(await balance(s)).toBe(40);
    expect(await stockOf(item.id)).toBe(2);
    expect(await accountBalance(app, merchantAccount(market.id))).toBe(60);
    expect(await ledgerAgrees(s)).toBe(true);
    expect((await myRedemptions(s.actor)).items).toEqual([r]);
    // The ledger explains the debit.
    const ledger = await call<{ items: { amount: number; sourceType: string; sourceId: string }[] }>(TasksRpc.pointsLedger, {}, s.actor);
    expect(ledger.items[0]).toMatchObject({ amount: -60, sourceType: 'redemption', sourceId: r.id });

    const e = await eventually(async () => (await readEvents(await t.nats(), t.ns, (x) => x.type === 'gov.tasks.redemption.created.v1' && x.subject === r.id))[0]);
    expect(e.natsSubject).toBe(`${t.runId}.evt.dongbao.tasks.redemption.created.v1`);
    expect(e.data).toMatchObject({ id: r.id, points: 60, quantity: 2 });
    // The code is for the till only.
    expect(JSON.stringify(e.data)).not.toContain(r.code);
  });

  it('refuses without moving anything: too few points, too little stock, no steward, another county, bad input', async () => {
    const item = await createItem({ merchantId: market.id, name: '电饭煲', pricePoints: 150, stock: 2 });
    const s = await stewardWithPoints(app, G02, 200);
    const duodaoSteward = await stewardWithPoints(app, DUODAO_GRID, 500);
    const before = { redemptions: await count('redemption'), txns: await count('points_txn') };

    await expect(redeem(item.id, s.actor, 2)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_POINTS' });
    await expect(redeem(item.id, s.actor, 3)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'OUT_OF_STOCK' });
    await expect(redeem(item.id, dongbaoAdmin)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'NOT_A_STEWARD' });
    await expect(redeem(item.id, duodaoSteward.actor)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(redeem(randomUUID(), s.actor)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(redeem(item.id, s.actor, 11)).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'quantity' }] });
    await expect(call(TasksRpc.redeem, { itemId: 'x' }, s.actor)).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'itemId' }] });

    expect(await balance(s)).toBe(200);
    expect(await balance(duodaoSteward)).toBe(500);
    expect(await stockOf(item.id)).toBe(2);
    expect({ redemptions: await count('redemption'), txns: await count('points_txn') }).toEqual(before);
    expect((await myRedemptions(s.actor)).items).toEqual([]);
    // One fits.
    expect((await redeem(item.id, s.actor)).points).toBe(150);
    expect(await balance(s)).toBe(50);
  });

  it('sells exactly the stock under 20 parallel redemptions, and loses no points', async () => {
    const item = await createItem({ merchantId: market.id, name: '毛巾礼盒', pricePoints: 30, stock: 5 });
    const stewards = await Promise.all(Array.from({ length: 20 }, (_, i) => stewardWithPoints(app, i % 2 ? G01 : G02, 50)));
    const takingsBefore = await accountBalance(app, merchantAccount(market.id));
    const results = await Promise.allSettled(stewards.map((s) => redeem(item.id, s.actor)));

    const won = results.filter((r): r is PromiseFulfilledResult<RedemptionView> => r.status === 'fulfilled').map((r) => r.value);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as { code: string; reason?: string });
    expect(won).toHaveLength(5);
    expect(refused).toHaveLength(15);
    expect(refused.every((e) => e.code === 'CONFLICT' && e.reason === 'OUT_OF_STOCK')).toBe(true);
    expect(new Set(won.map((r) => r.code)).size).toBe(5);
    expect(await stockOf(item.id)).toBe(0);

    const balances = await Promise.all(stewards.map(balance));
    expect(balances.filter((b) => b === 20)).toHaveLength(5);
    expect(balances.filter((b) => b === 50)).toHaveLength(15);
    expect(balances.reduce((a, b) => a + b, 0)).toBe(20 * 50 - 5 * 30);
    expect((await accountBalance(app, merchantAccount(market.id))) - takingsBefore).toBe(5 * 30);
    for (const s of stewards) expect(await ledgerAgrees(s)).toBe(true);
  });

  it('lets one steward spend only what they hold, however many redemptions run at once', async () => {
    const item = await createItem({ merchantId: market.id, name: '保温杯', pricePoints: 30, stock: 10 });
    const s = await stewardWithPoints(app, G01, 100);
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => redeem(item.id, s.actor)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as { reason?: string });
    expect(refused.map((e) => e.reason)).toEqual(Array(5).fill('INSUFFICIENT_POINTS'));
    expect(await balance(s)).toBe(10);
    expect(await stockOf(item.id)).toBe(7);
    expect(await ledgerAgrees(s)).toBe(true);
    expect((await myRedemptions(s.actor)).items).toHaveLength(3);
  });

  it('is confirmed once at the till by the merchant’s contact person or an admin of its region', async () => {
    const item = await createItem({ merchantId: market.id, name: '抽纸', pricePoints: 5, stock: 10 });
    const s = await stewardWithPoints(app, G01, 100);
    const [a, b] = [await redeem(item.id, s.actor), await redeem(item.id, s.actor)];

    // Typed back with a dash and in lower case.
    const typed = `${a.code.slice(0, 4)}-${a.code.slice(4)}`.toLowerCase();
    const confirmed = await confirm(typed, contact);
    expect(confirmed).toMatchObject({ id: a.id, status: 'confirmed', code: a.code });
    expect(confirmed.confirmedAt).not.toBeNull();
    await expect(confirm(a.code, contact)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });
    await expect(confirm(a.code, longquanAdmin)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });

    // Visible but not theirs to confirm; another county's or an unknown code: NOT_FOUND alike.
    await expect(confirm(b.code, xiangshanWorker)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(confirm(b.code, s.actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(confirm(b.code, zipanAdmin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const foreign = await confirm(b.code, duodaoAdmin).catch((e: { code: string; message: string }) => e);
    const unknown = await confirm(b.code === '22222222' ? '33333333' : '22222222', duodaoAdmin).catch((e: { code: string; message: string }) => e);
    expect(foreign).toMatchObject({ code: 'NOT_FOUND' });
    expect(unknown).toMatchObject({ code: 'NOT_FOUND' });
    await expect(confirm('short', contact)).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'code' }] });
    await expect(confirm('O0I1L0O1', contact)).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'code' }] });

    expect(await confirm(b.code, longquanAdmin)).toMatchObject({ id: b.id, status: 'confirmed' });
    expect((await myRedemptions(s.actor, { statuses: ['confirmed'] })).items.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect((await myRedemptions(s.actor, { statuses: ['issued'] })).items).toEqual([]);
    // Confirming moves no points.
    expect(await balance(s)).toBe(90);

    const e = await eventually(async () => (await readEvents(await t.nats(), t.ns, (x) => x.type === 'gov.tasks.redemption.confirmed.v1' && x.subject === a.id))[0]);
    expect(e.data).toMatchObject({ id: a.id, status: 'confirmed' });
  });

  it('pages a steward’s redemptions newest first', async () => {
    const item = await createItem({ merchantId: market.id, name: '牙膏', pricePoints: 1, stock: 10 });
    const s = await stewardWithPoints(app, G01, 10);
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await redeem(item.id, s.actor)).id);
    const first = await myRedemptions(s.actor, { first: 3 });
    expect(first.hasNextPage).toBe(true);
    const second = await myRedemptions(s.actor, { first: 3, after: first.endCursor });
    expect(second.hasNextPage).toBe(false);
    expect([...first.items, ...second.items].map((r) => r.id)).toEqual([...made].reverse());
    // Someone who is not a steward has none.
    expect(await myRedemptions(dongbaoAdmin)).toEqual({ items: [], endCursor: null, hasNextPage: false });
  });
});

describe('vouchers and lottery draws', () => {
  let stewards: TestSteward[];
  let longquanVouchers: string[];
  let zipanVouchers: string[];

  /** Recomputes a draw from what `lottery(id)` answers, with nothing but the published algorithm. */
  const recompute = (seed: string, pool: string[], n: number) => {
    const sorted = [...pool].sort();
    const digest = createHash('sha256').update(sorted.join('\n')).digest('hex');
    const winners = sorted
      .map((id) => ({ id, ticket: createHmac('sha256', seed).update(id).digest('hex') }))
      .sort((a, b) => (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : a.id < b.id ? -1 : 1))
      .slice(0, n)
      .map((x) => x.id);
    return { digest, winners };
  };
  const wholePool = async (id: string, as: Actor, poolFirst = 3) => {
    const ids: string[] = [];
    let poolAfter: string | null = null;
    for (;;) {
      const page: LotteryView = await lottery({ id, poolFirst, ...(poolAfter ? { poolAfter } : {}) }, as);
      ids.push(...page.pool);
      if (!page.poolNextCursor) return { view: page, ids };
      poolAfter = page.poolNextCursor;
    }
  };

  beforeAll(async () => {
    stewards = await Promise.all([G01, G02, G01, ZIPAN].map((g) => stewardWithPoints(app, g)));
    longquanVouchers = [];
    for (const s of stewards.slice(0, 3)) {
      for (let i = 0; i < 3; i++) longquanVouchers.push(await issueVoucher(app, s.ref, s.ref.grid));
    }
    zipanVouchers = [await issueVoucher(app, stewards[3]!.ref, ZIPAN), await issueVoucher(app, stewards[3]!.ref, ZIPAN)];
    await issueVoucher(app, (await stewardWithPoints(app, DUODAO_GRID)).ref, DUODAO_GRID);
  });

  it('shows a steward their own vouchers', async () => {
    const mine = await myVouchers(stewards[0]!.actor);
    expect(mine.items).toHaveLength(3);
    expect(mine.items.every((v) => v.stewardId === stewards[0]!.ref.id && v.status === 'held' && v.drawId === null && v.county === 'dongbao')).toBe(true);
    expect(mine.items.map((v) => v.id).sort()).toEqual(longquanVouchers.slice(0, 3).sort());
    expect(await myVouchers(dongbaoAdmin)).toEqual({ items: [], endCursor: null, hasNextPage: false });
  });

  it('draws a street’s winners reproducibly from the seed and the pool, and marks their vouchers won', async () => {
    const drawn = await draw({ region: 'jingmen/dongbao/longquan', title: '七一表彰抽奖', winners: 4, seed: '2026-07-01 舞台摇号 07 19 23' }, longquanAdmin);
    expect(drawn).toMatchObject({ county: 'dongbao', region: 'jingmen/dongbao/longquan', title: '七一表彰抽奖', seed: '2026-07-01 舞台摇号 07 19 23', poolSize: 9, algorithm: LOTTERY_ALGORITHM, poolNextCursor: null });
    expect(drawn.winners.map((w) => w.rank)).toEqual([1, 2, 3, 4]);
    // Only the street's held vouchers: not Zipan's, not Duodao's.
    expect([...drawn.pool].sort()).toEqual([...longquanVouchers].sort());

    // Anyone in the county can re-verify it: a steward reads the draw and recomputes it.
    const { view, ids } = await wholePool(drawn.id, stewards[3]!.actor);
    expect(ids).toEqual([...longquanVouchers].sort());
    const again = recompute(view.seed, ids, 4);
    expect(view.poolDigest).toBe(again.digest);
    expect(view.winners.map((w) => w.voucherId)).toEqual(again.winners);

    const winners = new Set(view.winners.map((w) => w.voucherId));
    const allMine = (await Promise.all(stewards.slice(0, 3).map((s) => myVouchers(s.actor)))).flatMap((p) => p.items);
    for (const v of allMine) {
      const w = view.winners.find((x) => x.voucherId === v.id);
      expect(v).toMatchObject(w ? { status: 'won', drawId: drawn.id, rank: w.rank } : { status: 'held', drawId: null, rank: null });
      if (w) expect(w.stewardId).toBe(v.stewardId);
    }
    expect(allMine.filter((v) => winners.has(v.id))).toHaveLength(4);

    const e = await eventually(async () => (await readEvents(await t.nats(), t.ns, (x) => x.type === 'gov.tasks.lottery.drawn.v1' && x.subject === drawn.id))[0]);
    expect(e.natsSubject).toBe(`${t.runId}.evt.dongbao.tasks.lottery.drawn.v1`);
    expect(e.data).toMatchObject({ id: drawn.id, poolDigest: drawn.poolDigest, poolSize: 9, seed: drawn.seed });
  });

  it('draws the county over what is still held, with a random seed that is stored', async () => {
    const drawn = await draw({ region: 'jingmen/dongbao', title: '年度红管家抽奖', winners: 100 });
    // 9 + 2 issued in Dongbao, 4 already won.
    expect(drawn.poolSize).toBe(7);
    expect(drawn.winners).toHaveLength(7);
    expect(drawn.seed).toMatch(/^[0-9a-f]{64}$/);
    const again = recompute(drawn.seed, drawn.pool, 100);
    expect(drawn.poolDigest).toBe(again.digest);
    expect(drawn.winners.map((w) => w.voucherId)).toEqual(again.winners);
    expect(drawn.pool).toEqual(expect.arrayContaining(zipanVouchers));
    // Nothing is left to draw: refused, nothing written.
    const draws = await count('lottery_draw');
    await expect(draw({ region: 'jingmen/dongbao/zipan', title: '再抽', winners: 1 }, zipanAdmin)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'NO_VOUCHERS' });
    expect(await count('lottery_draw')).toBe(draws);
  });

  it('keeps draws to admins of the region and the county', async () => {
    const drawsBefore = await count('lottery_draw');
    const held = await count(`voucher where status = 'held'`);
    await expect(draw({ region: 'jingmen/dongbao/longquan', title: 'x', winners: 1 }, xiangshanWorker)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(draw({ region: 'jingmen/dongbao/longquan', title: 'x', winners: 1 }, zipanAdmin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(draw({ region: 'jingmen/dongbao', title: 'x', winners: 1 }, duodaoAdmin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(draw({ region: 'jingmen/dongbao/longquan/xiangshan', title: 'x', winners: 0 })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: expect.arrayContaining([expect.objectContaining({ path: 'region' }), expect.objectContaining({ path: 'winners' })]),
    });
    expect([await count('lottery_draw'), await count(`voucher where status = 'held'`)]).toEqual([drawsBefore, held]);

    const [first] = (await app.em().execute<{ id: string }[]>(`select id from ${db()}.lottery_draw order by drawn_at limit 1`)) as { id: string }[];
    await expect(lottery({ id: first!.id }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(lottery({ id: randomUUID() }, dongbaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(lottery({ id: first!.id, poolFirst: 5001 }, dongbaoAdmin)).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'poolFirst' }] });
    // The draw is evidence: the database refuses to change it.
    await expect(app.em().execute(`update ${db()}.lottery_draw set seed = 'x' where id = ?`, [first!.id])).rejects.toThrow(/append-only/);
  });
});

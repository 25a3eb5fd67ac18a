import { parseInput, type Actor } from '@gov/kernel';
import { CreateMerchantInput, CreateRewardItemInput } from '@gov/tasks-contracts';
import type { INestApplicationContext } from '@nestjs/common';
import { MerchantService } from '../rewards/merchant.service.js';

/** The city admin the demo merchants are written as (no login: the seed runs inside the service). */
const SEED_ACTOR: Actor = { accountId: '00000000-0000-4000-8000-000000000003', personId: null, username: 'demo-seed', grants: [{ role: 'city_admin', region: 'jingmen' }] };

/**
 * The red merchant alliance (红色商家联盟) of the demo: shops near the demo's communities that
 * stock the points supermarket (积分超市), with what a Jingmen points supermarket shelves.
 */
const MERCHANTS: { name: string; region: string; address: string; items: [name: string, price: number, stock: number][] }[] = [
  {
    name: '象山红色便民超市',
    region: 'jingmen/dongbao/longquan/xiangshan',
    address: '东宝区象山大道88号',
    items: [['金龙泉啤酒（一箱）', 120, 20], ['食用油 5L', 150, 15], ['洗衣液 2kg', 60, 40], ['抽纸（一提）', 30, 80]],
  },
  {
    name: '龙泉爱心理发店',
    region: 'jingmen/dongbao/longquan/jinlongquan',
    address: '东宝区龙泉北路21号',
    items: [['理发一次', 40, 50], ['老人上门理发一次', 50, 20]],
  },
  {
    name: '马河农资服务社',
    region: 'jingmen/dongbao/mahe',
    address: '马河镇马河大街12号',
    items: [['化肥 10kg', 100, 30], ['菜籽 一包', 15, 100]],
  },
  {
    name: '掇刀石红管家积分超市',
    region: 'jingmen/duodao/duodaoshi',
    address: '掇刀区掇刀石大道168号',
    items: [['大米 10kg', 130, 25], ['鸡蛋（30枚）', 50, 40], ['保温杯', 80, 20]],
  },
  {
    name: '麻城镇乡村振兴服务站',
    region: 'jingmen/duodao/macheng',
    address: '麻城镇麻城村3组',
    items: [['手电筒', 35, 30], ['雨衣', 45, 30]],
  },
];

export interface DemoRewardsResult {
  merchants: number;
  rewardItems: number;
}

export async function seedDemoRewards(app: INestApplicationContext, log: (line: string) => void): Promise<DemoRewardsResult> {
  const merchants = app.get(MerchantService);
  const result: DemoRewardsResult = { merchants: 0, rewardItems: 0 };
  for (const m of MERCHANTS) {
    const merchant = await merchants.create(SEED_ACTOR, parseInput(CreateMerchantInput, { name: m.name, region: m.region, address: m.address }));
    result.merchants++;
    for (const [name, pricePoints, stock] of m.items) {
      await merchants.createItem(SEED_ACTOR, parseInput(CreateRewardItemInput, { merchantId: merchant.id, name, pricePoints, stock }));
      result.rewardItems++;
    }
  }
  log(`demo seed: ${result.merchants} merchants with ${result.rewardItems} reward items`);
  return result;
}

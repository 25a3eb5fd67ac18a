import { countyOf, forbidden, notFound, pathNotFound, type Actor, type Page } from '@gov/kernel';
import {
  TasksEvents,
  type CreateMerchantInput,
  type CreateRewardItemInput,
  type ListMerchantsInput,
  type MerchantView,
  type RestockRewardItemInput,
  type RewardItemView,
} from '@gov/tasks-contracts';
import { DirectoryRepository, RewardsRepository, type ItemRecord, type MerchantRecord, type MerchantWithItems, type RewardItemRecord } from '@gov/tasks-data-access';
import { mayKeepMerchants, rewardsScope, rewardsVisibleTo } from '@gov/tasks-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { decodeIdCursor, encodeIdCursor } from './cursor.js';

/**
 * The red merchant alliance (红色商家联盟) and its shelves: admins of a region add merchants and
 * their reward items and restock them; everyone working in the county browses them.
 */
@Injectable()
export class MerchantService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly rewards: RewardsRepository,
    private readonly directory: DirectoryRepository,
  ) {}

  async create(actor: Actor | null, input: z.output<typeof CreateMerchantInput>): Promise<MerchantView> {
    const a = requireActor(actor);
    if (!rewardsVisibleTo(a, input.region)) throw forbidden('no role on this region');
    if (!mayKeepMerchants(a, input.region)) throw forbidden('only admins of the region add merchants');
    // The contact confirms redemptions at the till: a shopkeeper enrolled as a red steward of the
    // merchant's county. Anyone else, another county's steward included, is not found.
    if (input.contactPersonId) {
      const contact = await this.directory.stewardByPerson(input.contactPersonId);
      if (!contact || countyOf(contact.grid) !== countyOf(input.region)) throw notFound('person', input.contactPersonId);
    }
    return this.tx.run(async (em) => {
      const row = await this.rewards.insertMerchant(em, { id: randomUUID(), name: input.name, region: input.region, address: input.address, contactPerson: input.contactPersonId });
      const v = merchantView({ ...row, items: [] });
      const { items: _items, ...data } = v;
      await this.outbox.add(em, { ...TasksEvents.merchantCreated, region: v.region, subjectId: v.id, data });
      return v;
    });
  }

  /** Merchants of a region's subtree with their items, by name; NOT_FOUND for a region of another county. */
  async list(actor: Actor | null, input: z.output<typeof ListMerchantsInput>): Promise<Page<MerchantView>> {
    const a = requireActor(actor);
    if (!rewardsVisibleTo(a, input.region)) throw pathNotFound('region');
    const after = decodeIdCursor(input.after);
    const rows = await this.rewards.merchants(input.region, rewardsScope(a), after, input.first + 1);
    const page = rows.slice(0, input.first);
    return { items: page.map(merchantView), endCursor: page.length ? encodeIdCursor(page.at(-1)!.id) : null, hasNextPage: rows.length > input.first };
  }

  async createItem(actor: Actor | null, input: z.output<typeof CreateRewardItemInput>): Promise<RewardItemView> {
    const a = requireActor(actor);
    const merchant = await this.visibleMerchant(a, input.merchantId);
    if (!mayKeepMerchants(a, merchant.region)) throw forbidden("only admins of the merchant's region stock its shelf");
    return this.tx.run(async (em) =>
      itemView(await this.rewards.insertItem(em, { id: randomUUID(), merchantId: merchant.id, name: input.name, pricePoints: input.pricePoints, stock: input.stock })),
    );
  }

  /** Adds stock under the item's lock (a redemption in flight waits or goes first), and puts it on or off the shelf. */
  async restock(actor: Actor | null, input: z.output<typeof RestockRewardItemInput>): Promise<RewardItemView> {
    const a = requireActor(actor);
    const item = await this.visibleItem(a, input.itemId);
    if (!mayKeepMerchants(a, item.merchantRegion)) throw forbidden("only admins of the merchant's region restock its shelf");
    return this.tx.run(async (em) => {
      await this.rewards.lockItem(em, item.id);
      return itemView(await this.rewards.restock(em, item.id, input.quantity, input.active));
    });
  }

  /** The item, or NOT_FOUND alike for a missing one and one of another county. */
  async visibleItem(a: Actor, id: string): Promise<ItemRecord> {
    const item = await this.rewards.itemById(id);
    if (!item || !rewardsVisibleTo(a, item.merchantRegion)) throw notFound('reward item', id);
    return item;
  }

  private async visibleMerchant(a: Actor, id: string): Promise<MerchantRecord> {
    const merchant = await this.rewards.merchantById(id);
    if (!merchant || !rewardsVisibleTo(a, merchant.region)) throw notFound('merchant', id);
    return merchant;
  }
}

export function merchantView(m: MerchantWithItems): MerchantView {
  return {
    id: m.id,
    name: m.name,
    region: m.region,
    address: m.address,
    contactPersonId: m.contactPerson,
    createdAt: new Date(m.createdAt).toISOString(),
    items: m.items.map(itemView),
  };
}

export function itemView(i: RewardItemRecord): RewardItemView {
  return {
    id: i.id,
    merchantId: i.merchantId,
    name: i.name,
    pricePoints: Number(i.pricePoints),
    stock: Number(i.stock),
    active: i.active,
    createdAt: new Date(i.createdAt).toISOString(),
  };
}

import { actorCan, countyOf, notFound, pathNotFound, regionContains, type Actor } from '@gov/kernel';
import {
  MediationEvents,
  type CommitteeList,
  type CommitteeListsInput,
  type CommitteeListsView,
  type ListItemView,
  type UpsertListItemInput,
} from '@gov/mediation-contracts';
import { CommitteeRepository, type ListItemPatch, type ListItemRecord, type NewListItem } from '@gov/mediation-data-access';
import { MEETING_ROLES, nodeAt } from '@gov/mediation-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { MeetingErrors } from './meeting.errors.js';

/**
 * Meetings and lists are the community's public business: anyone with a grant on the place, above
 * it or below it (a resident of one of its grids) reads them; another county sees nothing.
 */
export function seesPlace(a: Actor, place: string): boolean {
  return a.grants.some((g) => regionContains(g.region, place) || regionContains(place, g.region));
}

/**
 * The community committee's four lists (四张清单: 问题、需求、资源、项目 — problems, needs, resources,
 * projects) kept by the big party committee (大党委) with its member units; meetings file items on
 * them and staff move each item through its states.
 */
@Injectable()
export class CommitteeService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly items: CommitteeRepository,
  ) {}

  async lists(actor: Actor | null, input: z.output<typeof CommitteeListsInput>): Promise<CommitteeListsView> {
    const a = requireActor(actor);
    if (nodeAt(input.community, 'community') !== input.community) throw MeetingErrors.notACommunity();
    if (!seesPlace(a, input.community)) throw pathNotFound('community');
    const rows = await this.items.byCommunity(input.community, input.states);
    const on = (list: CommitteeList) => rows.filter((i) => i.list === list).map(listItemView);
    return { community: input.community, problems: on('problems'), needs: on('needs'), resources: on('resources'), projects: on('projects') };
  }

  async upsert(actor: Actor | null, input: z.output<typeof UpsertListItemInput>): Promise<ListItemView> {
    const a = requireActor(actor);
    return input.id ? this.update(a, input.id, input) : this.create(a, input);
  }

  /** Files an item in the caller's transaction, with its event (a meeting's decision files one too). */
  async file(em: EntityManager, item: Omit<NewListItem, 'id' | 'county'>): Promise<ListItemRecord> {
    const created = await this.items.insert(em, { ...item, id: randomUUID(), county: countyOf(item.community) });
    await this.changed(em, created, 'created');
    return created;
  }

  private async create(a: Actor, input: z.output<typeof UpsertListItemInput>): Promise<ListItemView> {
    const missing = (['community', 'list', 'title'] as const).filter((k) => !input[k]).map((path) => ({ path, message: 'required for a new item' }));
    if (missing.length) throw MeetingErrors.missing(missing);
    const community = input.community!;
    if (nodeAt(community, 'community') !== community) throw MeetingErrors.notACommunity();
    if (!actorCan(a, MEETING_ROLES, community)) throw MeetingErrors.notListStaff();
    return this.tx.run(async (em) =>
      listItemView(
        await this.file(em, { community, list: input.list!, title: input.title!, detail: input.detail, state: input.state ?? 'open', ownerUnit: input.ownerUnit, sourceMeetingId: null }),
      ),
    );
  }

  private async update(a: Actor, id: string, input: z.output<typeof UpsertListItemInput>): Promise<ListItemView> {
    return this.tx.run(async (em) => {
      const item = await this.items.byId(em, id, true);
      if (!item || !seesPlace(a, item.community)) throw notFound('list item', id);
      if (!actorCan(a, MEETING_ROLES, item.community)) throw MeetingErrors.notListStaff();
      // A community the caller cannot see answers as one that does not exist, before any other rule.
      if (input.community && !seesPlace(a, input.community)) throw pathNotFound('community');
      if (input.community && input.community !== item.community) throw MeetingErrors.fixed('community');
      if (input.list && input.list !== item.list) throw MeetingErrors.fixed('list');
      const patch: ListItemPatch = {};
      if (input.title) patch.title = input.title;
      if (input.detail) patch.detail = input.detail;
      if (input.state) patch.state = input.state;
      if (input.ownerUnit) patch.ownerUnit = input.ownerUnit;
      // Nothing to change: no write and no event.
      if (Object.keys(patch).length === 0) return listItemView(item);
      const after = await this.items.patch(em, id, patch);
      await this.changed(em, after, 'updated');
      return listItemView(after);
    });
  }

  private async changed(em: EntityManager, i: ListItemRecord, change: 'created' | 'updated'): Promise<void> {
    await this.outbox.add(em, { ...MediationEvents.committeeItemChanged, region: i.community, subjectId: i.id, data: { ...listItemView(i), change } });
  }
}

export function listItemView(i: ListItemRecord): ListItemView {
  return {
    id: i.id,
    community: i.community,
    list: i.list,
    title: i.title,
    detail: i.detail,
    state: i.state,
    ownerUnit: i.ownerUnit,
    sourceMeetingId: i.sourceMeetingId,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

import type { CommitteeList, ListItemState } from '@gov/mediation-contracts';
import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { toDate } from '../sql.js';

export interface ListItemRecord {
  id: string;
  community: string;
  county: string;
  list: CommitteeList;
  title: string;
  detail: string | null;
  state: ListItemState;
  ownerUnit: string | null;
  sourceMeetingId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewListItem = Omit<ListItemRecord, 'createdAt' | 'updatedAt'>;
/** What an update may change; the community and the list an item is on are fixed. */
export type ListItemPatch = Partial<Pick<ListItemRecord, 'title' | 'detail' | 'state' | 'ownerUnit'>>;

const PATCH_COLUMNS: Record<keyof ListItemPatch, string> = { title: 'title', detail: 'detail', state: 'state', ownerUnit: 'owner_unit' };

const COLUMNS = `id, community, county, list, title, detail, state, owner_unit as "ownerUnit", source_meeting_id as "sourceMeetingId",
  created_at as "createdAt", updated_at as "updatedAt"`;

const BY_COMMUNITY: HotRead = {
  name: 'mediation.committee.byCommunity',
  text: `select ${COLUMNS} from {schema}.committee_item
         where community = $1 and ($2::text[] is null or state = any($2::text[]))
         order by list, created_at, id`,
};

function dated(i: ListItemRecord): ListItemRecord {
  return { ...i, createdAt: toDate(i.createdAt)!, updatedAt: toDate(i.updatedAt)! };
}

/** The community committee's four lists (四张清单) and their items. Writes run in the caller's transaction. */
@Injectable()
export class CommitteeRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  async insert(em: EntityManager, i: NewListItem): Promise<ListItemRecord> {
    const rows = await em.execute<ListItemRecord[]>(
      `insert into ${this.s}.committee_item (id, community, county, list, title, detail, state, owner_unit, source_meeting_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning ${COLUMNS}`,
      [i.id, i.community, i.county, i.list, i.title, i.detail, i.state, i.ownerUnit, i.sourceMeetingId],
    );
    return dated(rows[0]!);
  }

  /** Inside the transaction; `lock` holds the row until commit so updates go one at a time. */
  async byId(em: EntityManager, id: string, lock = false): Promise<ListItemRecord | null> {
    const rows = await em.execute<ListItemRecord[]>(`select ${COLUMNS} from ${this.s}.committee_item where id = ?${lock ? ' for update' : ''}`, [id]);
    return rows[0] ? dated(rows[0]) : null;
  }

  async patch(em: EntityManager, id: string, patch: ListItemPatch): Promise<ListItemRecord> {
    const keys = Object.keys(patch) as (keyof ListItemPatch)[];
    const sets = [...keys.map((k) => `${PATCH_COLUMNS[k]} = ?`), 'updated_at = now()'];
    const rows = await em.execute<ListItemRecord[]>(`update ${this.s}.committee_item set ${sets.join(', ')} where id = ? returning ${COLUMNS}`, [
      ...keys.map((k) => patch[k] ?? null),
      id,
    ]);
    return dated(rows[0]!);
  }

  async byCommunity(community: string, states: readonly ListItemState[] | null): Promise<ListItemRecord[]> {
    return (await this.reads.rows<ListItemRecord>(BY_COMMUNITY, [community, states])).map(dated);
  }
}

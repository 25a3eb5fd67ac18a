import { DB_SCHEMA } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { StewardRefRecord } from '../directory/directory.repository.js';
import { belowPattern } from '../petition/petition.repository.js';

/** A household of the registry's read model with the persons grids has told petitions live in it. */
export interface DemoHousehold {
  id: string;
  buildingId: string;
  number: string;
  region: string;
  memberPersonIds: string[];
}

/** When a whistle was blown and answered, as the demo's history places it. */
export interface WhistleTimes {
  blownAt: Date;
  ackDeadline: Date;
  acknowledgedAt: Date | null;
  /** The clock reported it (`whistle.overdue`) when its deadline passed unanswered. */
  overdueReported: boolean;
}

/**
 * What the demo seed needs beyond the service's own writes: the stewards' and households' read
 * models, and whistle and proposal times set in the past so that months of history look like
 * months. Never used by the service itself.
 */
@Injectable()
export class DemoRepository {
  constructor(@Inject(DB_SCHEMA) private readonly schema: string) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  async isEmpty(em: EntityManager): Promise<boolean> {
    const [row] = await em.execute<{ n: string }[]>(`select count(*) as n from ${this.s}.petition`);
    return Number(row!.n) === 0;
  }

  async stewards(em: EntityManager): Promise<StewardRefRecord[]> {
    const rows = await em.execute<StewardRefRecord[]>(
      `select id, person_id as "personId", number, class, grid, reports_to_id as "reportsToId" from ${this.s}.steward_ref order by grid, number`,
    );
    return rows.map((r) => ({ ...r, class: Number(r.class) }));
  }

  /** Households at or below `region` (a compound), by building and room. */
  async households(em: EntityManager, region: string): Promise<DemoHousehold[]> {
    return em.execute<DemoHousehold[]>(
      `select h.id, h.building_id as "buildingId", h.number, h.region,
         coalesce((select array_agg(m.person_id::text order by m.person_id) from ${this.s}.household_member_ref m where m.household_id = h.id), '{}'::text[]) as "memberPersonIds"
       from ${this.s}.household_ref h where h.region = ? or h.region like ? order by h.region, h.number`,
      [region, belowPattern(region)],
    );
  }

  async backdateProposal(em: EntityManager, id: string, createdAt: Date): Promise<void> {
    await em.execute(`update ${this.s}.proposal set created_at = ? where id = ?`, [createdAt, id]);
  }

  async backdateWhistle(em: EntityManager, id: string, t: WhistleTimes): Promise<void> {
    await em.execute(`update ${this.s}.whistle set blown_at = ?, ack_deadline = ?, acknowledged_at = ?, overdue_reported = ? where id = ?`, [
      t.blownAt,
      t.ackDeadline,
      t.acknowledgedAt,
      t.overdueReported,
      id,
    ]);
  }
}

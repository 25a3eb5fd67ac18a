import { DB_SCHEMA } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { PlaceRef, StewardRef } from '../directory/directory.repository.js';

/**
 * What the demo seed needs beyond the services' own writes: the read models whole, and times set
 * in the past so that a month of history looks like one. Never used by the service itself.
 */
@Injectable()
export class DemoRepository {
  constructor(@Inject(DB_SCHEMA) private readonly schema: string) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  async isEmpty(em: EntityManager): Promise<boolean> {
    const [row] = await em.execute<{ n: string }[]>(`select count(*) as n from ${this.s}.task`);
    return Number(row.n) === 0;
  }

  async stewards(em: EntityManager): Promise<StewardRef[]> {
    return em.execute(
      `select id, person_id as "personId", number, class, unit_id as "unitId", grid, community, reports_to_id as "reportsToId" from ${this.s}.steward_ref order by number`,
    );
  }

  async places(em: EntityManager): Promise<PlaceRef[]> {
    const rows = await em.execute<PlaceRef[]>(
      `select id, kind, name, region, public.st_y(location::public.geometry) as lat, public.st_x(location::public.geometry) as lng,
         checkin_radius_m as "checkinRadiusM", archived from ${this.s}.place_ref where not archived order by region, name`,
    );
    return rows.map((p) => ({ ...p, lat: Number(p.lat), lng: Number(p.lng) }));
  }

  async backdateTask(em: EntityManager, id: string, createdAt: Date, deadline: Date): Promise<void> {
    await em.execute(`update ${this.s}.task set created_at = ?, updated_at = ?, deadline = ? where id = ?`, [createdAt, createdAt, deadline, id]);
  }

  async backdateMicroWish(em: EntityManager, id: string, createdAt: Date): Promise<void> {
    await em.execute(`update ${this.s}.micro_wish set created_at = ? where id = ?`, [createdAt, id]);
  }

  async backdateClaim(em: EntityManager, id: string, claimedAt: Date): Promise<void> {
    await em.execute(`update ${this.s}.task_claim set claimed_at = ? where id = ?`, [claimedAt, id]);
  }
}

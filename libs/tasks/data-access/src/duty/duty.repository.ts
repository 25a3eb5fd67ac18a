import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

/** A cadre's duty check-in (报到) at their home community's office: at most one per steward and day. */
export interface DutyCheckInRecord {
  id: string;
  stewardId: string;
  placeId: string;
  community: string;
  /** China Standard Time day, YYYY-MM-DD. */
  day: string;
  distanceM: number;
  at: Date;
}

const DAYS_IN_YEAR: HotRead = {
  name: 'tasks.duty.daysInYear',
  text: `select to_char(day, 'YYYY-MM-DD') as day from {schema}.duty_checkin
         where steward_id = $1 and day >= make_date($2::int, 1, 1) and day < make_date($2::int + 1, 1, 1) order by day`,
};

@Injectable()
export class DutyRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  /** Metres on the sphere (PostGIS, use_spheroid = false) from the place's location to a point. */
  async distanceToPlace(em: EntityManager, placeId: string, at: { lat: number; lng: number }): Promise<number> {
    const [row] = await em.execute<{ d: number }[]>(
      `select public.st_distance(location, public.st_setsrid(public.st_makepoint(?::float8, ?::float8), 4326)::public.geography, false) as d
       from ${this.s}.place_ref where id = ?`,
      [at.lng, at.lat, placeId],
    );
    return Number(row!.d);
  }

  /** Inserts the day's check-in; false when the steward already has one that day (nothing written). */
  async insert(em: EntityManager, c: DutyCheckInRecord): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `insert into ${this.s}.duty_checkin (id, steward_id, place_id, community, day, distance_m, at) values (?, ?, ?, ?, ?::date, ?, ?)
       on conflict (steward_id, day) do nothing returning id`,
      [c.id, c.stewardId, c.placeId, c.community, c.day, c.distanceM, c.at],
    );
    return rows.length === 1;
  }

  /** The days (YYYY-MM-DD, ascending) a steward checked in during a calendar year. */
  async daysInYear(stewardId: string, year: number): Promise<string[]> {
    return (await this.reads.rows<{ day: string }>(DAYS_IN_YEAR, [stewardId, year])).map((r) => r.day);
  }
}

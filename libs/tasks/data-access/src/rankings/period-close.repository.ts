import { DB_SCHEMA } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

export interface ClosedPeriod {
  county: string;
  period: string;
  stewards: number;
  points: number;
}

/** Which counties have announced the close of a period, and what they earned in it. */
@Injectable()
export class PeriodCloseRepository {
  constructor(@Inject(DB_SCHEMA) private readonly schema: string) {}

  /**
   * Records the close of `period` for every county with earnings in it that has not announced it
   * yet, and answers those (each county once, however many replicas sweep at the same time).
   */
  async close(em: EntityManager, period: string): Promise<ClosedPeriod[]> {
    const rows = await em.execute<ClosedPeriod[]>(
      `insert into "${this.schema}".period_close (county, period, stewards, points)
       select split_part(community, '/', 1) || '/' || split_part(community, '/', 2), ?, count(*), sum(points)
       from "${this.schema}".points_period where period = ? group by 1
       on conflict (county, period) do nothing
       returning county, period, stewards, points`,
      [period, period],
    );
    return rows.map((r) => ({ ...r, stewards: Number(r.stewards), points: Number(r.points) }));
  }
}

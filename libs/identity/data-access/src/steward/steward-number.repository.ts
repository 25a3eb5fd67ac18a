import { DB_SCHEMA } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

/** Per-prefix counters behind steward numbers: one upsert, so concurrent enrolments never share a number. */
@Injectable()
export class StewardNumberRepository {
  constructor(@Inject(DB_SCHEMA) private readonly schema: string) {}

  /** The next sequence number under `prefix`, inside the caller's transaction. */
  async next(em: EntityManager, prefix: string): Promise<number> {
    const [row] = await em.execute<{ last: number }[]>(
      `insert into "${this.schema}".steward_number_counter (prefix, last) values (?, 1)
       on conflict (prefix) do update set last = steward_number_counter.last + 1 returning last`,
      [prefix],
    );
    return row!.last;
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { DB_SCHEMA } from '@gov/platform-persistence';
import { Inject, Injectable } from '@nestjs/common';

/** Lottery vouchers (积分奖券): one per five-star rated completion. */
@Injectable()
export class VoucherRepository {
  constructor(@Inject(DB_SCHEMA) private readonly schema: string) {}

  /** Issues the claim's voucher; null when it already has one (nothing written). */
  async issue(em: EntityManager, v: { id: string; stewardId: string; claimId: string; county: string }): Promise<string | null> {
    const rows = await em.execute<{ id: string }[]>(
      `insert into "${this.schema}".voucher (id, steward_id, claim_id, county) values (?, ?, ?, ?) on conflict (claim_id) do nothing returning id`,
      [v.id, v.stewardId, v.claimId, v.county],
    );
    return rows[0]?.id ?? null;
  }
}

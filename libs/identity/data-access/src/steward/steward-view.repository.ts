import type { StewardView } from '@gov/identity-contracts';
import { PreparedReads, type HotRead } from '@gov/platform-persistence';
import { Injectable } from '@nestjs/common';

const COLUMNS = `id, person_id as "personId", number, class, unit_id as "unitId", grid, building,
  deliberation_role as "deliberationRole", sentinel_role as "sentinelRole", reports_to_id as "reportsToId",
  enrolled_at as "enrolledAt", updated_at as "updatedAt"`;

const BY_ID: HotRead = { name: 'identity.steward.by-id', text: `select ${COLUMNS} from {schema}.steward where id = $1` };
const BY_IDS: HotRead = { name: 'identity.steward.by-ids', text: `select ${COLUMNS} from {schema}.steward where id = any($1::uuid[])` };

type StewardRow = Omit<StewardView, 'enrolledAt' | 'updatedAt'> & { enrolledAt: Date | string; updatedAt: Date | string };

/** Stewards as the API shows them, read by id on the hot path (see PreparedReads). */
@Injectable()
export class StewardViewRepository {
  constructor(private readonly reads: PreparedReads) {}

  async byId(id: string): Promise<StewardView | null> {
    const [row] = await this.reads.rows<StewardRow>(BY_ID, [id]);
    return row ? toView(row) : null;
  }

  /** In no particular order; unknown ids are left out. */
  async byIds(ids: readonly string[]): Promise<StewardView[]> {
    return (await this.reads.rows<StewardRow>(BY_IDS, [ids])).map(toView);
  }
}

function toView(row: StewardRow): StewardView {
  return { ...row, class: Number(row.class) as StewardView['class'], enrolledAt: iso(row.enrolledAt), updatedAt: iso(row.updatedAt) };
}

/** The ORM's pool may hand timestamps back as text or as Date, depending on its type parsers. */
function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

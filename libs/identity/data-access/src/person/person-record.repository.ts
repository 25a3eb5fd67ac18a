import { PreparedReads, type HotRead } from '@gov/platform-persistence';
import { Injectable } from '@nestjs/common';
import type { Person } from './person.entity.js';

/** A person's row as stored (personal data still encrypted), without the entity around it. */
export type PersonRecord = Pick<Person, 'id' | 'name' | 'phoneEnc' | 'idCardEnc' | 'region' | 'createdAt'>;

const COLUMNS = `id, name, phone_enc as "phoneEnc", id_card_enc as "idCardEnc", region, created_at as "createdAt"`;
const BY_ID: HotRead = { name: 'identity.person.by-id', text: `select ${COLUMNS} from {schema}.person where id = $1` };
const BY_IDS: HotRead = { name: 'identity.person.by-ids', text: `select ${COLUMNS} from {schema}.person where id = any($1::uuid[])` };

type PersonRow = Omit<PersonRecord, 'createdAt'> & { createdAt: Date | string };

/** Persons read by id on the hot path (see PreparedReads); decryption is the caller's. */
@Injectable()
export class PersonRecordRepository {
  constructor(private readonly reads: PreparedReads) {}

  async byId(id: string): Promise<PersonRecord | null> {
    const [row] = await this.reads.rows<PersonRow>(BY_ID, [id]);
    return row ? toRecord(row) : null;
  }

  /** In no particular order; unknown ids are left out. */
  async byIds(ids: readonly string[]): Promise<PersonRecord[]> {
    return (await this.reads.rows<PersonRow>(BY_IDS, [ids])).map(toRecord);
  }
}

function toRecord(row: PersonRow): PersonRecord {
  return { ...row, createdAt: row.createdAt instanceof Date ? row.createdAt : new Date(row.createdAt) };
}

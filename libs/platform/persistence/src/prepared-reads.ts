import type { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';

/**
 * A read that runs on every request (a steward by id, a person by id): a named statement whose
 * text names the service's schema as `{schema}`.
 */
export interface HotRead {
  /** Unique in the service: PostgreSQL keeps one prepared plan per name and connection. */
  readonly name: string;
  readonly text: string;
}

/**
 * Hot reads by key on the ORM's own pool, as prepared statements, without the EntityManager.
 *
 * Why: a one-row `em.findOne` spends most of identity's CPU in the ORM — the query is built,
 * compiled by kysely and sent as a fresh text each time, and the row is hydrated into an entity
 * with a change-tracking snapshot that a read throws away. A named statement is parsed and planned
 * once per connection, and the row comes back as a plain object. Writes, and reads inside a
 * transaction, stay on the EntityManager: they need its unit of work and the transaction's
 * connection.
 */
export class PreparedReads {
  #pool: Promise<Pool> | undefined;
  readonly #texts = new Map<string, string>();

  constructor(
    private readonly orm: MikroORM,
    private readonly schema: string,
  ) {}

  async rows<R>(read: HotRead, values: unknown[]): Promise<R[]> {
    this.#pool ??= this.orm.em.getConnection().getNativeClient();
    const pool = await this.#pool;
    const result = await pool.query<R & object>({ name: read.name, text: this.text(read), values });
    return result.rows;
  }

  /**
   * A read planned for its own values at every call (an unnamed statement): for lists and
   * aggregates whose optional filters and ranges make any one generic plan wrong for most calls —
   * PostgreSQL switches a named statement to a generic plan after five runs. Planning costs well
   * under a millisecond.
   */
  async planned<R>(read: HotRead, values: unknown[]): Promise<R[]> {
    this.#pool ??= this.orm.em.getConnection().getNativeClient();
    const pool = await this.#pool;
    const result = await pool.query<R & object>(this.text(read), values);
    return result.rows;
  }

  private text(read: HotRead): string {
    let text = this.#texts.get(read.name);
    if (text === undefined) {
      text = read.text.replaceAll('{schema}', `"${this.schema}"`);
      this.#texts.set(read.name, text);
    }
    return text;
  }
}

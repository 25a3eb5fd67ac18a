import { DB_SCHEMA } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

export type ThrottleScope = 'account' | 'address';

/** One counter of failed sign-ins (migration 003); `key` is an HMAC, never a login name or address. */
export interface ThrottleCounter {
  scope: ThrottleScope;
  key: string;
}

export interface ThrottleCounterState {
  scope: ThrottleScope;
  failures: number;
  /** Seconds until the counter's window ends (negative once it has). */
  remaining: number;
}

/**
 * The login_throttle table (apps/identity/src/access/login-throttle.ts decides what to count and
 * when to refuse). Every method runs in the caller's transaction; `windowSeconds` is the length
 * of a counter's window (LOGIN_THROTTLE_WINDOW_SECONDS).
 */
@Injectable()
export class LoginThrottleRepository {
  constructor(@Inject(DB_SCHEMA) private readonly schema: string) {}

  /**
   * Creates the counters that do not exist yet and locks them until the transaction ends, always
   * in one order (scope, key), so concurrent sign-ins cannot deadlock; returns what they hold.
   */
  async lock(em: EntityManager, counters: ThrottleCounter[], windowSeconds: number): Promise<ThrottleCounterState[]> {
    const { pairs, params } = keyList(counters);
    await em.execute(`insert into ${this.table} (scope, key) values ${pairs} on conflict do nothing`, params);
    return em.execute<ThrottleCounterState[]>(
      `select scope, failures, extract(epoch from window_started_at + cast(? as int) * interval '1 second' - now())::float8 as remaining
       from ${this.table} where (scope, key) in (${pairs}) order by scope, key for update`,
      [windowSeconds, ...params],
    );
  }

  /** Counts one attempt on each counter; a counter whose window is over starts a new one at 1. */
  async count(em: EntityManager, counters: ThrottleCounter[], windowSeconds: number): Promise<void> {
    const { pairs, params } = keyList(counters);
    await em.execute(
      `update ${this.table} set
         failures = case when window_started_at + cast(? as int) * interval '1 second' <= now() then 1 else failures + 1 end,
         window_started_at = case when window_started_at + cast(? as int) * interval '1 second' <= now() then now() else window_started_at end
       where (scope, key) in (${pairs})`,
      [windowSeconds, windowSeconds, ...params],
    );
  }

  /** Drops an account's counter (the account starts afresh). */
  async clearAccount(em: EntityManager, key: string): Promise<void> {
    await em.execute(`delete from ${this.table} where scope = 'account' and key = ?`, [key]);
  }

  /** Takes one counted attempt back from an address. */
  async giveBackAddress(em: EntityManager, key: string): Promise<void> {
    await em.execute(`update ${this.table} set failures = greatest(failures - 1, 0) where scope = 'address' and key = ?`, [key]);
  }

  /** Deletes counters whose window started more than `windowSeconds` ago, so the table stays as small as the current attacks. */
  async sweep(em: EntityManager, windowSeconds: number): Promise<void> {
    await em.execute(`delete from ${this.table} where window_started_at < now() - cast(? as int) * interval '1 second'`, [windowSeconds]);
  }

  private get table(): string {
    return `"${this.schema}".login_throttle`;
  }
}

function keyList(counters: ThrottleCounter[]): { pairs: string; params: string[] } {
  return { pairs: counters.map(() => '(?, ?)').join(', '), params: counters.flatMap((c) => [c.scope, c.key]) };
}

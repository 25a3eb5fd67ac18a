import { AppError } from '@gov/kernel';
import { PiiCipher } from '@gov/platform-persistence';
import { SERVICE_CONFIG } from '@gov/platform-service';
import { Inject, Injectable } from '@nestjs/common';
import type { IdentityConfig } from '../config.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isIPv4 } from 'node:net';

export type LoginThrottleConfig = Pick<IdentityConfig, 'LOGIN_MAX_FAILURES_PER_ACCOUNT' | 'LOGIN_MAX_FAILURES_PER_ADDRESS' | 'LOGIN_THROTTLE_WINDOW_SECONDS'>;

type Scope = 'account' | 'address';

/** The counters one sign-in touches: HMACs, so the table holds no login name or address in the clear. */
export interface ThrottleKeys {
  account: string;
  address: string | null;
}

/**
 * Throttles sign-in per account and per client address with counters in PostgreSQL, so every
 * replica sees the same counts. An attempt is counted *before* its password is checked, under a
 * row lock: parallel guesses cannot all slip past the limit. A success takes its count back,
 * and clears the account's counter.
 *
 * Fixed windows: the first counted failure opens a window of LOGIN_THROTTLE_WINDOW_SECONDS; once
 * the limit is reached, attempts are refused (before any password check, so refusals cost no
 * hashing) until the window ends. Unknown login names are counted like accounts, so the answers
 * do not tell which logins exist.
 */
@Injectable()
export class LoginThrottle {
  private readonly table: string;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
    private readonly pii: PiiCipher,
  ) {
    this.table = `"${config.DB_SCHEMA}".login_throttle`;
  }

  /** `accountId` when the login names an account (username and phone then share one counter), else the login name. */
  keys(accountId: string | null, login: string, clientAddress: string | undefined): ThrottleKeys {
    return {
      account: this.pii.blindIndex(accountId ? `account:${accountId}` : `login:${login.trim().toLowerCase()}`),
      address: clientAddress ? this.pii.blindIndex(`address:${addressKey(clientAddress)}`) : null,
    };
  }

  /** Counts an attempt, or refuses it (UNAUTHENTICATED, TOO_MANY_ATTEMPTS) when a counter is at its limit. In its own transaction. */
  async begin(em: EntityManager, keys: ThrottleKeys): Promise<void> {
    const counters = this.counters(keys);
    const pairs = counters.map(() => '(?, ?)').join(', ');
    const params = counters.flatMap((c) => [c.scope, c.key]);
    await em.execute(`insert into ${this.table} (scope, key) values ${pairs} on conflict do nothing`, params);
    // Locked in one order (scope, key) by every attempt: no deadlocks between concurrent sign-ins.
    const rows = await em.execute<{ scope: Scope; failures: number; remaining: number }[]>(
      `select scope, failures, extract(epoch from window_started_at + cast(? as int) * interval '1 second' - now())::float8 as remaining
       from ${this.table} where (scope, key) in (${pairs}) order by scope, key for update`,
      [this.config.LOGIN_THROTTLE_WINDOW_SECONDS, ...params],
    );
    const waits = rows.filter((r) => r.remaining > 0 && r.failures >= this.limit(r.scope)).map((r) => Math.max(1, Math.ceil(r.remaining)));
    if (waits.length) throw tooManyAttempts(Math.max(...waits));
    await em.execute(
      `update ${this.table} set
         failures = case when window_started_at + cast(? as int) * interval '1 second' <= now() then 1 else failures + 1 end,
         window_started_at = case when window_started_at + cast(? as int) * interval '1 second' <= now() then now() else window_started_at end
       where (scope, key) in (${pairs})`,
      [this.config.LOGIN_THROTTLE_WINDOW_SECONDS, this.config.LOGIN_THROTTLE_WINDOW_SECONDS, ...params],
    );
  }

  /** After a good password, in the transaction that issues the tokens: the account starts afresh, the address gets its count back. */
  async succeeded(em: EntityManager, keys: ThrottleKeys): Promise<void> {
    await em.execute(`delete from ${this.table} where scope = 'account' and key = ?`, [keys.account]);
    if (keys.address) await em.execute(`update ${this.table} set failures = greatest(failures - 1, 0) where scope = 'address' and key = ?`, [keys.address]);
    // Sweep counters whose window is long over, so the table stays as small as the current attacks.
    await em.execute(`delete from ${this.table} where window_started_at < now() - cast(? as int) * interval '1 second'`, [this.config.LOGIN_THROTTLE_WINDOW_SECONDS]);
  }

  private counters(keys: ThrottleKeys): { scope: Scope; key: string }[] {
    return [{ scope: 'account' as const, key: keys.account }, ...(keys.address ? [{ scope: 'address' as const, key: keys.address }] : [])];
  }

  private limit(scope: Scope): number {
    return scope === 'account' ? this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT : this.config.LOGIN_MAX_FAILURES_PER_ADDRESS;
  }
}

/**
 * The refusal. UNAUTHENTICATED (the sign-in did not happen) with its own reason; clients read
 * the wait from `fields` (path `retryAfterSeconds`), which the gateway also lifts into
 * `extensions.retryAfterSeconds`.
 */
export function tooManyAttempts(retryAfterSeconds: number): AppError {
  return new AppError('UNAUTHENTICATED', `too many failed sign-ins; try again in ${retryAfterSeconds} seconds`, 'TOO_MANY_ATTEMPTS', [
    { path: 'retryAfterSeconds', message: String(retryAfterSeconds) },
  ]);
}

/** What one client is: an IPv4 address, or an IPv6 /64 (one subscriber usually holds a whole /64). */
export function addressKey(ip: string): string {
  if (isIPv4(ip)) return ip;
  let s = ip.toLowerCase().split('%')[0]!;
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    s = `${s.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = s.split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups = tail === undefined ? front : [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

import { LoginThrottleRepository, type ThrottleCounter, type ThrottleScope } from '@gov/identity-data-access';
import { AppError } from '@gov/kernel';
import { PiiCipher } from '@gov/platform-persistence';
import { SERVICE_CONFIG } from '@gov/platform-service';
import { Inject, Injectable } from '@nestjs/common';
import type { IdentityConfig } from '../config.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isIPv4 } from 'node:net';

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
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
    private readonly pii: PiiCipher,
    private readonly counters: LoginThrottleRepository,
  ) {}

  /** `accountId` when the login names an account (username and phone then share one counter), else the login name. */
  keys(accountId: string | null, login: string, clientAddress: string | undefined): ThrottleKeys {
    return {
      account: this.pii.blindIndex(accountId ? `account:${accountId}` : `login:${login.trim().toLowerCase()}`),
      address: clientAddress ? this.pii.blindIndex(`address:${addressKey(clientAddress)}`) : null,
    };
  }

  /** Counts an attempt, or refuses it (UNAUTHENTICATED, TOO_MANY_ATTEMPTS) when a counter is at its limit. In its own transaction. */
  async begin(em: EntityManager, keys: ThrottleKeys): Promise<void> {
    const counters = counterList(keys);
    const window = this.config.LOGIN_THROTTLE_WINDOW_SECONDS;
    // Locked in one order (scope, key) by every attempt: no deadlocks between concurrent sign-ins.
    const rows = await this.counters.lock(em, counters, window);
    const waits = rows.filter((r) => r.remaining > 0 && r.failures >= this.limit(r.scope)).map((r) => Math.max(1, Math.ceil(r.remaining)));
    if (waits.length) throw tooManyAttempts(Math.max(...waits));
    await this.counters.count(em, counters, window);
  }

  /** After a good password, in the transaction that issues the tokens: the account starts afresh, the address gets its count back. */
  async succeeded(em: EntityManager, keys: ThrottleKeys): Promise<void> {
    await this.counters.clearAccount(em, keys.account);
    if (keys.address) await this.counters.giveBackAddress(em, keys.address);
    // Sweep counters whose window is long over, so the table stays as small as the current attacks.
    await this.counters.sweep(em, this.config.LOGIN_THROTTLE_WINDOW_SECONDS);
  }

  private limit(scope: ThrottleScope): number {
    return scope === 'account' ? this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT : this.config.LOGIN_MAX_FAILURES_PER_ADDRESS;
  }
}

function counterList(keys: ThrottleKeys): ThrottleCounter[] {
  return [{ scope: 'account', key: keys.account }, ...(keys.address ? [{ scope: 'address' as const, key: keys.address }] : [])];
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

import { Migration } from '@mikro-orm/migrations';

/**
 * Failed sign-ins per account and per client address in the current window, shared by every
 * replica (apps/identity/src/access/login-throttle.ts). Keys are HMACs (the PII blind-index key):
 * no login name or IP address is stored in the clear.
 */
export class Migration003LoginThrottle extends Migration {
  override up(): void {
    this.addSql(`create table login_throttle (
      scope text not null check (scope in ('account','address')),
      key text not null,
      failures int not null default 0,
      window_started_at timestamptz not null default now(),
      primary key (scope, key))`);
    // Expired rows are swept by age.
    this.addSql(`create index login_throttle_window on login_throttle (window_started_at)`);
  }
}
